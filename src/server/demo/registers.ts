/**
 * Versioned reference sets the demo loads: the Women's Union "5 không, 3 sạch" household
 * checklist. It is data with its source and validity, so the next revision is a new version,
 * not a code edit. The NTM criteria sets are shipped files (reference/criteria/, loaded by
 * server/reference/criteria.ts), not demo data.
 */
import type { ChecklistSet } from '../../shared/schemas/registers';
import { demoId, ID_GROUP } from './commune';

export const CHECKLIST_5K3S: ChecklistSet = {
  id: demoId(ID_GROUP.checklist, 1),
  code: '5k3s',
  version: '2017',
  name: '5 không, 3 sạch',
  source: 'Cuộc vận động "Xây dựng gia đình 5 không, 3 sạch" của Hội Liên hiệp Phụ nữ Việt Nam (tiêu chí điều chỉnh năm 2017)',
  validFrom: '2017-01-01',
  validTo: null,
  items: [
    { code: 'khong-doi-ngheo', label: 'Không đói nghèo', group: '5 không' },
    { code: 'khong-vi-pham-phap-luat', label: 'Không vi phạm pháp luật và tệ nạn xã hội', group: '5 không' },
    { code: 'khong-bao-luc-gia-dinh', label: 'Không bạo lực gia đình', group: '5 không' },
    { code: 'khong-vi-pham-dan-so', label: 'Không vi phạm chính sách dân số (sinh con thứ 3 trở lên)', group: '5 không' },
    { code: 'khong-suy-dinh-duong-bo-hoc', label: 'Không có trẻ em suy dinh dưỡng và bỏ học', group: '5 không' },
    { code: 'sach-nha', label: 'Sạch nhà', group: '3 sạch' },
    { code: 'sach-bep', label: 'Sạch bếp', group: '3 sạch' },
    { code: 'sach-ngo', label: 'Sạch ngõ', group: '3 sạch' },
  ],
};
