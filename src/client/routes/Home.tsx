/** Home: the unit's open periods with deadlines (by the server's clock) and its targets, all from IndexedDB. */
import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { createLiveOnce } from '../data/live';
import { openPeriods, targetRows, type PeriodCard, type TargetRow } from '../model/unit-work';
import { StatusChip } from '../components/StatusChip';
import { VerdictChip } from '../components/VerdictChip';
import { SyncNowButton } from '../components/SyncNowButton';
import { InstallPrompt } from '../components/InstallPrompt';
import { describeValue } from '../form/reading';
import { formatViNumber } from '../../shared/vi-number';
import { t, formatDate } from '../i18n';
import { Icon } from '../components/Icon';
import { linkedCount, reportedHouseholds } from '../../shared/target-links';
import type { RegisterCount } from '../../shared/registers';
import { villageNtmView } from '../model/ntm-village';

export default function Home() {
  const app = useApp();
  const data = createLiveOnce(() => app.data.unitData());
  const model = createMemo(() => {
    const d = data();
    if (!d) return undefined;
    const periods = openPeriods(d, Date.now(), d.meta.serverOffsetMs ?? 0);
    const planIds = [...new Set(periods.map((c) => c.plan.id))];
    const unit = d.units.find((u) => u.id === d.unitId);
    return {
      unitName: unit?.name ?? d.meta.user?.name ?? '',
      // Villages and associations keep a household register (issue 10).
      hasRegister: unit?.kind === 'village' || unit?.kind === 'association',
      periods,
      plans: planIds.map((id) => ({
        plan: periods.find((c) => c.plan.id === id)!.plan,
        rows: targetRows(d, id),
        /** The period a linked target's register is counted for when nothing is reported yet. */
        openPeriodId: periods.find((c) => c.plan.id === id)!.period.id,
      })),
    };
  });
  return (
    <main class="screen" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <Show when={model()}>
        {(m) => (
          <>
            <p class="unit-name" data-testid="unit-name">{t('home.unit', { unit: m().unitName })}</p>
            <h2>{t('home.periods')}</h2>
            <Show when={m().periods.length > 0} fallback={<p class="empty">{t('home.no_periods')}</p>}>
              <ul class="cards" aria-label={t('home.periods')}>
                <For each={m().periods}>{(card) => <PeriodItem card={card} />}</For>
              </ul>
            </Show>
            <VillageNtmCard />
            <Show when={m().hasRegister}>
              <A class="button button-secondary wide register-link" href="/households" data-testid="home-register">
                <Icon name="house" /> {t('home.register')}
                <span class="details"> · {t('home.register_hint')}</span>
              </A>
            </Show>
            {/* First-open notices come after the periods: on a 360 × 740 screen they used to push
                the first "Báo cáo" out of sight (issue 10), and reporting is why the app is open. */}
            <InstallPrompt />
            <Show when={data()?.meta.persisted === false}>
              <p class="notice notice-warn small" data-testid="storage-not-persisted">
                <Icon name="warn" /> {t('storage.not_persisted')}
              </p>
            </Show>
            <For each={m().plans}>
              {(p) => (
                <section aria-label={t('home.targets')}>
                  <h2>{t('home.targets')}</h2>
                  <p class="plan-title">{p.plan.title}</p>
                  <Show when={p.rows.length > 0} fallback={<p class="empty">{t('home.no_targets')}</p>}>
                    <ul class="target-list">
                      <For each={p.rows}>{(row) => <TargetItem row={row} openPeriodId={p.openPeriodId} />}</For>
                    </ul>
                  </Show>
                </section>
              )}
            </For>
          </>
        )}
      </Show>
      <div class="bottom-bar">
        <SyncNowButton />
      </div>
    </main>
  );
}

/** "Tiêu chí làng NTM: đạt x/y" when the commune follows a village-level set (ntm-tracker). */
function VillageNtmCard() {
  const app = useApp();
  const input = createLiveOnce(() => app.data.villageNtm());
  const view = createMemo(() => {
    const i = input();
    return i ? villageNtmView(i) : null;
  });
  return (
    <Show when={view()}>
      {(v) => (
        <section class="card" data-testid="ntm-home" aria-label={t('ntm.title')}>
          <p><strong>{t('ntm.home', { met: v().met, total: v().total })}</strong></p>
          <A class="button" href="/ntm">{t('ntm.open')}</A>
        </section>
      )}
    </Show>
  );
}

