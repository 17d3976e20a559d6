/**
 * The A4 report's free text kept with the period: what the office saves is what the next
 * print reads; a period of another plan is not found; a text too long is refused on its
 * field; two offices saving at once both succeed and one text remains.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { uuidv7 } from '../../src/shared/ids';

forEachDatabase((ctx) => {
  let c: Commune;
  const url = () => `/api/plans/${c.plan.id}/periods/${c.periods[0]!.id}/report-notes`;

  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
  });

  describe('report notes', () => {
    it('are empty until written, then read back as saved', async () => {
      const empty = await (await ctx.call('GET', url(), { token: c.office.token })).json();
      expect(empty).toEqual({ planId: c.plan.id, periodId: c.periods[0]!.id, general: '', shortcomings: '', directions: '', updatedAt: null });

      const body = { general: 'Các thôn hoàn thành tốt.\nNhiều chỉ tiêu vượt.', shortcomings: 'Thôn 2 báo cáo trễ.', directions: 'Đôn đốc báo cáo đúng hạn.' };
      const put = await ctx.call('PUT', url(), { token: c.office.token, body });
      expect(put.status).toBe(200);
      const again = await (await ctx.call('GET', url(), { token: c.office.token })).json();
      expect(again).toMatchObject(body);
      expect(again.updatedAt).toEqual(expect.any(String));
      // Another period of the same plan keeps its own (empty) text.
      const other = await (await ctx.call('GET', `/api/plans/${c.plan.id}/periods/${c.periods[1]!.id}/report-notes`, { token: c.office.token })).json();
      expect(other.general).toBe('');
    });

    it('answer 404 for a period that is not the plan’s, and 400 on the field for a text too long', async () => {
      const missing = await ctx.call('GET', `/api/plans/${c.plan.id}/periods/${uuidv7()}/report-notes`, { token: c.office.token });
      expect(missing.status).toBe(404);
      expect((await missing.json()).code).toBe('not_found');

      const long = await ctx.call('PUT', url(), { token: c.office.token, body: { general: 'x'.repeat(10_001), shortcomings: '', directions: '' } });
      expect(long.status).toBe(400);
      const err = await long.json();
      expect(err.code).toBe('value.too_long');
      expect(err.path).toBe('general');
    });

    it('take two saves at once without an error, one text remaining', async () => {
      const texts = ['Lần A', 'Lần B', 'Lần C', 'Lần D'];
      const answers = await Promise.all(texts.map((general) => ctx.call('PUT', url(), { token: c.office.token, body: { general, shortcomings: '', directions: '' } })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const rows = await ctx.db.kysely.selectFrom('report_notes').selectAll().where('period_id', '=', c.periods[0]!.id).execute();
      expect(rows).toHaveLength(1);
      expect(texts).toContain(rows[0]!.general);
    });
  });
});
