/**
 * Household assessments are synced to the owning unit (issue 10): they log their own changes
 * like every synced table (see 2026_12_01_020_change_triggers).
 */
import type { Migration } from 'kysely';
import type { DialectSeam } from '../dialect';
import { changeTriggers } from './2026_12_01_020_change_triggers';

/** The tables this migration makes log their changes (the completeness test reads it). */
export const SYNCED_SINCE_091: Record<string, string | null> = { assessments: 'unit_id' };

export const assessmentTriggers = (seam: DialectSeam): Migration => changeTriggers(seam, SYNCED_SINCE_091);
