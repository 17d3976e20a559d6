/**
 * The report form for one period. Wiring only: it opens from IndexedDB (draft first), saves a
 * draft on every keystroke, and on "Gửi" writes the report to the outbox and says "Đã lưu trên
 * máy" only after that write has committed (G1). Rendering lives in components/ReportFields.
 */
import { For, Show, createMemo, createResource, createSignal, onCleanup } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { Icon } from '../components/Icon';
import { useApp, showFlash } from '../app-context';
import { isEmptyDraft } from '../data/drafts';
import { StorageFullError } from '../data/outbox';
import { requestBackgroundSync } from '../data/sync-controller';
import { prepareForm, type FormStart } from '../model/report-form';
import { readForm } from '../form/reading';
import { TargetField, problemText } from '../components/ReportFields';
import { RegisterProposal } from '../components/RegisterProposal';
import { fieldsWithProposal, isOverride, overrideWithoutNote, proposalsFor, withProposals } from '../model/register-proposal';
import { onBeforeUpdate } from '../pwa/update';
import { uuidv7 } from '../../shared/ids';
import { MAX_NOTE_LENGTH } from '../data/limits';
import { t, errorText, formatDate } from '../i18n';

export default function ReportForm() {
  const params = useParams();
  const { data: store } = useApp();
  const [start] = createResource(
    // The router hands the segment over still percent-encoded, and period ids hold ':' (`…:q1`).
    () => decodeSegment(params.periodId ?? ''),
    async (periodId) => {
      const [data, draft] = await Promise.all([store.unitData(), store.loadDraft(periodId)]);
      const form = prepareForm(data, periodId, draft);
      return form ? { form, unitId: data.unitId, offset: data.meta.serverOffsetMs ?? 0 } : null;
    },
  );
  return (
    <main class="screen form-screen">
      <p>
        <A href="/" class="back-link">
          <Icon name="back" /> {t('nav.back')}
        </A>
      </p>
      <Show when={start.state === 'ready'}>
        <Show when={start()} fallback={<p class="notice notice-error">{t('form.not_found')}</p>}>
          {(s) => <FormBody form={s().form} unitId={s().unitId} serverOffsetMs={s().offset} />}
        </Show>
      </Show>
    </main>
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function FormBody(props: { form: FormStart; unitId: string; serverOffsetMs: number }) {
  const { data: store, syncNow } = useApp();
  const navigate = useNavigate();
  const form = props.form;
  const [fields, setFields] = createSignal<Record<string, string>>({ ...form.fields });
  const [note, setNote] = createSignal(form.note);
  const [showErrors, setShowErrors] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; tone: 'error' | 'warn' } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const reading = createMemo(() => readForm(form.items, fields()));
  // Linked targets (issue 10): the unit's register count for this period, from IndexedDB.
  const targets = form.items.map((i) => i.target);
  const [counts] = createResource(() => store.registerCounts(form.period.id, targets), { initialValue: {} as Awaited<ReturnType<typeof store.registerCounts>> });
  const proposals = createMemo(() => proposalsFor(targets, counts() ?? {}));
  const sentValues = createMemo(() => withProposals(reading().values, proposals()));
  let noteField: HTMLTextAreaElement | undefined;
  let sent = false;
  // Set while "Gửi" writes the report: draft writes not yet started are skipped, since the
  // report's transaction removes the draft. One already started was opened before the
  // report's transaction, and IndexedDB runs the two in that order, so "Gửi" need not wait
  // for it (on a slow phone that wait was most of the save).
  let sending = false;

  // Draft writes run one after another, newest last, so a slow write never overwrites a newer one.
  let draftWrite: Promise<void> = Promise.resolve();
  const writeDraft = () => {
    if (sent) return draftWrite;
    const snapshot = { periodId: form.period.id, fields: fields(), note: note(), supersedes: form.supersedes };
    draftWrite = draftWrite
      .then(() => {
        if (sending || sent) return;
        return isEmptyDraft(snapshot) ? store.discardDraft(snapshot.periodId) : store.saveDraft(snapshot);
      })
      .catch((error) => {
        console.error('draft not saved', error);
        setMessage({ text: t('storage.full'), tone: 'error' });
      });
    return draftWrite;
  };
  const edited = () => {
    setConfirming(false);
    setMessage(null);
    void writeDraft();
  };
  onCleanup(onBeforeUpdate(() => writeDraft()));

  const visibleProblems = () => reading().problems.filter((p) => p.severity === 'warning' || showErrors() || fieldTouched(p.field));
  const touched = new Set<string>();
  const [touchTick, setTouchTick] = createSignal(0);
  const fieldTouched = (key: string) => (touchTick(), touched.has(key) && (fields()[key] ?? '') !== '');

  const onChange = (key: string, text: string) => {
    touched.add(key);
    setTouchTick((n) => n + 1);
    setFields((f) => ({ ...f, [key]: text }));
    edited();
  };

  const send = async () => {
    if (saving()) return;
    const r = reading();
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      setShowErrors(true);
      setMessage({ text: t('form.has_errors'), tone: 'error' });
      focusField(errors[0]!.field);
      return;
    }
    if (r.values.length === 0) {
      setMessage({ text: t('form.empty'), tone: 'error' });
      return;
    }
    // A figure typed over the register must say why (the server's rule, shared/target-links.ts).
    if (overrideWithoutNote(sentValues(), targets, note()) !== null) {
      setMessage({ text: t('register.note_needed'), tone: 'error' });
      noteField?.focus();
      return;
    }
    if (r.problems.some((p) => p.severity === 'warning') && !confirming()) {
      setConfirming(true);
      setMessage({ text: t('form.confirm_warnings'), tone: 'warn' });
      return;
    }
    setSaving(true);
    sending = true;
    const now = Date.now();
    try {
      await store.queueReport(
        {
          id: uuidv7(now),
          unitId: props.unitId,
          planId: form.plan.id,
          periodId: form.period.id,
          values: sentValues(),
          note: note().trim() === '' ? null : note().slice(0, MAX_NOTE_LENGTH),
          // The server's clock, not the phone's: "newest report counts" must order devices correctly (G6).
          createdAt: new Date(now + props.serverOffsetMs).toISOString(),
          supersedes: form.supersedes,
        },
        { now, replacePending: true },
      );
      sent = true;
    } catch (error) {
      sending = false;
      void writeDraft(); // a skipped draft write may have been the newest: keep the input
      setSaving(false);
      setMessage({ text: error instanceof StorageFullError ? t('storage.full') : t('error.generic'), tone: 'error' });
      return;
    }
    // Only now, with the write committed, is the user told it is saved (G1).
    showFlash(t('form.saved'));
    navigate('/');
    void requestBackgroundSync();
    void syncNow();
  };

  const domId = (i: number) => `t${i}`;
  const focusField = (key: string) => {
    const index = form.items.findIndex((i) => key === i.target.id || key.startsWith(`${i.target.id}/`));
    const suffix = key.endsWith('/n') ? '-n' : key.endsWith('/d') ? '-d' : '';
    document.getElementById(`${domId(index)}${suffix}`)?.focus();
  };

  return (
    <form
      class="report-form"
      aria-labelledby="form-title"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h1 id="form-title">{t('form.title', { period: form.period.name })}</h1>
      <p class="period-dates">
        {t('form.period_dates', { from: formatDate(form.period.from), to: formatDate(form.period.to) })} ·{' '}
        {t('home.deadline', { date: formatDate(form.period.deadline) })}
      </p>
      {/* Reports are cumulative for the year (domain): say so, or a village head types this quarter alone. */}
      <p class="notice notice-info small" data-testid="cumulative-note">
        {t('form.cumulative', { from: formatDate(`${form.plan.year}-01-01`), to: formatDate(form.period.to) })}
      </p>
      <Show when={form.returnedReason !== null}>
        <p class="notice notice-error" data-testid="returned-reason">
          <Icon name="returned" /> {t('form.correcting', { reason: form.returnedReason ?? '' })}
        </p>
      </Show>
      <Show when={form.rejected}>
        {(err) => (
          <div class="notice notice-error" data-testid="rejected-reason">
            <p>
              <Icon name="warn" /> {t('form.rejected', { message: errorText(err().code, err().message) })}
            </p>
            <p class="details">{t('form.details', { code: err().code })}</p>
          </div>
        )}
      </Show>
      <Show when={form.pending && !form.rejected}>
        <p class="notice notice-warn">{t('form.pending')}</p>
      </Show>
      <For each={form.items}>
        {(item, i) => (
          <>
          <TargetField
            target={item.target}
            domId={domId(i())}
            fields={fields()}
            problems={visibleProblems().filter((p) => p.targetId === item.target.id)}
            onChange={onChange}
            assigned={form.assigned[item.target.id] ?? null}
            previous={item.previous}
            isParent={item.childIds.length > 0}
            sum={reading().sums[item.target.id]}
            depth={form.depth[item.target.id] ?? 0}
          />
          <Show when={proposals()[item.target.id]}>
            {(proposal) => (
              <RegisterProposal
                targetId={item.target.id}
                rate={item.target.measure === 'rate'}
                proposal={proposal()}
                count={counts()![item.target.id]!}
                using={sentValues().some((v) => v.targetId === item.target.id) && !isOverride(sentValues(), item.target.id)}
                overridden={isOverride(sentValues(), item.target.id)}
                onUse={() => {
                  setFields((f) => fieldsWithProposal(f, item.target, proposal()));
                  edited();
                }}
              />
            )}
          </Show>
          </>
        )}
      </For>
      <div class="note-field">
        <label for="report-note">{t('form.note')}</label>
        <textarea
          ref={noteField}
          id="report-note"
          rows={3}
          maxLength={MAX_NOTE_LENGTH}
          placeholder={t('form.note_hint')}
          value={note()}
          onInput={(e) => {
            setNote(e.currentTarget.value);
            edited();
          }}
        />
      </div>
      <Show when={message()}>
        {(m) => (
          <p class={`notice notice-${m().tone}`} role="alert" data-testid="form-message">
            {m().text}
          </p>
        )}
      </Show>
      <div class="bottom-bar">
        <button type="submit" class="button wide" disabled={saving()}>
          {confirming() ? t('form.send_anyway') : t('form.send')}
        </button>
      </div>
      {/* Problems listed by name too, for screen readers that skip to the end. */}
      <Show when={showErrors() && reading().problems.some((p) => p.severity === 'error')}>
        <ul class="visually-hidden">
          <For each={reading().problems.filter((p) => p.severity === 'error')}>
            {(p) => {
              const target = form.items.find((i) => i.target.id === p.targetId)?.target;
              return <li>{`${target?.label ?? ''}: ${problemText(p, target)}`}</li>;
            }}
          </For>
        </ul>
      </Show>
    </form>
  );
}
