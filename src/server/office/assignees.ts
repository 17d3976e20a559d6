/**
 * Finds the association a plan names ("Hội LHPN", "Ủy ban MTTQ", "Đoàn Thanh niên") among the
 * commune's units. The rule and its abbreviations live once, in src/shared/associations.ts.
 */
export { matchAssignee, nameWords } from '../../shared/associations';
