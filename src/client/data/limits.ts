/**
 * Limits of the wire contract the phone needs at runtime. They are copied here, not imported
 * from shared/schemas, because importing a value from a schema module pulls all of zod into
 * the phone's bundle (~25 KB gzip) for three numbers. test/unit/client-limits.test.ts fails if
 * they ever drift from the contract.
 */
export const MAX_REPORTS_PER_BATCH = 500;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_HOUSEHOLD_CHANGES = 500;
export const SYNC_ENTITIES = ['units', 'plans', 'periods', 'targets', 'assignments', 'reports', 'reviews', 'households', 'assessments', 'ntm_trackers', 'ntm_indicator_states'] as const;
