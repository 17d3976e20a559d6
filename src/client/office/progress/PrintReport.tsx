/**
 * "Báo cáo kết quả thực hiện phong trào thi đua", printed from the browser on A4 in the
 * layout of Decree 30/2020/NĐ-CP (print.css): the issuing body beside the national heading,
 * number and place/date on one line, the title, a table per area, the completeness line, the
 * office's own words (saved with the period before printing) and the chairperson's block.
 * On screen the editor for those words sits above a preview of the page.
 */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import type { ReportNotesInput } from '../../../shared/schemas/report-notes';
import { explain } from '../api';
import { getReportNotes, saveReportNotes } from '../api-progress';
import { unitName } from '../review/lookups';
import { t, type MessageKey } from '../messages';
import type { ProgressView } from './ProgressScreen';
import { byArea, numbering } from './areas';
import { formatInstant, longDate, percentText, planNumber, resultNumber, unitOfMeasure, verdictWord } from './format';
import './print.css';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const FIELDS = ['general', 'shortcomings', 'directions'] as const;
const FIELD_KEY: Record<(typeof FIELDS)[number], MessageKey> = {
  general: 'pg.print.general', shortcomings: 'pg.print.shortcomings', directions: 'pg.print.directions',
};
const EMPTY: ReportNotesInput = { general: '', shortcomings: '', directions: '' };

