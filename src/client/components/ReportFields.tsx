/**
 * One input per target, shaped by its measure. Every number field uses the numeric keypad and
 * says back how it read the typed text ("= 2,5 ha"); problems show under the field in words.
 */
import { For, Show, type JSX } from 'solid-js';
import type { Target } from '../../shared/schemas';
import { formatViNumber } from '../../shared/vi-number';
import { readNumber, echo, ratePercent, numeratorKey, denominatorKey, type FieldProblem } from '../form/reading';
import { problemText, rateWords } from '../form/problem-text';
import { Icon } from './Icon';
import { t } from '../i18n';

export { problemText };

export interface FieldProps {
  target: Target;
  /** Stable DOM id prefix for this target's inputs. */
  domId: string;
  fields: Record<string, string>;
  problems: FieldProblem[];
  onChange: (key: string, text: string) => void;
  assigned: number | null;
  previous: number | null;
  /** A breakdown parent: not typed, shows the live sum of its children. */
  isParent: boolean;
  sum?: number;
  depth: number;
}

function Problems(props: { id: string; problems: FieldProblem[]; target: Target }) {
  return (
    <For each={props.problems}>
      {(p) => (
        <p id={props.id} class={p.severity === 'error' ? 'field-error' : 'field-warning'} role={p.severity === 'error' ? 'alert' : undefined}>
          <Icon name={p.severity === 'error' ? 'cross' : 'warn'} /> {problemText(p, props.target)}
        </p>
      )}
    </For>
  );
}

function Figure(props: { value: number | null; unit: string | null }) {
  const u = () => props.unit?.trim();
  return <>{props.value === null ? '—' : u() === '%' ? `${formatViNumber(props.value)}%` : u() ? `${formatViNumber(props.value)} ${u()}` : formatViNumber(props.value)}</>;
}

function Hints(props: FieldProps) {
  return (
    <p class="field-hint">
      <Show when={props.target.measure !== 'status'}>
        <span class="cumulative-hint">{t('form.cumulative_short')}</span>
      </Show>
      <Show when={props.assigned !== null && props.target.measure !== 'status'}>
        <span>
          {' · '}
          {t('form.assigned', { value: '' })}
          <Figure value={props.assigned} unit={props.target.unit} />
        </span>
      </Show>
      <Show when={props.previous !== null}>
        <span>
          {' · '}
          {t('form.last', { value: '' })}
          <Figure value={props.previous} unit={props.target.unit} />
        </span>
      </Show>
    </p>
  );
}

/** A text input on the decimal keypad with the reading echoed below it. */
function NumberInput(props: {
  id: string;
  label: JSX.Element;
  value: string;
  unit: string | null;
  problems: FieldProblem[];
  onInput: (text: string) => void;
  suffix?: string;
  target: Target;
}) {
  const reading = () => readNumber(props.value);
  const has = (s: FieldProblem['severity']) => props.problems.some((p) => p.severity === s);
  return (
    <div class="number-field">
      <label for={props.id}>{props.label}</label>
      <div class="input-row">
        <input
          id={props.id}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          enterkeyhint="next"
          value={props.value}
          aria-invalid={has('error') ? 'true' : undefined}
          aria-describedby={`${props.id}-echo ${props.id}-problem`}
          classList={{ invalid: has('error'), warning: !has('error') && has('warning') }}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <Show when={props.suffix}>
          <span class="suffix">{props.suffix}</span>
        </Show>
      </div>
      <p id={`${props.id}-echo`} class="echo" data-testid="echo">
        {(() => {
          const r = reading();
          return r.state === 'ok' ? echo(r.value, props.unit) : '';
        })()}
      </p>
      <Problems id={`${props.id}-problem`} problems={props.problems} target={props.target} />
    </div>
  );
}

