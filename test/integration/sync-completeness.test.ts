/**
 * Sync completeness is structural: every synced table logs its own writes (triggers, migration
 * 2026_12_01_020), so a write path cannot forget to tell phones. This writes each synced entity
 * kind the way the product does — through the API — and finds the change in the next sync:
 * created, changed and deleted. A kind in SYNC_ENTITIES without a case here fails the test, and
 * so does a synced table without triggers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { insertHousehold, newHousehold, seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { syncAll, idsOf } from './support/sync';
import { uuidv7 } from '../../src/shared/ids';
import { SYNC_ENTITIES, type SyncEntity, type SyncResponse } from '../../src/shared/schemas/sync';
import { SYNCED } from '../../src/server/db/migrations/2026_12_01_020_change_triggers';
import { SYNCED_SINCE_091 } from '../../src/server/db/migrations/2026_12_01_091_assessment_triggers';
import { SYNCED_SINCE_121 } from '../../src/server/db/migrations/2026_12_02_121_ntm_triggers';

interface Written {
  /** Ids the next sync must carry for this entity kind. */
  ids: string[];
  /** Ids it must carry as tombstones. */
  deleted?: string[];
}
type Case = (ctx: TestContext, c: Commune) => Promise<Written>;

const json = async (res: Response | Promise<Response>, status?: number) => {
  const r = await res;
  if (status !== undefined) expect(r.status, await r.clone().text()).toBe(status);
  return r.json();
};

const planBody = { number: '7/KH-UBND', issuedOn: '2025-03-07', year: 2025, title: 'Kế hoạch thi đua phụ', theme: 'Đoàn kết', rounds: [], reporting: ['quarter'] };
const targetBody = { parentId: null, area: 'economy', label: 'Diện tích trồng rừng mới', unit: 'ha', comparator: 'atLeast', value: 40, valueMax: null, outOf: null, measure: 'quantity' };

/** One or more cases per kind: each is a separate write followed by a sync. */
const CASES: Record<SyncEntity, Record<string, Case>> = {
  units: {
    created: async (ctx, c) => ({ ids: [(await json(ctx.call('POST', '/api/units', { token: c.office.token, body: { kind: 'village', name: 'Thôn Mới' } }), 201)).id] }),
    renamed: async (ctx, c) => {
      await json(ctx.call('PATCH', `/api/units/${c.villages[1]!.id}`, { token: c.office.token, body: { name: 'Thôn Hai Mới' } }), 200);
      return { ids: [c.villages[1]!.id] };
    },
  },
  plans: {
    created: async (ctx, c) => ({ ids: [(await json(ctx.call('POST', '/api/plans', { token: c.office.token, body: planBody }), 201)).id] }),
    changed: async (ctx, c) => {
      await json(ctx.call('PATCH', `/api/plans/${c.plan.id}`, { token: c.office.token, body: { title: 'Kế hoạch đã sửa' } }), 200);
      return { ids: [c.plan.id] };
    },
  },
  periods: {
    'created with their plan': async (ctx, c) => {
      const plan = await json(ctx.call('POST', '/api/plans', { token: c.office.token, body: planBody }), 201);
      return { ids: plan.periods.map((p: { id: string }) => p.id) };
    },
  },
  targets: {
    created: async (ctx, c) => {
      const { targets } = await json(ctx.call('POST', `/api/plans/${c.plan.id}/targets`, { token: c.office.token, body: { targets: [targetBody] } }), 201);
      return { ids: [targets[0].id] };
    },
    changed: async (ctx, c) => {
      await json(ctx.call('PATCH', `/api/targets/${c.targets.quantity.id}`, { token: c.office.token, body: { label: 'Chỉ tiêu đã sửa' } }), 200);
      return { ids: [c.targets.quantity.id] };
    },
  },
  assignments: {
    'replaced (one dropped, one added)': async (ctx, c) => {
      const target = c.targets.quantity;
      const before = c.assignments.filter((a) => a.targetId === target.id);
      const { assignments } = await json(ctx.call('PUT', `/api/targets/${target.id}/assignments`, {
        token: c.office.token, body: { assignments: [{ unitId: c.villages[0]!.id, share: 7 }] },
      }), 200);
      const dropped = before.filter((a) => a.unitId !== c.villages[0]!.id).map((a) => a.id);
      expect(dropped.length).toBeGreaterThan(0);
      return { ids: assignments.map((a: { id: string }) => a.id), deleted: dropped };
    },
  },
  reports: {
    submitted: async (ctx, c) => {
      const report = makeReport(c, { village: 0 });
      const { results } = await json(ctx.call('POST', '/api/reports', { token: c.villageUsers[0]!.token, body: { reports: [report] } }), 200);
      expect(results[0].status).toBe('accepted');
      return { ids: [report.id] };
    },
  },
  reviews: {
    'a decision (and the report it decides)': async (ctx, c) => {
      const report = makeReport(c, { village: 0 }); // still carries every target after the assignments case
      await json(ctx.call('POST', '/api/reports', { token: c.villageUsers[0]!.token, body: { reports: [report] } }), 200);
      const { review } = await json(ctx.call('POST', `/api/reports/${report.id}/review`, { token: c.office.token, body: { decision: 'approve' } }), 200);
      return { ids: [review.id] };
    },
  },
  households: {
    'created by a phone': async (ctx, c) => {
      const id = uuidv7();
      await householdChange(ctx, c, { householdId: id, kind: 'create', value: { unitId: c.villages[0]!.id, headName: 'Nguyễn Văn A' }, baseRevision: 0 });
      return { ids: [id] };
    },
    'written directly': async (ctx, c) => {
      const h = newHousehold(c.villages[0]!.id, 'Nguyễn Văn B');
      await insertHousehold(ctx.db, c.communeId, h);
      return { ids: [h.id] };
    },
  },
  assessments: {
    'ticked by a phone': async (ctx, c) => {
      const householdId = uuidv7();
      await householdChange(ctx, c, { householdId, kind: 'create', value: { unitId: c.villages[0]!.id, headName: 'Trần Thị C' }, baseRevision: 0 });
      await householdChange(ctx, c, { householdId, kind: 'item', checklistId: 'checklist-5k3s-2014', periodId: c.periods[0]!.id, itemId: 'sach-nha', value: true, baseRevision: 1 });
      const row = await ctx.db.kysely.selectFrom('assessments').select('id').where('household_id', '=', householdId).executeTakeFirstOrThrow();
      return { ids: [row.id] };
    },
  },
  ntm_trackers: {
    'chosen by the office': async (ctx, c) => {
      await json(ctx.call('PUT', '/api/ntm/tracker-choice', { token: c.office.token, body: { criteriaSetId: 'criteria-ntm-xa-2021-2025', group: null } }), 200);
      return { ids: [`${c.communeId}:commune`] };
    },
  },
  ntm_indicator_states: {
    'recorded by the office': async (ctx, c) => {
      await json(ctx.call('PUT', '/api/ntm/tracker-choice', { token: c.office.token, body: { criteriaSetId: 'criteria-ntm-xa-2021-2025', group: null } }), 200);
      await json(ctx.call('PUT', '/api/ntm/indicators/1.1', { token: c.office.token, body: { level: 'commune', state: 'met', figure: null, note: '' } }), 200);
      const row = await ctx.db.kysely.selectFrom('ntm_indicator_states').select('id').where('commune_id', '=', c.communeId).orderBy('revision', 'desc').executeTakeFirstOrThrow();
      return { ids: [row.id] };
    },
  },
};

