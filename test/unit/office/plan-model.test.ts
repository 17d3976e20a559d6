import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/shared/schemas';
import type { LiveTarget } from '../../../src/client/office/api-plan';
import { cellKey, cellsFrom, parseBlock, paste, readCell, rowSum, sharesToSave, unassigned } from '../../../src/client/office/plan/shares-model';
import { headerOf, isCountedUnit, move, newRow, ordered, planSave, rowFromTarget, withUnit } from '../../../src/client/office/plan/targets-model';

const plan: Plan = {
  id: 'p1', issuerUnitId: 'c1', number: '01/KH', issuedOn: null, year: 2026, issuer: 'UBND', title: 'Kế hoạch', theme: '',
  rounds: [], reporting: ['year'], status: 'draft',
};
const target = (id: string, extra: Partial<LiveTarget> = {}): LiveTarget => ({
  id, planId: 'p1', parentId: null, position: 1, area: 'economy', label: `Chỉ tiêu ${id}`, unit: 'hộ', comparator: 'atLeast',
  value: 100, valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum', assigneeUnitId: null, source: null, ...extra,
});

describe('shares grid', () => {
  const t1 = target('t1');
  const rate = target('t2', { measure: 'rate', aggregation: 'weightedRate', unit: '%', value: 90 });
  const status = target('t3', { measure: 'status', aggregation: 'count', comparator: 'done', value: null, unit: null });

  it('reads cells the way people type and Excel copies', () => {
    expect(readCell('1.110', t1)).toEqual({ assigned: true, share: 1110 });
    expect(readCell('6.294,3', t1)).toEqual({ assigned: true, share: 6294.3 });
    expect(readCell(' x ', t1)).toEqual({ assigned: true, share: null });
    expect(readCell('', t1)).toEqual({ assigned: false });
    expect(readCell('abc', t1)).toEqual({ invalid: true });
    expect(readCell('-5', t1)).toEqual({ invalid: true });
    expect(readCell('1', status)).toEqual({ assigned: true, share: null });
    expect(readCell('0', status)).toEqual({ assigned: false });
  });

  it('pastes a tab-separated block from the cell it lands on, counting what falls outside', () => {
    const block = parseBlock('10\t20\t30\r\n5\t6\t7\r\n');
    expect(block).toEqual([['10', '20', '30'], ['5', '6', '7']]);
    const { cells, changed, outside } = paste({}, ['t1', 't2'], ['a', 'b'], 0, 0, block);
    expect(changed).toBe(4);
    expect(outside).toBe(2);
    expect(cells[cellKey('t1', 'b')]).toBe('20');
    expect(cells[cellKey('t2', 'a')]).toBe('5');
  });

  it('sums quantities against the commune target, never rates or statuses', () => {
    const cells = { [cellKey('t1', 'a')]: '40', [cellKey('t1', 'b')]: '50,5', [cellKey('t2', 'a')]: '95' };
    expect(rowSum(t1, ['a', 'b'], cells)).toEqual({ total: 90.5, target: 100, difference: -9.5 });
    expect(rowSum(rate, ['a', 'b'], cells)).toBeNull();
    expect(rowSum(status, ['a'], cells)).toBeNull();
  });

  it('saves only the targets whose units or shares changed, and finds those nobody carries', () => {
    const saved = [{ id: 'x', planId: 'p1', targetId: 't1', unitId: 'a', share: 40 }];
    const cells = { ...cellsFrom(saved), [cellKey('t2', 'b')]: 'x' };
    expect(cells[cellKey('t1', 'a')]).toBe('40');
    const { saves, invalid } = sharesToSave([t1, rate, status], ['a', 'b'], cells, saved);
    expect(invalid).toEqual([]);
    expect(saves).toEqual([{ targetId: 't2', assignments: [{ unitId: 'b', share: null }] }]);
    expect(unassigned([t1, rate, status, { ...status, id: 't4', communeOnly: true }], ['a', 'b'], cells).map((x) => x.id)).toEqual(['t3']);
  });
});

describe('targets editor', () => {
  it('defaults "số nguyên" by unit until set by hand', () => {
    expect(isCountedUnit('Hộ')).toBe(true);
    expect(isCountedUnit('ha')).toBe(false);
    const row = newRow('n1', 'society');
    expect(withUnit(row, 'ha').wholeNumber).toBe(false);
    expect(withUnit({ ...row, wholeTouched: true, wholeNumber: true }, 'ha').wholeNumber).toBe(true);
  });

  it('orders rows by area with children under their parent, and moves among siblings', () => {
    const rows = [
      rowFromTarget(target('a', { area: 'society' })),
      rowFromTarget(target('b')),
      rowFromTarget(target('c', { parentId: 'b' })),
      rowFromTarget(target('d')),
    ];
    expect(ordered(rows).map((r) => r.key)).toEqual(['b', 'c', 'd', 'a']);
    expect(ordered(move(rows, 'd', -1)).map((r) => r.key)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('saves only what changed: a patch of the changed fields, creates with their ids, deletes children first', () => {
    const original = [target('a', { position: 1 }), target('b', { position: 2 }), target('c', { position: 3, parentId: 'b' })];
    const rows = original.map(rowFromTarget);
    rows[0] = { ...rows[0]!, label: 'Đổi tên', value: '120' };
    rows[1] = { ...rows[1]!, dropped: true };
    rows[2] = { ...rows[2]!, dropped: true };
    rows.push(withUnit({ ...newRow('n1', 'economy'), label: 'Mới', value: '5' }, 'con'));
    const { errors, steps } = planSave(plan, headerOf(plan), rows, original);
    expect(errors).toEqual([]);
    expect(steps).toEqual([
      { kind: 'patch', key: 'a', patch: { label: 'Đổi tên', value: 120 } },
      { kind: 'create', key: 'n1', input: expect.objectContaining({ id: 'n1', label: 'Mới', value: 5, unit: 'con', wholeNumber: true, position: 2 }) },
      { kind: 'delete', key: 'c' },
      { kind: 'delete', key: 'b' },
    ]);
  });

  it('refuses to save a row the server would refuse, and sends nothing unchanged', () => {
    const original = [target('a')];
    expect(planSave(plan, headerOf(plan), original.map(rowFromTarget), original).steps).toEqual([]);
    const bad = [{ ...rowFromTarget(original[0]!), value: 'nhiều' }];
    expect(planSave(plan, headerOf(plan), bad, original).errors[0]).toMatchObject({ where: 'a', field: 'value' });
    const header = { ...headerOf(plan), title: 'Tên mới' };
    expect(planSave(plan, header, original.map(rowFromTarget), original).steps).toEqual([{ kind: 'header', patch: { title: 'Tên mới' } }]);
  });
});
