/**
 * `npm run bench:client`: the field app's four figures from issue 4, measured in Debian's
 * Chromium on the built app served by `npm start`'s server, with DevTools CPU throttling 4×:
 * (1) JS+CSS the report form needs, gzip; (2) offline reload to a usable form; (3) saving a
 * report, p95; (4) 1,000 queued reports delivered on a 3G profile. Each timed figure is the
 * median of RUNS runs (default 5). Writes the table into docs/benchmarks.md ("## Field app").
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { ROOT, TestServer, type DemoLogins } from '../e2e/support/server';
import { launchBrowser, newPhoneContext, waitForServiceWorkerControl } from '../e2e/support/browser';
import { FieldApp, multiplyQueuedReport, type ReportForm } from '../e2e/support/pages';
import { OfficeApi } from '../e2e/support/api';
import { INSTRUMENT, WATCH_DELIVERY } from './client-bench-page';
import { writeBenchSection } from './support/doc-section';

/** At least 5 for the record; BENCH_RUNS=1 is for trying the script (then docs are left alone). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const SAVES_PER_RUN = 50;
const QUEUED = 1000;
const CPU_SLOWDOWN = 4;
/** The issue's 3G profile: 300 ms latency, 400 kbit/s up, 1.6 Mbit/s down (bytes per second). */
const THREE_G = { offline: false, latency: 300, uploadThroughput: (400 * 1000) / 8, downloadThroughput: (1600 * 1000) / 8 };
const isPush = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/reports';
const OFFLINE = { offline: true, latency: 0, uploadThroughput: -1, downloadThroughput: -1 };

interface Phone {
  context: BrowserContext;
  page: Page;
  app: FieldApp;
  cdp: CDPSession;
  unit: DemoLogins['field'][number];
}

/** The page's instrumentation (client-bench-page.ts INSTRUMENT); only read inside page functions. */
interface PageBench {
  formUsableAt: number | null;
  saves: number[];
  delivery: { start: number | null; end: number | null; trigger: string | null } | null;
}
/** `window` as the instrumented page sees it (page functions are serialised: no closures). */
type W = { __bench?: PageBench };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const log = (line: string) => console.log(`[bench:client] ${line}`);

function build(outDir: string): { printedKb: number | null } {
  const res = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
  const m = /Report form JS\+CSS[^:]*:\s*([\d.]+) KB gzip/.exec(res.stdout);
  return { printedKb: m ? Number(m[1]) : null };
}

async function newPhone(browser: Browser, server: TestServer, unit: DemoLogins['field'][number]): Promise<Phone> {
  const context = await newPhoneContext(browser, server.baseURL);
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  const app = new FieldApp(page);
  await app.enroll(unit.code);
  await waitForServiceWorkerControl(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, app, cdp, unit };
}

/** (1) The scripts and styles a fresh page loads to show the form, gzip'd here with node:zlib. */
async function formBundle(phone: Phone, server: TestServer, periodName: string): Promise<{ total: number; files: [string, number][] }> {
  await phone.app.gotoHome();
  const href = await phone.app.periodCard(periodName).getByRole('link').first().getAttribute('href');
  const page = await phone.context.newPage();
  const urls = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.resourceType() === 'stylesheet') urls.add(new URL(r.url()).pathname);
  });
  await page.goto(href!);
  await page.waitForFunction(() => (window as unknown as W).__bench?.formUsableAt != null);
  await page.close();
  const files: [string, number][] = [];
  for (const path of [...urls].sort()) {
    const body = Buffer.from(await (await fetch(`${server.baseURL}${path}`)).arrayBuffer());
    files.push([path, gzipSync(body, { level: 9 }).length]);
  }
  return { total: files.reduce((s, [, n]) => s + n, 0), files };
}

/** (2) Reload the form with no network (and no server): navigation start → usable input. */
async function offlineReloads(phone: Phone, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    await phone.page.reload({ waitUntil: 'commit' });
    const at = await phone.page.waitForFunction(() => (window as unknown as W).__bench?.formUsableAt, undefined, { timeout: 30_000 });
    if (i > 0) times.push(Number(await at.jsonValue())); // the first reload warms the caches
  }
  return times;
}

async function fillWholeForm(form: ReportForm): Promise<void> {
  const inputs = form.page.locator('form.report-form input[inputmode="decimal"]');
  const n = await inputs.count();
  for (let i = 0; i < n; i++) {
    const id = (await inputs.nth(i).getAttribute('id')) ?? '';
    await inputs.nth(i).fill(id.endsWith('-n') ? '47' : id.endsWith('-d') ? '50' : String(5 + (i % 10)));
  }
  const radios = form.page.locator('form.report-form [role="radiogroup"] label:first-child');
  for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).click();
}

