/**
 * "Liên kết sổ hộ" on a target row of the plan editor (issue 10): link the target to a
 * household checklist (the households meeting it, or holding one item) or to an NTM criteria
 * set; the link shows on the row and can be removed. Nothing is sent from here: the row's
 * `link` is saved with "Lưu thay đổi". The fit with the target's measure is checked by the
 * server's own rule (shared/target-links.ts) and shown at once.
 */
import { For, Show } from 'solid-js';
import type { ChecklistSet } from '../../../shared/schemas/registers';
import type { Measure, TargetLink } from '../../../shared/schemas/targets';
import { linkMeasureProblem } from '../../../shared/target-links';
import { t } from '../messages';

/** The criteria set a new criteria link starts with: the 2021–2025 commune set the sample plans use. */
export const DEFAULT_CRITERIA_SET = 'ntm-xa-2021-2025';

interface Props {
  link: TargetLink | null;
  measure: Measure;
  unit: string;
  label: string;
  disabled: boolean;
  checklists: readonly ChecklistSet[];
  onChange: (link: TargetLink | null) => void;
}

/** One entry per checklist code, named and itemised by its newest version. */
function byCode(checklists: readonly ChecklistSet[]): ChecklistSet[] {
  const newest = new Map<string, ChecklistSet>();
  for (const c of checklists) {
    const held = newest.get(c.code);
    if (!held || c.validFrom > held.validFrom) newest.set(c.code, c);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export function linkSummary(link: TargetLink, checklists: readonly ChecklistSet[]): string {
  if (link.kind === 'criteria') return `${t('link.criteria')}: ${link.criteriaSetCode}`;
  const set = byCode(checklists).find((c) => c.code === link.checklistCode);
  const item = link.itemCode ? set?.items.find((i) => i.code === link.itemCode)?.label ?? link.itemCode : null;
  return `${t('link.register')}: ${set?.name ?? link.checklistCode}${item ? ` — ${item}` : ''}`;
}

export default function TargetLinkPicker(props: Props) {
  const sets = () => byCode(props.checklists);
  const choice = () => (!props.link ? '' : props.link.kind === 'criteria' ? 'criteria' : `register:${props.link.checklistCode}`);
  const misfit = () => (props.link ? linkMeasureProblem(props.link, { measure: props.measure, unit: props.unit }) : null);
  const pick = (value: string) => {
    if (value === '') props.onChange(null);
    else if (value === 'criteria') props.onChange({ kind: 'criteria', criteriaSetCode: DEFAULT_CRITERIA_SET });
    else props.onChange({ kind: 'register', checklistCode: value.slice('register:'.length) });
  };
  const items = () => (props.link?.kind === 'register' ? sets().find((c) => c.code === (props.link as { checklistCode: string }).checklistCode)?.items ?? [] : []);
  return (
    <div class="target-link" data-testid="target-link">
      <Show when={props.link}>
        {(link) => (
          <p class="link-summary">
            <span class="tag tag-link" data-testid="link-summary">{linkSummary(link(), props.checklists)}</span>{' '}
            <button type="button" class="btn btn-small" disabled={props.disabled} onClick={() => props.onChange(null)}>{t('link.remove')}</button>
          </p>
        )}
      </Show>
      <label class="link-choice">
        <span>{t('link.title')}</span>{' '}
        <select aria-label={`${t('link.title')} — ${props.label}`} disabled={props.disabled} onChange={(e) => pick(e.currentTarget.value)}>
          <option value="" selected={choice() === ''}>{t('link.none')}</option>
          <For each={sets()}>{(c) => <option value={`register:${c.code}`} selected={choice() === `register:${c.code}`}>{t('link.register')}: {c.name}</option>}</For>
          <option value="criteria" selected={choice() === 'criteria'}>{t('link.criteria')}</option>
        </select>
      </label>
      <Show when={props.link?.kind === 'register'}>
        <label class="link-choice">
          <span>{t('link.item')}</span>{' '}
          <select aria-label={`${t('link.item')} — ${props.label}`} disabled={props.disabled}
            onChange={(e) => {
              const code = e.currentTarget.value;
              const link = props.link as Extract<TargetLink, { kind: 'register' }>;
              props.onChange(code ? { ...link, itemCode: code } : { kind: 'register', checklistCode: link.checklistCode });
            }}>
            <option value="" selected={!(props.link as { itemCode?: string }).itemCode}>{t('link.wholeChecklist')}</option>
            <For each={items()}>{(i) => <option value={i.code} selected={(props.link as { itemCode?: string }).itemCode === i.code}>{i.label}</option>}</For>
          </select>
        </label>
      </Show>
      <Show when={props.link?.kind === 'criteria'}>
        <label class="link-choice">
          <span>{t('link.criteriaCode')}</span>{' '}
          <input value={(props.link as { criteriaSetCode: string }).criteriaSetCode} disabled={props.disabled}
            aria-label={`${t('link.criteriaCode')} — ${props.label}`}
            onChange={(e) => props.onChange({ kind: 'criteria', criteriaSetCode: e.currentTarget.value.trim() || DEFAULT_CRITERIA_SET })} />
        </label>
      </Show>
      <Show when={misfit()}>
        <small class="field-error" role="alert">{misfit() === 'link.criteria_measure' ? t('link.criteriaMisfit') : t('link.registerMisfit')}</small>
      </Show>
    </div>
  );
}
