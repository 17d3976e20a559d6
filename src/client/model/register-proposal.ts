/**
 * The report form's side of linked targets (issue 10), pure so it is tested as a table: what
 * the unit's register proposes for each register-linked target ("Sổ hộ: 28 / 32 hộ đạt"), the
 * typed text "Dùng số này" puts in the fields (a rate's numerator and denominator), the values
 * as sent (each carrying the proposal it was judged against), and whether the figures typed
 * over the register need a note — by the same shared rule the server refuses with.
 */
import type { ReportValue, RegisterProposal, Target } from '../../shared/schemas';
import type { RegisterCount } from '../../shared/registers';
import { overrideIssue, overridesRegister, proposalOf } from '../../shared/target-links';
import { denominatorKey, numeratorKey, typedText } from '../form/reading';

/** The proposal for each register-linked target the register can count (it holds households). */
export function proposalsFor(targets: readonly Target[], counts: Readonly<Record<string, RegisterCount>>): Record<string, RegisterProposal> {
  const out: Record<string, RegisterProposal> = {};
  for (const t of targets) {
    const count = counts[t.id];
    if (t.link?.kind === 'register' && count && count.total > 0) out[t.id] = proposalOf(count);
  }
  return out;
}

/** The fields after "Dùng số này": households meeting it, and for a rate all households too. */
export function fieldsWithProposal(fields: Record<string, string>, target: Target, proposal: RegisterProposal): Record<string, string> {
  if (target.measure === 'rate') {
    return { ...fields, [numeratorKey(target.id)]: typedText(proposal.meeting), [denominatorKey(target.id)]: typedText(proposal.total) };
  }
  return { ...fields, [target.id]: typedText(proposal.meeting) };
}

/** The values as they leave the phone: a linked target's value carries what the register proposed. */
export function withProposals(values: readonly ReportValue[], proposals: Readonly<Record<string, RegisterProposal>>): ReportValue[] {
  return values.map((v) => {
    const proposal = proposals[v.targetId];
    return proposal && !('done' in v) ? { ...v, register: proposal } : v;
  });
}

/** Whether this target's typed figure differs from the register's (the form then asks for a note). */
export function isOverride(values: readonly ReportValue[], targetId: string): boolean {
  const v = values.find((x) => x.targetId === targetId);
  return !!v && overridesRegister(v);
}

/** The first target whose figure overrides the register while the note is empty, or null. */
export function overrideWithoutNote(values: readonly ReportValue[], targets: readonly Target[], note: string): string | null {
  return overrideIssue(values, new Map(targets.map((t) => [t.id, t])), note)?.targetId ?? null;
}