/** (3) One run of saves: open the form, type, press "Gửi", wait for "Đã lưu trên máy". */
async function saveRun(phone: Phone, periods: string[], saves: number): Promise<number[]> {
  const { page, app } = phone;
  await page.evaluate(() => void ((window as unknown as W).__bench!.saves.length = 0));
  for (let i = 0; i < saves; i++) {
    const form = await app.openReport(periods[i % periods.length]!);
    await form.field('Đàn bò').fill(String(150 + (i % 3)));
    const close = page.getByTestId('flash').getByRole('button', { name: 'Đóng' });
    if (await close.isVisible()) await close.click();
    await form.send();
    await app.homeHeading.waitFor();
  }
  const times = await page.evaluate(() => (window as unknown as W).__bench!.saves);
  if (times.length !== saves) throw new Error(`measured ${times.length} saves of ${saves}`);
  return times;
}

/**
 * (4) Queue 1,000 reports with the server down, bring it back, and time their delivery on the
 * 3G profile from an `online` event to an empty outbox. The page sits on 3G throughout and the
 * event is dispatched once the server answers: DevTools' offline→online switch fires `online`
 * before the network service is back, so the app's first attempt failed at random and its
 * jittered retry (0–2 s) became part of the figure. A run in which the app's own retry timer
 * started a push before the event is discarded and run again.
 */
async function deliveryRun(phone: Phone, server: TestServer, period: string, office: OfficeApi): Promise<{ total: number; onWire: number } | null> {
  const { page, app, cdp } = phone;
  await cdp.send('Network.emulateNetworkConditions', THREE_G);
  await server.stop(); // nobody to deliver to, for the page and for the service worker's Background Sync
  const form = await app.openReport(period);
  await fillWholeForm(form);
  await form.send();
  await multiplyQueuedReport(page, QUEUED);
  await page.reload();
  await app.homeHeading.waitFor();
  await app.waitForWaitingCount(QUEUED, 60_000);
  const pushes = new Map<Request, { start: number; end: number | null; failed: boolean }>();
  page.on('request', (r) => void (isPush(r) && pushes.set(r, { start: Date.now(), end: null, failed: false })));
  page.on('requestfinished', (r) => void (pushes.has(r) && (pushes.get(r)!.end = Date.now())));
  page.on('requestfailed', (r) => void (pushes.has(r) && (pushes.get(r)!.failed = true)));
  await server.start();
  const trigger = Date.now();
  await page.evaluate(WATCH_DELIVERY);
  await page.evaluate(() => void window.dispatchEvent(new Event('online')));
  const done = await page.waitForFunction(() => (window as unknown as W).__bench?.delivery?.end != null && (window as unknown as W).__bench!.delivery, undefined, { timeout: 120_000 });
  const d = (await done.jsonValue()) as { start: number; end: number };
  const stored = await office.reportsOfUnit(phone.unit.unitId);
  if (stored.length !== QUEUED) throw new Error(`server holds ${stored.length} reports of ${QUEUED}`);
  // Pushes the app's retry timer began while the server was down failed; one that began after it
  // came back and before the event would have delivered outside the measured time.
  const delivered = [...pushes.values()].filter((x) => !x.failed);
  if (delivered.some((x) => x.start < trigger)) {
    log("  discarded: the app's retry timer started a push before the measured one");
    return null;
  }
  const onWire = delivered.reduce((sum, x) => sum + ((x.end ?? x.start) - x.start), 0);
  log(`  delivery run: ${ms(d.end - d.start)}, of which ${ms(onWire)} with a POST on the wire (${delivered.length} batches)`);
  return { total: d.end - d.start, onWire };
}