function PeriodItem(props: { card: PeriodCard }) {
  const days = () => props.card.daysLeft;
  // Late matters only while the unit still owes the report (nothing sent, or sent back).
  const owes = () => ['none', 'draft', 'rejected', 'returned'].includes(props.card.status.kind);
  const late = () => days() < 0 && owes();
  const due = () =>
    !owes() && days() < 0 ? '' : days() < 0 ? t('home.overdue', { days: -days() }) : days() === 0 ? t('home.due_today') : t('home.days_left', { days: days() });
  const needsFix = () => props.card.status.kind === 'returned' || props.card.status.kind === 'rejected';
  return (
    <li class="card" data-testid="period-card" data-period-id={props.card.period.id}>
      <h3>{props.card.period.name}</h3>
      <p class={late() ? 'deadline overdue' : 'deadline'} data-testid="deadline">
        <Show when={late()}>
          <Icon name="warn" />{' '}
        </Show>
        {t('home.deadline', { date: formatDate(props.card.period.deadline) })}
        <Show when={due()}>
          {' · '}
          <strong>{due()}</strong>
        </Show>
      </p>
      <p>
        <StatusChip status={props.card.status} />
        <Show when={props.card.hasDraft && props.card.status.kind !== 'draft'}>
          {' '}
          <span class="chip chip-neutral">
            <Icon name="edit" /> {t('state.draft')}
          </span>
        </Show>
      </p>
      <A class={needsFix() ? 'button button-danger' : 'button'} href={`/report/${encodeURIComponent(props.card.period.id)}`}>
        {needsFix() ? t('home.fix_form') : t('home.open_form')}
        <span class="visually-hidden"> {props.card.period.name}</span>
      </A>
    </li>
  );
}

function TargetItem(props: { row: TargetRow; openPeriodId: string }) {
  const { target } = props.row;
  const assigned = () => {
    const v = props.row.assigned;
    if (v === null) return '—';
    if (target.measure === 'status') return t('status.done');
    const unit = target.unit?.trim();
    return unit === '%' ? `${formatViNumber(v)}%` : unit ? `${formatViNumber(v)} ${unit}` : formatViNumber(v);
  };
  const last = () => {
    const l = props.row.last;
    if (!l) return t('home.not_reported');
    if ('done' in l.value) return l.value.done ? t('status.done') : t('status.not_done');
    return describeValue(l.value, target);
  };
  return (
    <li class="target-row" style={{ 'margin-left': `${props.row.depth * 16}px` }} data-testid="target-row" data-target-id={target.id}>
      <p class="target-label">{target.label}</p>
      <dl class="target-figures">
        <div>
          <dt>{t('home.assigned')}</dt>
          <dd>{assigned()}</dd>
        </div>
        <div>
          <dt>{t('home.reported')}</dt>
          <dd>{last()}</dd>
        </div>
        <Show when={target.link?.kind === 'register'}>
          <RegisterBeside row={props.row} periodId={props.row.last?.periodId ?? props.openPeriodId} />
        </Show>
        <Show when={props.row.figure && props.row.figure.verdict !== 'noData' ? props.row.figure : null}>
          {(f) => (
            <div data-testid="target-verdict">
              <dt>{t('verdict.label')}</dt>
              <dd>
                <VerdictChip verdict={f().verdict} />
                <Show when={f().percent !== null}> {formatViNumber(f().percent!, { maximumFractionDigits: 1 })}%</Show>
              </dd>
            </div>
          )}
        </Show>
      </dl>
      <Show when={props.row.last}>{(l) => <StatusChip status={l().status} />}</Show>
    </li>
  );
}

/**
 * The last register count shown per period and target: Home's rows are rebuilt on every write
 * the live query sees (a sync, a "Gửi"), and without it the line would blink out while the
 * count is read again.
 */
const shownCounts = new Map<string, RegisterCount | undefined>();

/**
 * "Sổ hộ: 28 / 32 hộ" beside a register-linked target: the unit's reported figure (or, before
 * any report, the register's own count) over the households in its register for that period.
 */
function RegisterBeside(props: { row: TargetRow; periodId: string }) {
  const app = useApp();
  const key = () => `${props.periodId}|${props.row.target.id}`;
  const [count, setCount] = createSignal(shownCounts.get(key()));
  createEffect(on(key, (k) => {
    void app.data.registerCounts(props.periodId, [props.row.target]).then((counts) => {
      shownCounts.set(k, counts[props.row.target.id]);
      if (k === key()) setCount(counts[props.row.target.id]);
    });
  }));
  const figure = () => {
    const last = props.row.last;
    const reported = last && last.periodId === props.periodId ? reportedHouseholds(last.value) : null;
    return linkedCount(reported, count());
  };
  return (
    <Show when={figure()}>
      {(f) => (
        <div data-testid="register-beside">
          <dt>
            <Icon name="register" /> {t('register.label')}
          </dt>
          <dd>{t('register.of', { done: formatViNumber(f().done), of: formatViNumber(f().of) })}</dd>
        </div>
      )}
    </Show>
  );
}
