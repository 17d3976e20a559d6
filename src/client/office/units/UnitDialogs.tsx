/** The units screen's dialogs: rename, close (asking about shares when there are some), replace by successor. */
import { createSignal, For, Show } from 'solid-js';
import { HttpFailure } from '../../data/http';
import { closeUnit, renameUnit, replaceUnit, type OfficeUnit } from '../api-setup';
import { t } from '../messages';
import { Dialog, DialogButtons, tp, useSave, vietnamDay } from '../setup-kit';

interface DialogBase {
  unit: OfficeUnit;
  onClose: () => void;
  onDone: (notice: string) => void;
}

export function RenameDialog(props: DialogBase) {
  const [name, setName] = createSignal(props.unit.name);
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const unit = await renameUnit(props.unit.id, { name: name().trim() });
      props.onDone(tp('units.renamed', { name: unit.name }));
    });
  };
  return (
    <Dialog title={tp('units.renameTitle', { name: props.unit.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <label class="field">
          <span>{t('units.newName')}</span>
          <input required maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('common.save')} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

export function CloseDialog(props: DialogBase & { candidates: OfficeUnit[] }) {
  /** Set once the server said the unit carries shares (409 unit.has_shares). */
  const [shares, setShares] = createSignal<number | null>(null);
  const [choice, setChoice] = createSignal<'drop' | 'move'>('drop');
  const [toUnitId, setToUnitId] = createSignal(props.candidates[0]?.id ?? '');
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const asked = shares() !== null;
    void save.run(
      async () => {
        await closeUnit(props.unit.id, asked ? { shares: choice(), ...(choice() === 'move' ? { toUnitId: toUnitId() } : {}) } : undefined);
        props.onDone(tp('close.done', { name: props.unit.name }));
      },
      (err) => {
        if (err instanceof HttpFailure && err.body?.code === 'unit.has_shares') {
          const details = (err.body as { details?: { shares?: number } }).details;
          setShares(details?.shares ?? 0);
          return true;
        }
        return false;
      },
    );
  };
  return (
    <Dialog title={tp('close.title', { name: props.unit.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{t('close.help')}</p>
        <Show when={shares() !== null}>
          <fieldset>
            <legend>{tp('close.hasShares', { n: shares()! })}</legend>
            <label class="check">
              <input type="radio" name="shares" value="drop" checked={choice() === 'drop'} onChange={() => setChoice('drop')} /> {t('close.drop')}
            </label>
            <label class="check">
              <input type="radio" name="shares" value="move" checked={choice() === 'move'} disabled={props.candidates.length === 0} onChange={() => setChoice('move')} /> {t('close.move')}
            </label>
            <Show when={choice() === 'move'}>
              <label class="field">
                <span>{t('close.moveTo')}</span>
                <select value={toUnitId()} onChange={(e) => setToUnitId(e.currentTarget.value)}>
                  <For each={props.candidates}>{(u) => <option value={u.id}>{u.name}</option>}</For>
                </select>
              </label>
            </Show>
          </fieldset>
        </Show>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('close.submit')} onCancel={props.onClose} danger />
      </form>
    </Dialog>
  );
}

export function ReplaceDialog(props: DialogBase & { candidates: OfficeUnit[] }) {
  const [successor, setSuccessor] = createSignal(props.candidates.find((u) => u.kind === props.unit.kind)?.id ?? props.candidates[0]?.id ?? '');
  const [on, setOn] = createSignal(vietnamDay());
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!successor()) return;
    void save.run(async () => {
      await replaceUnit(props.unit.id, successor(), on() || undefined);
      props.onDone(tp('replace.done', { name: props.unit.name }));
    });
  };
  return (
    <Dialog title={tp('replace.title', { name: props.unit.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{t('replace.help')}</p>
        <Show when={props.candidates.length > 0} fallback={<p class="notice">{t('replace.none')}</p>}>
          <label class="field">
            <span>{t('replace.successor')}</span>
            <select value={successor()} onChange={(e) => setSuccessor(e.currentTarget.value)}>
              <For each={props.candidates}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>{t('replace.on')}</span>
            <input type="date" value={on()} onInput={(e) => setOn(e.currentTarget.value)} />
          </label>
        </Show>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy() || props.candidates.length === 0} submit={t('replace.submit')} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
