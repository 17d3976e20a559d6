/**
 * Defaults of a target's flags. "Số nguyên" (whole numbers) is on by default for units that
 * count whole things — households, head of livestock, people, villages — so "12,5 hộ" is refused.
 */
export const COUNTED_UNITS: readonly string[] = [
  'hộ', 'con', 'người', 'thôn', 'làng', 'nhà', 'lao động', 'học sinh', 'cháu', 'tiêu chí', 'cơ sở', 'trường',
  'xã', 'đơn vị', 'chi hội', 'hội viên', 'đoàn viên', 'công trình', 'mô hình', 'lượt', 'cái', 'chiếc',
];

/** Whether a target with this unit of measure counts whole things (case and spaces ignored). */
export function defaultWholeNumber(unit: string | null | undefined): boolean {
  if (!unit) return false;
  return COUNTED_UNITS.includes(unit.trim().toLowerCase().normalize('NFC'));
}
