/**
 * The NTM tracker reaches the phones (issue 10, ntm-tracker): the commune's choices (with the
 * set they name) are commune-wide records, the indicator states belong to their unit (the
 * commune itself, or a village), so a village head gets only their own village's. Both log
 * their own changes like every synced table (see 2026_12_01_020_change_triggers).
 */
import type { Migration } from 'kysely';
import type { DialectSeam } from '../dialect';
import { changeTriggers } from './2026_12_01_020_change_triggers';

/** The tables this migration makes log their changes (the completeness test reads it). */
export const SYNCED_SINCE_121: Record<string, string | null> = { ntm_trackers: null, ntm_indicator_states: 'unit_id' };

export const ntmTriggers = (seam: DialectSeam): Migration => changeTriggers(seam, SYNCED_SINCE_121);
