/** Builders for report submissions against a seeded commune. */
import { uuidv7 } from '../../../src/shared/ids';
import type { ReportSubmission, ReportValue } from '../../../src/shared/schemas/reports';
import type { Commune } from './fixtures';

let tick = 0;

/** A valid report for village `v` of the commune, first period, covering every assigned measure. */
export function makeReport(c: Commune, overrides: Partial<ReportSubmission> & { village?: number } = {}): ReportSubmission {
  const { village = 0, ...rest } = overrides;
  const values: ReportValue[] = [
    { targetId: c.targets.quantity.id, value: 12 },
    { targetId: c.targets.rate.id, numerator: 96, denominator: 100 },
    { targetId: c.targets.xOfY.id, value: 13 },
    { targetId: c.targets.status.id, done: true },
    { targetId: c.targets.rank.id, value: 1 },
    { targetId: c.targets.child.id, value: 1110 },
  ];
  return {
    id: uuidv7(),
    unitId: c.villages[village]!.id,
    planId: c.plan.id,
    periodId: c.periods[0]!.id,
    values,
    note: 'Số liệu thôn',
    createdAt: new Date(Date.UTC(2025, 5, 1, 0, 0, tick++)).toISOString(),
    supersedes: null,
    ...rest,
  };
}

export interface BatchResult {
  id: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  receivedAt?: string;
  code?: string;
  message?: string;
  path?: string;
}
