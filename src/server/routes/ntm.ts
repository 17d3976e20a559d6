/**
 * The NTM tracker (issue 10): the criteria sets, the commune's choice of set and group, the
 * tracker ("đạt x/y tiêu chí", criteria with indicator states and register shares), and the
 * office recording one indicator. Who may do what:
 * - office and admin of the commune: everything for their commune;
 * - field users: read the choice, and the village-level tracker of their OWN village;
 * - the operator: reads any commune's choice and tracker as counts only (no notes, no names).
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { CriteriaSet } from '../../shared/schemas/registers';
import {
  CriteriaSetCreate, CriteriaSets, IndicatorStateInput, TrackerChoiceInput, TrackerChoices, TrackerLevel, TrackerView,
} from '../../shared/schemas/ntm';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { inTransaction, type DbHandle } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';
import { findUnit } from '../db/queries/units';
import { findCriteriaSet, findTrackers, insertCriteriaSet, insertIndicatorState, listCriteriaSets, nextRevision, saveTracker, trackerId } from '../db/queries/ntm';
import { criteriaSetProblems } from '../reference/criteria';
import { trackerChoices, trackerView, choiceOf } from '../ntm/tracker';
import { ownCommune, readScope, unitInScope } from './office-scope';
import { isFieldUser, isOperator, type Principal } from '../auth/policy';
import { uuidv7 } from '../../shared/ids';

const OFFICE = ['office', 'admin'] as const;
const EVERY_ROLE = ['village', 'association', 'office', 'admin', 'operator'] as const;
const TrackerQuery = z.object({
  level: z.optional(TrackerLevel),
  unitId: z.optional(Id),
  periodId: z.optional(Id),
  /** The operator names the commune; everyone else reads their own. */
  communeId: z.optional(Id),
});

async function communeNameOf(db: DbHandle, communeId: string): Promise<string> {
  return (await findUnit(db, communeId))?.name ?? '';
}

/** The village a village-level state or read is for: a live village of the caller's commune. */
async function villageOf(db: DbHandle, principal: Principal, unitId: string | undefined, lock?: 'share') {
  if (!unitId) throw new ApiError('ntm.village_required', 'unitId');
  const unit = await unitInScope(db, principal, unitId, 'unitId', true, lock);
  if (unit.kind !== 'village' || unit.closed_at !== null) throw new ApiError('ntm.village_required', 'unitId');
  return unit;
}

