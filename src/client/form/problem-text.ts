/** Problems in words, for the form (pure apart from the locale, so tested as a table: test/unit/rate-words.test.ts). */
import type { Target } from '../../shared/schemas';
import { ratePartLabels, lowerFirst, GENERIC_RATE_PARTS } from '../../shared/rate-parts';
import type { FieldProblem } from './reading';
import { t, ruleText } from '../i18n';

/**
 * A problem in words. A rate's problems name its two boxes as they are labelled ("Số hộ nghèo
 * không được lớn hơn tổng số hộ"), not "tử số" and "mẫu số", which nobody at a village reads.
 */
export function problemText(p: FieldProblem, target?: Pick<Target, 'label' | 'unit'>): string {
  const parts = rateWords(target);
  const words = { numerator: lowerFirst(parts.numerator), denominator: lowerFirst(parts.denominator) };
  if (p.key === 'check.rate_incomplete') return t(p.key, words);
  if (p.key === 'value.numerator_exceeds_denominator') return t('form.rate_exceeds', { numerator: parts.numerator, denominator: words.denominator });
  if (p.key === 'value.zero_denominator') return t('form.rate_zero', { denominator: parts.denominator });
  return ruleText(p.key, p.params);
}

/** The target's own words for a rate's boxes; the generic ones in the reader's language otherwise. */
export function rateWords(target: Pick<Target, 'label' | 'unit'> | undefined): { numerator: string; denominator: string } {
  const parts = target ? ratePartLabels(target.label, target.unit) : GENERIC_RATE_PARTS;
  return parts.derived ? parts : { numerator: t('form.numerator'), denominator: t('form.denominator') };
}

