/** The office's words for linked targets (issue 10), merged into office/messages.ts. */
export const linkVi = {
  'link.title': 'Liên kết sổ hộ',
  'link.none': 'Không liên kết',
  'link.register': 'Sổ hộ',
  'link.criteria': 'Bộ tiêu chí NTM',
  'link.item': 'Đếm hộ',
  'link.wholeChecklist': 'Hộ đạt cả bộ tiêu chí',
  'link.criteriaCode': 'Mã bộ tiêu chí',
  'link.remove': 'Bỏ liên kết',
  'link.registerMisfit': 'Chỉ tiêu liên kết sổ hộ phải tính bằng "hộ" hoặc là tỷ lệ hộ.',
  'link.criteriaMisfit': 'Chỉ tiêu liên kết bộ tiêu chí NTM phải có dạng "x/y tiêu chí".',
  'link.beside': 'Sổ hộ',
  'link.households': 'hộ',
  'link.differs': 'số báo cáo khác sổ hộ, xem ghi chú',
};

export const linkEn: Record<keyof typeof linkVi, string> = {
  'link.title': 'Link to a household register',
  'link.none': 'Not linked',
  'link.register': 'Register',
  'link.criteria': 'NTM criteria set',
  'link.item': 'Count households',
  'link.wholeChecklist': 'Meeting the whole checklist',
  'link.criteriaCode': 'Criteria set code',
  'link.remove': 'Remove link',
  'link.registerMisfit': 'A target linked to a register must count households ("hộ") or be a rate of households.',
  'link.criteriaMisfit': 'A target linked to the NTM criteria must be "x of y criteria".',
  'link.beside': 'Register',
  'link.households': 'households',
  'link.differs': 'the figure differs from the register, see the note',
};