export default defineArea('/ntm', 'Nông thôn mới', [
  defineRoute(
    {
      method: 'get', path: '/criteria-sets', access: EVERY_ROLE,
      summary: 'Các bộ tiêu chí nông thôn mới (cấp xã có sẵn theo quyết định của Thủ tướng; cấp thôn do xã thêm), kèm văn bản nguồn',
      responses: { 200: CriteriaSets },
    },
    async ({ deps, principal }) => ({ criteriaSets: await listCriteriaSets(deps.db, isOperator(principal) ? null : principal.communeId) }),
  ),
  defineRoute(
    {
      method: 'post', path: '/criteria-sets', access: OFFICE,
      summary: 'Thêm bộ tiêu chí làng (thôn) nông thôn mới của xã, ví dụ theo bộ tiêu chí của tỉnh',
      request: { body: CriteriaSetCreate }, responses: { 201: CriteriaSet },
    },
    async ({ c, deps, principal, body }) => {
      const communeId = ownCommune(principal);
      if (body.level !== 'village') throw new ApiError('ntm.village_set_only', 'level');
      // Every indicator an office types is its own reading of the province's text: not confirmed.
      const set: CriteriaSet = { ...body, id: uuidv7(deps.clock().getTime()), communeId, confirmed: false };
      const problem = criteriaSetProblems(set)[0];
      if (problem) throw new ApiError('ntm.duplicate_code', problem.path);
      const at = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        if (!(await insertCriteriaSet(tx, set, communeId, at))) throw new ApiError('ntm.set_exists', 'version');
        await recordAudit(tx, { actor: actorOf(principal), at, communeId, action: 'ntm.criteria_set.create', entity: 'criteria_set', entityId: set.id, after: { code: set.code, version: set.version, name: set.name } });
      });
      return c.json(set, 201);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/tracker-choice', access: EVERY_ROLE,
      summary: 'Bộ tiêu chí và nhóm xã mà xã đang theo dõi (cấp xã, cấp thôn)',
      request: { query: z.object({ communeId: z.optional(Id) }) }, responses: { 200: TrackerChoices },
    },
    async ({ deps, principal, query }) => {
      const communeId = readScope(principal, query.communeId);
      return communeId === null ? { commune: null, village: null } : trackerChoices(deps.db, communeId, isOperator(principal));
    },
  ),
  defineRoute(
    {
      method: 'put', path: '/tracker-choice', access: OFFICE,
      summary: 'Chọn bộ tiêu chí nông thôn mới và nhóm xã để theo dõi (bộ cấp xã hoặc cấp thôn, theo cấp của bộ)',
      request: { body: TrackerChoiceInput }, responses: { 200: TrackerChoices },
    },
    async ({ deps, principal, body }) => {
      const communeId = ownCommune(principal);
      const set = await findCriteriaSet(deps.db, body.criteriaSetId);
      if (!set || (set.communeId !== null && set.communeId !== communeId)) throw new ApiError('ntm.unknown_set', 'criteriaSetId');
      if (set.grouped && body.group === null) throw new ApiError('ntm.group_required', 'group');
      if (!set.grouped && body.group !== null) throw new ApiError('ntm.group_not_used', 'group');
      const at = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        // The commune's row first (lock order commune → …): with no choice yet there is no tracker
        // row to lock, and two first choices at once would both be audited as the first.
        await findUnit(tx, communeId, 'update');
        const before = (await findTrackers(tx, communeId, 'update')).find((t) => t.level === set.level);
        const row = {
          id: trackerId(communeId, set.level), commune_id: communeId, level: set.level, criteria_set_id: set.id, criteria_set_code: set.code, criteria_set_version: set.version,
          commune_group: body.group, updated_by: principal.name, updated_at: at,
        };
        await saveTracker(tx, row);
        await recordAudit(tx, {
          actor: actorOf(principal), at, communeId, action: 'ntm.tracker.choose', entity: 'commune', entityId: communeId,
          before: before ? choiceOf(before, { name: before.criteria_set_code }) : null, after: choiceOf(row, set),
        });
      });
      return trackerChoices(deps.db, communeId);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/tracker', access: EVERY_ROLE,
      summary: 'Theo dõi nông thôn mới: "đạt x/y tiêu chí", từng tiêu chí với các chỉ tiêu, trạng thái đã ghi và tỷ lệ hộ tính từ sổ hộ',
      request: { query: TrackerQuery }, responses: { 200: z.object({ tracker: z.nullable(TrackerView) }) },
    },
    async ({ deps, principal, query }) => {
      const level = query.level ?? 'commune';
      const communeId = readScope(principal, query.communeId);
      if (communeId === null) return { tracker: null };
      let village: { id: string; name: string } | undefined;
      if (isFieldUser(principal)) {
        // A village head reads their own village's village-level criteria, nothing else.
        if (level !== 'village' || principal.unitId === null) throw new ApiError('auth.forbidden');
        const unitId = query.unitId ?? principal.unitId;
        if (unitId !== principal.unitId) throw new ApiError('not_found', 'unitId');
        const unit = await villageOf(deps.db, principal, unitId);
        village = { id: unit.id, name: unit.name };
      } else if (level === 'village' && query.unitId) {
        const unit = await villageOf(deps.db, principal, query.unitId);
        if (unit.commune_id !== communeId) throw new ApiError('not_found', 'unitId');
        village = { id: unit.id, name: unit.name };
      }
      const tracker = await trackerView(deps.db, {
        communeId, communeName: await communeNameOf(deps.db, communeId), level, village, periodId: query.periodId,
        countsOnly: isOperator(principal), withVillages: !isFieldUser(principal),
      });
      return { tracker };
    },
  ),
  defineRoute(
    {
      method: 'put', path: '/indicators/:code', access: OFFICE,
      summary: 'Ghi trạng thái một chỉ tiêu (đạt / chưa đạt, số liệu, minh chứng): mỗi lần ghi là một dòng lịch sử, lần sau cùng có hiệu lực',
      request: { params: z.object({ code: z.string().check(z.minLength(1), z.maxLength(20)) }), body: IndicatorStateInput },
      responses: { 200: z.object({ tracker: z.nullable(TrackerView) }) },
    },
    async ({ deps, principal, params, body }) => {
      const communeId = ownCommune(principal);
      const at = deps.clock().toISOString();
      let village: { id: string; name: string } | undefined;
      await inTransaction(deps.db, async (tx) => {
        // Under the tracker rows' lock: the set the state is recorded under is the one in force,
        // and recordings of the commune are numbered one at a time (revision).
        const tracker = (await findTrackers(tx, communeId, 'update')).find((t) => t.level === body.level);
        if (!tracker) throw new ApiError('ntm.no_tracker', 'level');
        const set = await findCriteriaSet(tx, tracker.criteria_set_id);
        if (!set?.criteria.some((c) => c.indicators.some((i) => i.code === params.code))) throw new ApiError('ntm.unknown_indicator', 'code');
        let unitId = communeId;
        if (body.level === 'village') {
          const unit = await villageOf(tx, principal, body.unitId, 'share');
          village = { id: unit.id, name: unit.name };
          unitId = unit.id;
        }
        const row = {
          id: uuidv7(deps.clock().getTime()), commune_id: communeId, unit_id: unitId, criteria_set_id: set.id, indicator_code: params.code,
          revision: await nextRevision(tx, set.id, unitId, params.code),
          state: body.state, figure: body.figure, note: body.note, by_user_id: principal.userId, by_name: principal.name, at,
        };
        await insertIndicatorState(tx, row);
        await recordAudit(tx, {
          actor: actorOf(principal), at, communeId, action: 'ntm.indicator.record', entity: 'ntm_indicator', entityId: `${set.code}@${set.version}:${unitId}:${params.code}`,
          after: { state: body.state, figure: body.figure },
        });
      });
      const tracker = await trackerView(deps.db, {
        communeId, communeName: await communeNameOf(deps.db, communeId), level: body.level, village, countsOnly: false, withVillages: true,
      });
      return { tracker };
    },
  ),
]);