export function TargetField(props: FieldProps) {
  const mine = (key: string) => props.problems.filter((p) => p.field === key);
  const id = props.target.id;
  const unitSuffix = () => (props.target.unit?.trim() ? props.target.unit!.trim() : undefined);
  return (
    <div class="target-field" style={{ 'margin-left': `${Math.min(props.depth, 3) * 12}px` }} data-testid="target-field" data-target-id={id}>
      <Show when={props.isParent}>
        <ParentSum {...props} />
      </Show>
      <Show when={!props.isParent}>
        {(() => {
          switch (props.target.measure) {
            case 'status':
              return (
                <fieldset class="status-field">
                  <legend>{props.target.label}</legend>
                  <div class="toggle" role="radiogroup" aria-label={props.target.label}>
                    <label class={props.fields[id] === 'done' ? 'toggle-option on' : 'toggle-option'}>
                      <input type="radio" name={props.domId} value="done" checked={props.fields[id] === 'done'} onChange={() => props.onChange(id, 'done')} />
                      <Icon name="check" /> {t('status.done')}
                    </label>
                    <label class={props.fields[id] === 'notDone' ? 'toggle-option on' : 'toggle-option'}>
                      <input type="radio" name={props.domId} value="notDone" checked={props.fields[id] === 'notDone'} onChange={() => props.onChange(id, 'notDone')} />
                      <Icon name="cross" /> {t('status.not_done')}
                    </label>
                  </div>
                </fieldset>
              );
            case 'rate': {
              const n = () => readNumber(props.fields[numeratorKey(id)]);
              const d = () => readNumber(props.fields[denominatorKey(id)]);
              const pct = () => {
                const a = n();
                const b = d();
                return a.state === 'ok' && b.state === 'ok' ? ratePercent(a.value, b.value) : null;
              };
              const parts = () => rateWords(props.target);
              return (
                <fieldset class="rate-field">
                  <legend>{props.target.label}</legend>
                  <Hints {...props} />
                  <div class="rate-inputs">
                    <NumberInput id={`${props.domId}-n`} label={parts().numerator} target={props.target} value={props.fields[numeratorKey(id)] ?? ''} unit={null} problems={mine(numeratorKey(id))} onInput={(v) => props.onChange(numeratorKey(id), v)} />
                    <span class="rate-slash" aria-hidden="true">/</span>
                    <NumberInput id={`${props.domId}-d`} label={parts().denominator} target={props.target} value={props.fields[denominatorKey(id)] ?? ''} unit={null} problems={mine(denominatorKey(id))} onInput={(v) => props.onChange(denominatorKey(id), v)} />
                  </div>
                  <p class="rate-percent" aria-live="polite" data-testid="rate-percent">
                    {pct() ? `= ${pct()}` : ''}
                  </p>
                </fieldset>
              );
            }
            case 'rank':
              return <RankField {...props} problems={mine(id)} />;
            default:
              return (
                <>
                  <NumberInput
                    id={props.domId}
                    label={props.target.label}
                    target={props.target}
                    value={props.fields[id] ?? ''}
                    unit={props.target.measure === 'xOfY' ? null : props.target.unit}
                    problems={mine(id)}
                    onInput={(v) => props.onChange(id, v)}
                    suffix={props.target.measure === 'xOfY' && props.target.outOf !== null ? `/ ${formatViNumber(props.target.outOf)}` : unitSuffix()}
                  />
                  <Hints {...props} />
                </>
              );
          }
        })()}
      </Show>
    </div>
  );
}

/** A breakdown's parent: not typed, the live total of its children. */
function ParentSum(props: FieldProps) {
  return (
    <div class="parent-sum" id={props.domId}>
      <p class="target-label">{props.target.label}</p>
      <p class="sum" aria-live="polite" data-testid="breakdown-sum">
        {t('form.sum', { value: '' })}
        <Figure value={props.sum ?? 0} unit={props.target.unit} />
      </p>
      <Hints {...props} />
    </div>
  );
}

/** A change in rank may be a fall: a sign toggle, since decimal keypads often lack "−". */
function RankField(props: FieldProps) {
  const id = props.target.id;
  const text = () => props.fields[id] ?? '';
  const negative = () => text().trim().startsWith('-');
  const magnitude = () => text().trim().replace(/^-/, '');
  const setSign = (neg: boolean) => props.onChange(id, magnitude() === '' ? (neg ? '-' : '') : `${neg ? '-' : ''}${magnitude()}`);
  return (
    <fieldset class="rank-field">
      <legend>{props.target.label}</legend>
      <div class="toggle" role="radiogroup" aria-label={t('form.rank_hint')}>
        <label class={!negative() ? 'toggle-option on' : 'toggle-option'}>
          <input type="radio" name={`${props.domId}-sign`} checked={!negative()} onChange={() => setSign(false)} />
          <Icon name="up" /> {t('form.increase')}
        </label>
        <label class={negative() ? 'toggle-option on' : 'toggle-option'}>
          <input type="radio" name={`${props.domId}-sign`} checked={negative()} onChange={() => setSign(true)} />
          <Icon name="down" /> {t('form.decrease')}
        </label>
      </div>
      <NumberInput
        id={props.domId}
        label={t('form.rank_hint')}
        target={props.target}
        value={magnitude()}
        unit={props.target.unit}
        problems={props.problems}
        onInput={(v) => props.onChange(id, `${negative() ? '-' : ''}${v.replace(/^-/, '')}`)}
      />
    </fieldset>
  );
}
