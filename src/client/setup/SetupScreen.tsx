/**
 * First run on an empty server: create the commune and its admin account, or load the demo
 * commune. Shown until the server holds a commune; afterwards the server refuses both.
 */
import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import * as z from 'zod/mini';
import { SetupRequest } from '../../shared/schemas/office';
import { HttpFailure } from '../data/http';
import { createFirstCommune, loadDemoCommune, needsSetup, type DemoLogins } from '../data/setup';
import './setup.css';

type Done =
  | { kind: 'commune'; communeName: string; username: string; name: string }
  | { kind: 'demo'; logins: DemoLogins };

const FIELD_HINTS: Record<string, string> = {
  communeName: 'Tên xã',
  'admin.username': 'Tên đăng nhập (3–50 chữ thường không dấu, số, dấu chấm hoặc gạch: ví dụ quantri.loku)',
  'admin.name': 'Họ và tên',
  'admin.password': 'Mật khẩu (ít nhất 8 ký tự)',
};

/** A sentence for the person at the screen: the server's own words, or what to do when it cannot be reached. */
function explain(error: unknown): string {
  if (error instanceof HttpFailure) {
    if (error.kind === 'network') return 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';
    if (error.body?.code === 'setup.already_done') return 'Máy chủ đã được thiết lập. Hãy đăng nhập ở trang văn phòng.';
    const field = error.body?.path ? FIELD_HINTS[error.body.path] : undefined;
    if (error.body) return field ? `${field}: ${error.body.message}` : error.body.message;
  }
  return 'Máy chủ gặp lỗi. Vui lòng thử lại sau.';
}

export default function SetupScreen() {
  const [status, setStatus] = createSignal<'checking' | 'open' | 'closed'>('checking');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<Done | null>(null);
  const [form, setForm] = createSignal({ communeName: '', username: '', name: '', password: '' });
  const field = (key: keyof ReturnType<typeof form>) => (e: InputEvent & { currentTarget: HTMLInputElement }) =>
    setForm({ ...form(), [key]: e.currentTarget.value });

  onMount(async () => {
    try {
      setStatus((await needsSetup()) ? 'open' : 'closed');
    } catch (e) {
      setStatus('open');
      setError(explain(e));
    }
  });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = form();
    const request = { communeName: f.communeName, admin: { username: f.username, name: f.name, password: f.password } };
    // The same schema the server checks with: most mistakes are caught before sending.
    const checked = z.safeParse(SetupRequest, request);
    if (!checked.success) {
      const path = checked.error.issues[0]?.path.join('.') ?? '';
      setError(`${FIELD_HINTS[path] ?? 'Thông tin'}: chưa đúng. Vui lòng kiểm tra lại.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await createFirstCommune(checked.data);
      setDone({ kind: 'commune', communeName: checked.data.communeName, username: checked.data.admin.username, name: user.name });
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  const demo = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone({ kind: 'demo', logins: await loadDemoCommune() });
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="setup">
      <h1>Thiết lập Sổ Thi Đua</h1>
      <Show when={error()}>
        <p class="error" role="alert">{error()}</p>
      </Show>
      <Switch>
        <Match when={done()?.kind === 'commune' && done()}>
          {(d) => {
            const c = d() as Extract<Done, { kind: 'commune' }>;
            return (
              <section class="done" aria-live="polite">
                <h2>Đã tạo {c.communeName}</h2>
                <p>Tài khoản quản trị: <code>{c.username}</code> ({c.name}).</p>
                <p>Bước tiếp theo:</p>
                <ol>
                  <li>Đăng nhập ở <a href="/office">trang văn phòng</a> bằng tên và mật khẩu vừa tạo.</li>
                  <li>Thêm các thôn, làng, hội, đoàn thể và tài khoản trưởng thôn, người phụ trách hội.</li>
                  <li>Nhập kế hoạch thi đua và giao chỉ tiêu; cấp mã kích hoạt cho từng điện thoại.</li>
                </ol>
              </section>
            );
          }}
        </Match>
        <Match when={done()?.kind === 'demo' && done()}>
          {(d) => {
            const l = (d() as Extract<Done, { kind: 'demo' }>).logins;
            return (
              <section class="done" aria-live="polite">
                <h2>Đã nạp xã mẫu</h2>
                <p>Văn phòng đăng nhập ở <a href="/office">trang văn phòng</a>:</p>
                <p><code>{l.office.username}</code> / <code>{l.office.password}</code> — quản trị: <code>{l.admin.username}</code> / <code>{l.admin.password}</code></p>
                <p>Mã kích hoạt điện thoại (dùng một lần). Mở trang này trên điện thoại và nhập một mã:</p>
                <table>
                  <thead><tr><th scope="col">Mã</th><th scope="col">Đơn vị</th><th scope="col">Người dùng</th></tr></thead>
                  <tbody>
                    <For each={l.field}>{(f) => <tr><td><code>{f.code}</code></td><td>{f.unit}</td><td>{f.name}</td></tr>}</For>
                  </tbody>
                </table>
                <p><a href="/enroll">Kích hoạt điện thoại này</a></p>
              </section>
            );
          }}
        </Match>
        <Match when={status() === 'checking'}>
          <p>Đang kiểm tra máy chủ…</p>
        </Match>
        <Match when={status() === 'closed'}>
          <p class="done">Máy chủ đã được thiết lập. Văn phòng đăng nhập ở <a href="/office">trang văn phòng</a>; điện thoại kích hoạt ở <a href="/enroll">trang kích hoạt</a>.</p>
        </Match>
        <Match when={status() === 'open'}>
          <p>Máy chủ chưa có xã nào. Chọn một trong hai cách:</p>
          <section class="setup-choice" aria-labelledby="setup-commune">
            <h2 id="setup-commune">Tạo xã và tài khoản quản trị</h2>
            <form onSubmit={submit} novalidate>
              <label for="setup-commune-name">Tên xã</label>
              <input id="setup-commune-name" autocomplete="organization" placeholder="Xã Lơ Ku" value={form().communeName} onInput={field('communeName')} required />
              <label for="setup-name">Họ và tên người quản trị</label>
              <input id="setup-name" autocomplete="name" value={form().name} onInput={field('name')} required />
              <label for="setup-username">Tên đăng nhập</label>
              <input id="setup-username" autocomplete="username" autocapitalize="none" spellcheck={false} value={form().username} onInput={field('username')} required />
              <p class="hint">Chữ thường không dấu, số, dấu chấm hoặc gạch; ví dụ: quantri.loku</p>
              <label for="setup-password">Mật khẩu</label>
              <input id="setup-password" type="password" autocomplete="new-password" value={form().password} onInput={field('password')} required minLength={8} />
              <p class="hint">Ít nhất 8 ký tự. Ghi lại ở nơi an toàn.</p>
              <button type="submit" disabled={busy()}>Tạo xã</button>
            </form>
          </section>
          <section class="setup-choice" aria-labelledby="setup-demo">
            <h2 id="setup-demo">Nạp dữ liệu mẫu</h2>
            <p>Xã Lơ Ku với 8 làng, 5 hội, đoàn thể và kế hoạch thi đua có sẵn, để dùng thử. Không dùng cho xã thật.</p>
            <button type="button" class="secondary" disabled={busy()} onClick={demo}>Nạp dữ liệu mẫu</button>
          </section>
        </Match>
      </Switch>
    </main>
  );
}
