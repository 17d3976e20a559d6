/**
 * The shares grid as data: one text cell per (target, unit), read the way a person types or
 * Excel copies ("1.110", "6.294,3", "x" for "carries it, no figure"), a pasted block spread
 * from the cell it lands on, each row's sum against the commune's figure, and the requests a
 * save makes (one replace per changed target, so sending again changes nothing). Pure.
 */
import type { Assignment } from '../../../shared/schemas/targets';
import { formatViNumber, parseTypedNumber } from '../../../shared/vi-number';
import type { LiveTarget } from '../api-plan';

export type Cells = Record<string, string>;
export const cellKey = (targetId: string, unitId: string) => `${targetId}:${unitId}`;

/** Marks meaning "this unit carries the target" without a figure of its own. */
const MARKS = new Set(['x', '✓', 'v', 'có', 'co', 'c']);

/** Whether a row's shares add up to the commune's figure: only a summed quantity does. */
export function sums(target: LiveTarget): boolean {
  return target.measure === 'quantity' && target.aggregation === 'sum';
}

export type CellReading = { assigned: false } | { assigned: true; share: number | null } | { invalid: true };

export function readCell(text: string, target: LiveTarget): CellReading {
  const s = text.trim();
  if (s === '' || s === '-' || s === '—') return { assigned: false };
  if (MARKS.has(s.toLowerCase())) return { assigned: true, share: null };
  const n = parseTypedNumber(s.replace(/^-/, '')) ;
  if (!n || s.startsWith('-')) return { invalid: true };
  // A status has no figure to carry: any number but 0 means the unit carries it.
  if (target.measure === 'status') return n.value === 0 ? { assigned: false } : { assigned: true, share: null };
  return { assigned: true, share: n.value };
}

export function cellsFrom(assignments: Assignment[]): Cells {
  const cells: Cells = {};
  for (const a of assignments) cells[cellKey(a.targetId, a.unitId)] = a.share === null ? 'x' : formatViNumber(a.share);
  return cells;
}

/** Excel's clipboard: rows by line break, cells by tab; the last line break ends the block. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t').map((c) => c.replace(/^"(.*)"$/s, '$1')));
}

/** Lays a block over the grid from one cell; what falls outside the grid is counted, not kept. */
export function paste(cells: Cells, rowIds: string[], colIds: string[], row: number, col: number, block: string[][]): { cells: Cells; changed: number; outside: number } {
  const next = { ...cells };
  let changed = 0;
  let outside = 0;
  block.forEach((line, i) => line.forEach((text, j) => {
    const r = rowIds[row + i];
    const c = colIds[col + j];
    if (!r || !c) {
      if (text.trim() !== '') outside++;
      return;
    }
    next[cellKey(r, c)] = text.trim();
    changed++;
  }));
  return { cells: next, changed, outside };
}

export interface RowSum { total: number; target: number | null; difference: number | null }

export function rowSum(target: LiveTarget, unitIds: string[], cells: Cells): RowSum | null {
  if (!sums(target)) return null;
  let total = 0;
  for (const u of unitIds) {
    const r = readCell(cells[cellKey(target.id, u)] ?? '', target);
    if ('share' in r && r.share !== null) total += r.share;
  }
  // Float sums of decimal shares (0,1 + 0,2) are rounded to what a person would write.
  total = Math.round(total * 1e6) / 1e6;
  const goal = target.value;
  return { total, target: goal, difference: goal === null ? null : Math.round((total - goal) * 1e6) / 1e6 };
}

export interface ShareSave { targetId: string; assignments: Array<{ unitId: string; share: number | null }> }

/** The targets whose set of units or shares differs from what the server holds. */
export function sharesToSave(targets: LiveTarget[], unitIds: string[], cells: Cells, saved: Assignment[]): { saves: ShareSave[]; invalid: string[] } {
  const invalid: string[] = [];
  const saves: ShareSave[] = [];
  for (const t of targets) {
    const wanted: ShareSave['assignments'] = [];
    for (const u of unitIds) {
      const r = readCell(cells[cellKey(t.id, u)] ?? '', t);
      if ('invalid' in r) invalid.push(cellKey(t.id, u));
      else if (r.assigned) wanted.push({ unitId: u, share: r.share });
    }
    const before = saved.filter((a) => a.targetId === t.id && unitIds.includes(a.unitId)).map((a) => `${a.unitId}=${a.share}`).sort();
    const after = wanted.map((a) => `${a.unitId}=${a.share}`).sort();
    if (before.join() !== after.join()) saves.push({ targetId: t.id, assignments: wanted });
  }
  return { saves, invalid };
}

/** Targets no unit carries: activation refuses them unless they are commune-only. */
export function unassigned(targets: LiveTarget[], unitIds: string[], cells: Cells): LiveTarget[] {
  return targets.filter((t) => !t.communeOnly && !unitIds.some((u) => {
    const r = readCell(cells[cellKey(t.id, u)] ?? '', t);
    return 'assigned' in r && r.assigned;
  }));
}
