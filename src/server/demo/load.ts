/**
 * Loads the demo commune into a database, for `npm run demo` and the first-run screen: builds
 * it for this year and hands it to db/queries/demo.ts, which writes what is missing in one
 * transaction (loading twice keeps an office's edits; the printed passwords always work).
 */
import type { DbHandle } from '../db/handle';
import { writeDemo, DemoUsernameTaken } from '../db/queries/demo';
import { hashPassword } from '../auth/passwords';
import { ApiError } from '../http/errors';
import { vietnamToday } from '../../shared/periods';
import { buildDemo, type Demo } from './index';
import { demoNtm, demoVillageNtm } from './ntm';
import { writeDemoTracker, writeDemoVillageTracker } from '../db/queries/ntm';
import { loadDemoHouseholds } from './households';

export interface DemoLoadResult {
  demo: Demo;
  /** True when the demo commune was not there before. */
  created: boolean;
}

/** The plan year is the current year in Vietnam, so the demo's periods are live. */
export function demoYear(now: Date): number {
  return Number(vietnamToday(now).slice(0, 4));
}

export async function loadDemo(db: DbHandle, now: Date, inside?: (tx: DbHandle) => Promise<void>): Promise<DemoLoadResult> {
  const demo = buildDemo(demoYear(now));
  const hashes = new Map<string, string>();
  for (const u of demo.users) if (u.password) hashes.set(u.id, await hashPassword(u.password));
  try {
    const { created } = await writeDemo(db, demo, hashes, now.toISOString(), inside);
    // The NTM tracker on the 2021–2025 set (its own transaction: kept if the office changed it).
    await writeDemoTracker(db, demo.communeId, now, demoNtm());
    await writeDemoVillageTracker(db, demo.communeId, now, demoVillageNtm());
    await loadDemoHouseholds(db, demo.periods, now);
    return { demo, created };
  } catch (error) {
    throw error instanceof DemoUsernameTaken ? new ApiError('conflict.exists', `users.${error.username}`) : error;
  }
}