export default function PrintReport(props: { view: ProgressView }) {
  const key = () => ({ plan: props.view.plan.id, period: props.view.period.id });
  const [saved] = createResource(key, (k) => getReportNotes(k.plan, k.period));
  const [draft, setDraft] = createSignal<ReportNotesInput>(EMPTY);
  const [dirty, setDirty] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<{ ok: boolean; text: string } | null>(null);

  createEffect(on(() => saved.latest, (s) => {
    if (!s) return;
    setDraft({ general: s.general, shortcomings: s.shortcomings, directions: s.directions });
    setDirty(false);
  }));

  async function save() {
    setBusy(true);
    setStatus(null);
    try {
      const s = await saveReportNotes(props.view.plan.id, props.view.period.id, draft());
      setDirty(false);
      setStatus({ ok: true, text: `${t('pg.print.saved')} ${s.updatedAt ? formatInstant(s.updatedAt) : ''}` });
    } catch (e) {
      setStatus({ ok: false, text: explain(e) });
    } finally {
      setBusy(false);
    }
  }

  const commune = () => props.view.names.units.get(props.view.plan.issuerUnitId)?.name ?? '';
  const place = () => commune().replace(/^Xã\s+/i, '') || '…';
  const c = () => props.view.progress.completeness;
  const groups = () => byArea(props.view.progress.targets);
  const numbers = () => numbering(props.view.progress.targets);
  const missingNames = () => c().missing.map((id) => unitName(props.view.names, id)).join(', ');

  return (
    <>
      <section class="card no-print" aria-labelledby="notes-title">
        <div class="office-heading">
          <h2 id="notes-title">{t('pg.print.notes')}</h2>
          <button type="button" class="btn btn-main" onClick={() => window.print()}>{t('pg.print.print')}</button>
        </div>
        <p class="muted">{t('pg.print.notesHelp')}</p>
        <Show when={!saved.error} fallback={<p class="alert" role="alert">{explain(saved.error)}</p>}>
          <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <For each={FIELDS}>
              {(f) => (
                <label class="field">
                  <span>{t(FIELD_KEY[f])}</span>
                  <textarea name={f} rows={4} value={draft()[f]} disabled={saved.loading}
                    onInput={(e) => { setDraft({ ...draft(), [f]: e.currentTarget.value }); setDirty(true); }} />
                </label>
              )}
            </For>
            <div class="reminder-actions">
              <button type="submit" class="btn" disabled={busy() || saved.loading}>{busy() ? t('pg.print.saving') : t('pg.print.save')}</button>
              <span aria-live="polite">
                <Show when={status()}>{(s) => <span class={s().ok ? 'ok-text' : 'alert'}>{s().text}</span>}</Show>
                <Show when={dirty() && !status()}><span class="muted">{t('pg.print.unsaved')}</span></Show>
              </span>
            </div>
          </form>
        </Show>
      </section>

      <h2 class="no-print">{t('pg.print.preview')}</h2>
      <article class="a4" lang="vi" aria-label={t('pg.print.title')}>
        <table class="doc-head" role="presentation">
          <tbody>
            <tr>
              <td class="doc-issuer">
                <div>ỦY BAN NHÂN DÂN</div>
                <div class="doc-strong">{commune().toUpperCase() || (props.view.plan.issuer || 'XÃ …').toUpperCase()}</div>
                <div class="doc-rule doc-rule-short" />
              </td>
              <td class="doc-nation">
                <div class="doc-strong doc-nation-name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
                <div class="doc-strong doc-motto">Độc lập - Tự do - Hạnh phúc</div>
                <div class="doc-rule doc-rule-long" />
              </td>
            </tr>
            <tr>
              <td class="doc-number">Số: ……/BC-UBND</td>
              <td class="doc-date"><em>{place()}, {longDate()}</em></td>
            </tr>
          </tbody>
        </table>

        <h1 class="doc-title">BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA</h1>
        <p class="doc-subtitle">{props.view.plan.title}</p>
        <p class="doc-subtitle">{props.view.period.name}{props.view.plan.number ? ` (theo Kế hoạch số ${props.view.plan.number.replace(/^Số[:\s]*/i, '')})` : ''}</p>
        <div class="doc-rule doc-rule-title" />

        <h2 class="doc-section">I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU</h2>
        <p class="doc-para">
          Số đơn vị đã báo cáo: {c().reported}/{c().expected} đơn vị ({c().onTime} đúng hạn, {c().late} trễ hạn)
          {c().missing.length > 0 ? `; chưa báo cáo: ${missingNames()}` : ''}.
          {props.view.basis === 'submitted' ? ' Số liệu tính cả các báo cáo chưa duyệt.' : ' Số liệu tính theo các báo cáo đã duyệt.'}
        </p>
        <For each={groups()}>
          {(g, i) => (
            <>
              <h3 class="doc-area">{i() + 1}. {t(`area.${g.area}` as MessageKey)}</h3>
              <table class="doc-table">
                <thead>
                  <tr>
                    <th scope="col" class="c-stt">STT</th>
                    <th scope="col">Chỉ tiêu</th>
                    <th scope="col" class="c-unit">Đơn vị tính</th>
                    <th scope="col" class="c-num">Kế hoạch</th>
                    <th scope="col" class="c-num">Thực hiện</th>
                    <th scope="col" class="c-pct">Tỷ lệ %</th>
                    <th scope="col" class="c-verdict">Đánh giá</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={g.targets}>
                    {(tg) => (
                      <tr classList={{ child: tg.parentId !== null }}>
                        <td class="c-stt">{numbers().get(tg.targetId)}</td>
                        <td class="c-label">{tg.label}</td>
                        <td class="c-unit">{unitOfMeasure(tg)}</td>
                        <td class="c-num">{planNumber(tg)}</td>
                        <td class="c-num">{resultNumber(tg)}</td>
                        <td class="c-pct">{tg.percent === null ? '' : percentText(tg.percent).replace('%', '')}</td>
                        <td class="c-verdict">{verdictWord(tg.verdict)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </>
          )}
        </For>

        <For each={FIELDS.slice(0, -1)}>
          {(f, i) => (
            <>
              <h2 class="doc-section">{ROMAN[i() + 1]}. {t(FIELD_KEY[f]).toUpperCase()}</h2>
              <p class="doc-para doc-free">{draft()[f] || '…'}</p>
            </>
          )}
        </For>

        {/* The last part and the signature block stay on one page: a signature never stands alone. */}
        <div class="doc-end">
        <h2 class="doc-section">{ROMAN[FIELDS.length]}. {t(FIELD_KEY.directions).toUpperCase()}</h2>
        <p class="doc-para doc-free">{draft().directions || '…'}</p>
        <table class="doc-foot" role="presentation">
          <tbody>
            <tr>
              <td class="doc-recipients">
                <div class="doc-recipients-title">Nơi nhận:</div>
                <div>- …;</div>
                <div>- Lưu: VT.</div>
              </td>
              <td class="doc-sign">
                <div class="doc-strong">TM. ỦY BAN NHÂN DÂN</div>
                <div class="doc-strong">CHỦ TỊCH</div>
                <div class="doc-sign-space" />
              </td>
            </tr>
          </tbody>
        </table>
        </div>
      </article>
    </>
  );
}
