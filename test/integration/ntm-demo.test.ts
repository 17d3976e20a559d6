/**
 * Done-when of the NTM tracker: the demo commune has a tracker on the 2021–2025 set, with a
 * realistic mix (đạt 11/19, working towards its plan's 13/19), that a second load keeps as the
 * office left it. On SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { loadDemo } from '../../src/server/demo/load';
import { criteriaMetCount } from '../../src/server/ntm/tracker';
import { DEMO_COMMUNE_ID, DEMO_PASSWORDS } from '../../src/server/demo/index';
import { DEMO_UNITS } from '../../src/server/demo/commune';
import type { TrackerView } from '../../src/shared/schemas/ntm';
import type { PlanProgress } from '../../src/shared/schemas/progress';
import { DEMO_TARGETS, PLAN_ID, demoPlan } from '../../src/server/demo/plan';
import { planPeriods } from '../../src/shared/periods';

forEachDatabase((ctx) => {
  it('the demo commune follows the 2021–2025 set at đạt 11/19, and a second load keeps the office\'s edits', async () => {
    await loadDemo(ctx.db, new Date('2026-06-10T03:00:00.000Z'));
    expect(await criteriaMetCount(ctx.db, DEMO_COMMUNE_ID, null, 'ntm-xa-2021-2025')).toEqual({ met: 11, total: 19 });
    // And an example village-level set, so village heads' phones show their village's count.
    const konSoLal = DEMO_UNITS.find((u) => u.key === 'kon-so-lal')!.id;
    expect(await criteriaMetCount(ctx.db, DEMO_COMMUNE_ID, konSoLal, 'lang-ntm-demo')).toEqual({ met: 3, total: 5 });

    const { token } = await (await ctx.call('POST', '/api/auth/login', { body: { username: 'vanphong', password: DEMO_PASSWORDS.vanphong } })).json();
    const view = ((await (await ctx.call('GET', '/api/ntm/tracker', { token })).json()) as { tracker: TrackerView }).tracker;
    const byCode = new Map(view.criteria.map((c) => [c.code, c.met]));
    expect([byCode.get('1'), byCode.get('15'), byCode.get('2')]).toEqual([false, false, true]);
    const unrecorded = view.criteria.flatMap((c) => c.indicators).filter((i) => i.recorded === null).map((i) => i.code);
    expect(unrecorded).toEqual(['17.4', '19.2']);

    const village = ((await (await ctx.call('GET', '/api/ntm/tracker?level=village', { token })).json()) as { tracker: TrackerView }).tracker;
    expect(village.villages.find((v) => v.id === konSoLal)).toMatchObject({ met: 3, total: 5 });
    const res = await ctx.call('PUT', '/api/ntm/indicators/1.2', { token, body: { level: 'commune', state: 'met', figure: null, note: 'Huyện đã phê duyệt' } });
    expect(res.status).toBe(200);
    await loadDemo(ctx.db, new Date('2026-06-11T03:00:00.000Z'));
    expect(await criteriaMetCount(ctx.db, DEMO_COMMUNE_ID, null, 'ntm-xa-2021-2025')).toEqual({ met: 12, total: 19 });
  });

  it('the plan\'s "đạt 13/19 tiêu chí" follows the tracker: 11, then 12 once the office records criterion 1 met', async () => {
    await loadDemo(ctx.db, new Date('2026-06-10T03:00:00.000Z'));
    const { token } = await (await ctx.call('POST', '/api/auth/login', { body: { username: 'vanphong', password: DEMO_PASSWORDS.vanphong } })).json();
    const ntm = DEMO_TARGETS.find((t) => t.link?.kind === 'criteria')!;
    const period = planPeriods(demoPlan(2026))[0]!;
    const figure = async () => {
      const res = await ctx.call('GET', `/api/plans/${PLAN_ID}/progress?periodId=${encodeURIComponent(period.id)}`, { token });
      expect(res.status).toBe(200);
      return ((await res.json()) as PlanProgress).targets.find((t) => t.targetId === ntm.id)!;
    };
    const record = async (state: 'met' | 'notMet') => expect((await ctx.call('PUT', '/api/ntm/indicators/1.2', {
      token, body: { level: 'commune', state, figure: null, note: state === 'met' ? 'Huyện đã phê duyệt' : 'Chờ huyện phê duyệt' },
    })).status).toBe(200);
    // Criterion 1 waits on indicator 1.2 (the first test may have recorded it met): 11 of 19 without it.
    await record('notMet');
    expect(await figure()).toMatchObject({ achieved: 11, verdict: 'notMet', expectedUnits: 1 });
    await record('met');
    expect(await figure()).toMatchObject({ achieved: 12, verdict: 'notMet' });
  });
});
