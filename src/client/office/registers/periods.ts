/**
 * The periods the register screens count for: those of the commune's active plan (else its
 * newest), starting at the one today falls in — the same periods the phones assess for.
 */
import { createResource, createSignal } from 'solid-js';
import type { Period } from '../../../shared/schemas/plans';
import { getPlan, listPlans } from '../api';
import { vietnamDay } from '../setup-kit';

async function loadPeriods(): Promise<Period[]> {
  const plans = await listPlans();
  const plan = plans.find((p) => p.status === 'active') ?? [...plans].sort((a, b) => b.year - a.year)[0];
  return plan ? (await getPlan(plan.id)).periods : [];
}

export function currentPeriodId(periods: readonly Period[], today = vietnamDay()): string {
  return (periods.find((p) => p.from <= today && today <= p.to) ?? periods[periods.length - 1])?.id ?? '';
}

export function usePeriods() {
  const [periods] = createResource(loadPeriods, { initialValue: [] });
  const [chosen, setPeriodId] = createSignal<string | null>(null);
  const periodId = () => chosen() ?? currentPeriodId(periods());
  return { periods, periodId, setPeriodId, loading: () => periods.loading };
}
