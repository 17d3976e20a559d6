/**
 * G7: an app update never loses work. A phone still holding the version-1 database (written
 * by the previous release) opens it with version 2: drafts and the outbox survive, migrated,
 * and the new period index works on the old rows.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { FieldDb } from '../../src/client/data/db';
import { uuidv7 } from '../../src/shared/ids';
import type { ReportSubmission } from '../../src/shared/schemas';

const report = (periodId: string): ReportSubmission => ({
  id: uuidv7(), unitId: 'thon-1', planId: 'kh-2025', periodId,
  values: [{ targetId: 't-bo', value: 1110 }, { targetId: 't-bhyt', numerator: 96, denominator: 100 }],
  note: 'Số liệu đợt 1', createdAt: '2025-06-01T02:00:00.000Z', supersedes: null,
});

it('G7: drafts and outbox written by schema version 1 survive the upgrade to the current version, migrated', async () => {
  const name = `upgrade-${Date.now()}`;
  // The previous release: version 1 only, rows as it wrote them (no periodId, no supersedes).
  const v1 = new FieldDb(name, 1);
  const queued = report('kh-2025:h1');
  const rejected = report('kh-2025:h2');
  await v1.table('outbox').bulkAdd([
    { id: queued.id, report: queued, status: 'queued', attempts: 2, lastError: null, queuedAt: 1000 },
    { id: rejected.id, report: rejected, status: 'rejected', attempts: 1, lastError: { code: 'report.unknown_target', message: 'Không tìm thấy chỉ tiêu.' }, queuedAt: 2000 },
  ]);
  await v1.table('drafts').put({ periodId: 'kh-2025:y', fields: { 't-bo': '1.110', 't-lua': '2.5' }, note: 'đang nhập', updatedAt: 3000 });
  await v1.table('meta').put({ key: 'token', value: 'device-token' });
  expect(v1.verno).toBe(1);
  v1.close();

  const v2 = new FieldDb(name);
  await v2.open();
  expect(v2.verno).toBe(4); // 2: outbox by period; 3: household assessments; 4: NTM tracker, household change queue
  const items = await v2.outbox.orderBy('queuedAt').toArray();
  expect(items.map((i) => i.report)).toEqual([queued, rejected]);
  expect(items.map((i) => i.periodId)).toEqual(['kh-2025:h1', 'kh-2025:h2']);
  expect(items[1]).toMatchObject({ status: 'rejected', attempts: 1, lastError: { code: 'report.unknown_target' } });
  // The version-2 index answers for rows written before it existed.
  expect((await v2.outbox.where('periodId').equals('kh-2025:h2').toArray()).map((i) => i.id)).toEqual([rejected.id]);
  const draft = await v2.drafts.get('kh-2025:y');
  expect(draft).toEqual({ periodId: 'kh-2025:y', fields: { 't-bo': '1.110', 't-lua': '2.5' }, note: 'đang nhập', updatedAt: 3000, supersedes: null });
  expect((await v2.drafts.orderBy('updatedAt').first())?.periodId).toBe('kh-2025:y');
  expect((await v2.meta.get('token'))?.value).toBe('device-token');
  // Version 3's new table is there, empty, and indexed by household.
  expect(await v2.assessments.where('householdId').equals('h1').count()).toBe(0);
  // Version 4's tables (NTM choices, the village's indicator states by unit): there, empty.
  expect(await v2.ntmTrackers.count()).toBe(0);
  expect(await v2.ntmStates.where('unitId').equals('u1').count()).toBe(0);
  v2.close();
});

it('issue 10: a version-3 phone holding households, assessments and a queued report upgrades to version 4 with all of it, and the new household queue works', async () => {
  const name = `upgrade-v3-${Date.now()}`;
  const v3 = new FieldDb(name, 3);
  const queued = report('kh-2025:h1');
  await v3.table('outbox').add({ id: queued.id, report: queued, status: 'queued', attempts: 0, lastError: null, queuedAt: 1000, periodId: queued.periodId });
  const household = {
    id: uuidv7(), unitId: 'hoi-pn', headName: 'Nguyễn Thị Hoa', hamlet: 'Xóm 1', address: null, members: 4, poor: false, nearPoor: false,
    status: 'active', statusReason: null, mergedInto: null, anonymisedAt: null, revision: 3, conflicts: [], updatedAt: '2026-01-01T00:00:00.000Z',
  };
  await v3.table('households').put(household);
  await v3.table('assessments').put({
    id: uuidv7(), householdId: household.id, checklistId: 'ck-5k3s', checklistVersion: '2014', periodId: 'kh-2026:y', items: { 'sach-nha': true }, by: 'Hoa', at: '2026-01-01T00:00:00.000Z',
  });
  v3.close();

  const v4 = new FieldDb(name);
  await v4.open();
  expect(v4.verno).toBe(4);
  expect((await v4.outbox.get(queued.id))?.report).toEqual(queued);
  expect(await v4.households.get(household.id)).toEqual(household);
  // The new compound index answers for an assessment written by version 3.
  expect(await v4.assessments.where('[checklistId+periodId]').equals(['ck-5k3s', 'kh-2026:y']).count()).toBe(1);
  expect(await v4.householdOutbox.where('status').equals('queued').count()).toBe(0);
  expect(await v4.checklists.count()).toBe(0);
  v4.close();
});