async function householdChange(ctx: TestContext, c: Commune, change: Record<string, unknown>): Promise<void> {
  const body = { changes: [{ id: uuidv7(), createdAt: new Date().toISOString(), ...change }] };
  const { results } = await json(ctx.call('POST', '/api/households/changes', { token: c.villageUsers[0]!.token, body }), 200);
  expect(results[0].status, JSON.stringify(results)).toBe('accepted');
}

describe('sync completeness covers every synced kind', () => {
  it('has a case for every entity the sync carries, and a trigger for each', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SYNC_ENTITIES].sort());
    expect([...Object.keys(SYNCED), ...Object.keys(SYNCED_SINCE_091), ...Object.keys(SYNCED_SINCE_121)].sort()).toEqual([...SYNC_ENTITIES].sort());
  });
});

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 3 });
  });

  const records = (pages: SyncResponse[], entity: SyncEntity) => pages.flatMap((p) => p[entity] as { id: string; deleted?: boolean }[]);

  for (const entity of SYNC_ENTITIES) {
    for (const [name, write] of Object.entries(CASES[entity])) {
      it(`${entity} ${name}: in the next sync`, async () => {
        const { cursor } = await syncAll(ctx, c.office.token);
        const written = await write(ctx, c);
        const { pages } = await syncAll(ctx, c.office.token, cursor);
        expect(idsOf(pages, entity)).toEqual(expect.arrayContaining(written.ids));
        const tombstones = records(pages, entity).filter((r) => r.deleted).map((r) => r.id);
        expect(tombstones).toEqual(expect.arrayContaining(written.deleted ?? []));
      });
    }
  }

  it('a deleted unit reaches phones as a tombstone', async () => {
    const created = await json(ctx.call('POST', '/api/units', { token: c.office.token, body: { kind: 'village', name: 'Thôn Tạm' } }), 201);
    const { cursor } = await syncAll(ctx, c.office.token);
    await json(ctx.call('DELETE', `/api/units/${created.id}`, { token: c.office.token }));
    const { pages } = await syncAll(ctx, c.office.token, cursor);
    expect(records(pages, 'units').find((r) => r.id === created.id)).toBeDefined();
  });
});
