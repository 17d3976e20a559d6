/**
 * "Nhật ký thao tác": who did what, when, with the before and after, newest first, 50 a page,
 * filtered by entity, person, action and days. Read only: nothing edits or deletes the trail.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { explain } from '../api';
import { listAudit, listUsers, type AuditEntry, type AuditFilter } from '../api-setup';
import '../setup.css';
import { messages, t, type MessageKey } from '../messages';
import { formatDateTime } from '../setup-kit';

const ENTITIES = ['plan', 'target', 'assignment', 'period', 'unit', 'user', 'enrollment_code', 'device', 'report', 'review'] as const;

/** Actions the trail holds so far (others' areas add more; any action can still be typed). */
const ACTIONS = [
  'plan.create', 'plan.update', 'plan.activate', 'plan.close', 'plan.delete', 'target.create', 'target.update', 'target.delete',
  'assignment.replace', 'period.lock', 'period.unlock', 'review.approve', 'review.return', 'unit.create', 'unit.update',
  'unit.close', 'unit.replace', 'unit.hand_over', 'user.create', 'user.update', 'enrollment_code.issue', 'device.rename', 'device.revoke',
];

/** "device.revoke" → "Thu hồi"; the stable code stays beside it for precision. */
function verbLabel(action: string): string | null {
  const verb = action.split('.').pop() ?? '';
  const key = `verb.${verb}` as MessageKey;
  return verb && key in messages.vi ? t(key) : null;
}

function entityLabel(entity: string): string {
  return (ENTITIES as readonly string[]).includes(entity) ? t(`entity.${entity}` as MessageKey) : entity;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A before/after value in one readable line: `name: Thôn 1 · kind: village`. Instants read as
 * Vietnam time; ids (`userId: 01a2…`) are left out, they mean nothing to a reader.
 */
export function describeChange(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([k]) => k !== 'id' && !k.endsWith('Id'))
    .map(([k, v]) => `${k}: ${typeof v === 'string' && INSTANT.test(v) ? formatDateTime(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(' · ') : '—';
}

export default function AuditScreen() {
  const [users] = createResource(() => listUsers().catch(() => []));
  const [filter, setFilter] = createSignal<AuditFilter>({});
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(false);
  const [entity, setEntity] = createSignal('');
  const [actorId, setActorId] = createSignal('');
  const [action, setAction] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');

  const load = async (f: AuditFilter, append: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await listAudit(f);
      setEntries(append ? [...entries(), ...page.entries] : page.entries);
      setNext(page.next);
    } catch (e) {
      setError(e);
      if (!append) setEntries([]);
    } finally {
      setLoading(false);
    }
  };
  void load({}, false);

  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    const f: AuditFilter = { entity: entity(), actorId: actorId(), action: action().trim(), from: from(), to: to() };
    setFilter(f);
    void load(f, false);
  };

  return (
    <main class="office-main setup-main">
      <h1>{t('audit.title')}</h1>
      <form class="card review-filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <label class="field">
          <span>{t('audit.entity')}</span>
          <select value={entity()} onChange={(e) => setEntity(e.currentTarget.value)}>
            <option value="">{t('audit.any')}</option>
            <For each={ENTITIES}>{(x) => <option value={x}>{entityLabel(x)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>{t('audit.person')}</span>
          <select value={actorId()} onChange={(e) => setActorId(e.currentTarget.value)}>
            <option value="">{t('audit.any')}</option>
            <For each={users() ?? []}>{(u) => <option value={u.id}>{u.name}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>{t('audit.action')}</span>
          <input value={action()} maxLength={80} list="audit-actions" autocomplete="off" onInput={(e) => setAction(e.currentTarget.value)} />
          <datalist id="audit-actions"><For each={ACTIONS}>{(a) => <option value={a}>{verbLabel(a) ?? a}</option>}</For></datalist>
        </label>
        <label class="field">
          <span>{t('audit.from')}</span>
          <input type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('audit.to')}</span>
          <input type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-main">{t('audit.apply')}</button>
      </form>
      <Show when={error()}><p class="alert" role="alert">{explain(error())}</p></Show>
      <section class="card" aria-labelledby="audit-list">
        <h2 id="audit-list">{t('audit.list')} <span class="muted">({entries().length} {t('audit.shown')})</span></h2>
        <Show when={entries().length > 0} fallback={<p>{loading() ? t('common.loading') : t('audit.empty')}</p>}>
          <div class="table-scroll">
            <table class="grid audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.at')}</th><th scope="col">{t('audit.col.who')}</th><th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.entity')}</th><th scope="col">{t('audit.col.before')}</th><th scope="col">{t('audit.col.after')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={entries()}>
                  {(e) => (
                    <tr>
                      <td class="nowrap">{formatDateTime(e.at)}</td>
                      <td>{e.actorName ?? t('audit.system')}<Show when={e.actorRole}><div class="muted">{t(`role.${e.actorRole}` as MessageKey) ?? e.actorRole}</div></Show></td>
                      <td>{verbLabel(e.action) ?? e.action}<div class="muted audit-code">{e.action}</div></td>
                      <td>{entityLabel(e.entity)}</td>
                      <td class="audit-change">{describeChange(e.before)}</td>
                      <td class="audit-change">{describeChange(e.after)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={next()}>
          {(cursor) => (
            <button type="button" class="btn review-more" disabled={loading()} onClick={() => void load({ ...filter(), before: cursor() }, true)}>
              {loading() ? t('common.loading') : t('audit.more')}
            </button>
          )}
        </Show>
      </section>
    </main>
  );
}