async function main(): Promise<void> {
  // BENCH_SITE=dir measures an existing build (e.g. an experiment) instead of building one.
  const given = process.env.BENCH_SITE;
  const site = given ?? join(tmpdir(), 'sothidua-bench-site');
  if (!given) log('building the app…');
  const { printedKb } = given ? { printedKb: null } : build(site);
  const server = await TestServer.start({ siteRoot: site });
  const demo = server.loadDemo();
  const villages = demo.field.filter((f) => f.unit.startsWith('Làng') || f.unit.startsWith('Thôn'));
  if (villages.length < RUNS + 1) throw new Error(`need ${RUNS + 1} villages in the demo, found ${villages.length}`);
  const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
  const browser = await launchBrowser();
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  try {
    const phone = await newPhone(browser, server, villages[0]!);
    const periods = await phone.app.periodNames();

    log('(1) report form JS+CSS…');
    const bundle = await formBundle(phone, server, periods[0]!);

    log('(2) offline reload → usable form…');
    await phone.app.openReport(periods[0]!);
    await server.stop();
    await phone.cdp.send('Network.emulateNetworkConditions', OFFLINE);
    const reloads = await offlineReloads(phone, Math.max(RUNS, 7));

    log(`(3) saving: ${RUNS} runs × ${SAVES_PER_RUN} saves (after 3 warm-up saves)…`);
    await phone.app.gotoHome();
    await saveRun(phone, periods, 3);
    const saveRuns: number[][] = [];
    for (let r = 0; r < RUNS; r++) saveRuns.push(await saveRun(phone, periods, SAVES_PER_RUN));
    const p95s = saveRuns.map((xs) => percentile(xs, 95));
    await phone.context.close();
    await server.start();

    log(`(4) ${QUEUED} queued reports on 3G: ${RUNS} runs, a fresh phone of another village each…`);
    const deliveries: { total: number; onWire: number }[] = [];
    for (let v = 1; deliveries.length < RUNS; v++) {
      if (v >= villages.length) throw new Error('ran out of demo villages for delivery runs');
      const p = await newPhone(browser, server, villages[v]!);
      const run = await deliveryRun(p, server, (await p.app.periodNames())[0]!, office);
      if (run) deliveries.push(run);
      await p.context.close();
    }
    const totals = deliveries.map((d) => d.total);

    const rows = [
      ['JS+CSS for the report form, gzip', '≤ 100 KB', `${(bundle.total / 1024).toFixed(1)} KB`, 'exact (same bytes every run)'],
      ['Offline reload → usable form', '≤ 500 ms', ms(median(reloads)), `${reloads.length} reloads: ${reloads.map(ms).join(', ')}`],
      ['Saving a report, p95', '≤ 50 ms', ms(median(p95s)), `p95 of ${SAVES_PER_RUN} saves × ${RUNS} runs: ${p95s.map(ms).join(', ')}; median save ${ms(median(saveRuns.flat()))}`],
      [`${QUEUED.toLocaleString('en')} queued reports delivered on 3G`, '≤ 5 s', `${(median(totals) / 1000).toFixed(2)} s`, `${RUNS} runs: ${totals.map((d) => (d / 1000).toFixed(2) + ' s').join(', ')}; a POST on the wire for ${(median(deliveries.map((d) => d.onWire)) / 1000).toFixed(2)} s of it (median)`],
    ];
    console.log('\n| figure | aim | median | runs |\n| --- | --- | ---: | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`\nform files: ${bundle.files.map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ')}; build printed ${printedKb ?? '?'} KB`);
    const loadAfter = loadavg().map((x) => x.toFixed(1)).join(' / ');
    log(`load average before ${load}, after ${loadAfter}`);
    if (RUNS >= 5) writeDocs(rows, bundle, printedKb, `${load} before the run, ${loadAfter} after`, browser.version());
    else log(`only ${RUNS} run(s): docs/benchmarks.md left as it was`);
  } finally {
    await browser.close();
    await server.dispose();
  }
}

function writeDocs(rows: string[][], bundle: { files: [string, number][] }, printedKb: number | null, load: string, chromium: string): void {
  const heading = '## Field app (issue 4)';
  // The hand-written analysis ("Where the time goes…") sits outside the generated block and stays.
  const section = [
    `Command: \`npm run bench:client\` (test/bench/client-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium ${chromium} (Debian, headless); load average (1 / 5 / 15 min) ${load}.`,
    '',
    `The built app (\`vite build\`) served by \`npm start\`'s server (SQLite, demo data), a 360 × 740 touch phone context, DevTools CPU throttling ${CPU_SLOWDOWN}× (\`Emulation.setCPUThrottlingRate\`) for every timed figure. Times are taken in the page's own clock:`,
    '',
    '- JS+CSS: every script and stylesheet a fresh page requests to show the form (`/report/:periodId`), gzip -9 with node:zlib; office and setup chunks are lazy and never requested. The build\'s own printout (entry + static imports + CSS): ' + (printedKb === null ? 'not found' : `${printedKb} KB`) + `. Files: ${bundle.files.map(([f, n]) => `\`${f}\` ${(n / 1024).toFixed(1)} KB`).join(', ')}.`,
    '- Offline reload: network cut (DevTools offline) and the server stopped; from navigation start of the reload to the frame after the first number input of the form is in the DOM, enabled and laid out. First reload discarded as warm-up.',
    `- Saving: from the click on "Gửi" to the DOM insertion of "Đã lưu trên máy", which the app shows only after the outbox transaction (IndexedDB durability strict) has committed; offline, a form of the first periods in turn, ${SAVES_PER_RUN} saves per run after 3 warm-up saves, p95 per run, median of the runs.`,
    `- Delivery: ${QUEUED.toLocaleString('en')} reports (a full village report each: 20 values, ~1.9 KB of JSON) queued while the server was down, the page on 300 ms latency / 400 kbit/s up / 1.6 Mbit/s down; the server restarted, then an \`online\` event; from that event to the outbox being empty (every report receipted; the server then holds exactly ${QUEUED.toLocaleString('en')}). The event is dispatched in the page because DevTools' own offline→online switch fires it before the network is back, which made the app's first attempt fail at random and added its jittered retry (0–2 s) to the figure. A fresh phone of another village for each run; a run where the app's retry timer pushed before the event is discarded.`,
    '',
    '| figure | aim | median | runs |',
    '| --- | --- | ---: | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  writeBenchSection('client', heading, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
