import * as z from 'zod/mini';
import { Instant, Tombstone } from './common';
import { Unit } from './units';
import { Plan, Period } from './plans';
import { Target, Assignment } from './targets';
import { StoredReport, Review } from './reports';
import { Assessment, Household } from './registers';
import { NtmStateRecord, NtmTrackerRecord } from './ntm';

export const SYNC_PAGE_SIZE = 1000;

const orTombstone = <T extends z.ZodMiniType>(schema: T) => z.array(z.union([schema, Tombstone]));

/**
 * `GET /api/sync?cursor=` — what the caller may see that changed since the cursor.
 * `cursor` is opaque; `more: true` says ask again at once. At most 1,000 records a page.
 */
export const SyncResponse = z.object({
  cursor: z.string(),
  more: z.boolean(),
  serverTime: Instant,
  units: orTombstone(Unit),
  plans: orTombstone(Plan),
  periods: orTombstone(Period),
  targets: orTombstone(Target),
  assignments: orTombstone(Assignment),
  reports: orTombstone(StoredReport),
  reviews: orTombstone(Review),
  households: orTombstone(Household),
  assessments: orTombstone(Assessment),
  /** The NTM tracker: the commune's choices (with their sets), and indicator states of the caller's own unit. */
  ntm_trackers: orTombstone(NtmTrackerRecord),
  ntm_indicator_states: orTombstone(NtmStateRecord),
});
export type SyncResponse = z.infer<typeof SyncResponse>;
export const SYNC_ENTITIES = ['units', 'plans', 'periods', 'targets', 'assignments', 'reports', 'reviews', 'households', 'assessments', 'ntm_trackers', 'ntm_indicator_states'] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
