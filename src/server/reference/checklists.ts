/**
 * The checklists shipped with the app, as data files in `reference/checklists/` (each with its
 * source, and `confirmed: false` where we could not check it against a published text). They
 * are validated here, so a broken file fails at start and in the tests, not on a phone.
 * A commune adds its own versions through the API; a new version never rewrites what was
 * ticked under an older one (assessments name the version they were made under).
 */
import { ChecklistSet } from '../../shared/schemas/registers';
import fiveNoThreeClean2014 from '../../../reference/checklists/5k3s-2014.json' with { type: 'json' };
import fiveNoThreeClean2025 from '../../../reference/checklists/5k3s-2025.json' with { type: 'json' };
import ntmHousehold2022 from '../../../reference/checklists/ntm-ho-gia-dinh-2022.json' with { type: 'json' };
import culturalFamily2024 from '../../../reference/checklists/gia-dinh-van-hoa-2024.json' with { type: 'json' };

function load(name: string, data: unknown): ChecklistSet {
  const parsed = ChecklistSet.safeParse(data);
  if (!parsed.success) throw new Error(`reference/checklists/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const codes = parsed.data.items.map((i) => i.code);
  if (new Set(codes).size !== codes.length) throw new Error(`reference/checklists/${name}: an item code appears twice`);
  return parsed.data;
}

export const SHIPPED_CHECKLISTS: readonly ChecklistSet[] = [
  load('5k3s-2014.json', fiveNoThreeClean2014),
  load('5k3s-2025.json', fiveNoThreeClean2025),
  load('ntm-ho-gia-dinh-2022.json', ntmHousehold2022),
  load('gia-dinh-van-hoa-2024.json', culturalFamily2024),
];
