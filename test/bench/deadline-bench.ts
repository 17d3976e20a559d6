/**
 * `npm run bench:deadline`: the last evening before a deadline. 5,000 phones (25 villages ×
 * 200 communes) on one PostgreSQL database behind app server processes (as `npm start` runs
 * them, on 127.0.0.1). A visit is what a phone does when it finds signal: a sync from its
 * cursor (to `more: false`), a push of its 1–3 reports, a sync again.
 *
 * Open-loop arrivals (a phone arrives on schedule whether or not earlier visits finished; a
 * visit's time counts from its scheduled start, so queueing shows) at 50, 100, 150, … visits/s,
 * STEP_S seconds each, from a worker thread; a visit is an error when any call fails or a
 * report is not accepted. Each step prints the visits/s held, p50/p95/p99 and errors; the
 * steps stop after the first one missing p95 ≤ 200 ms with no error, and the highest rate
 * that met it is printed. Run with one app server and then with two, in the same run.
 * Writes its block under "## Deadline evening (issue 11)" in docs/benchmarks.md (support/doc-section.ts).
 * Env: TEST_DATABASE_URL, PHONES (5000), COMMUNES (200), STEP_S (10), RATES (50,100,…,600).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openPostgres } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { seedCommune, type Commune } from '../integration/support/fixtures';
import { createTestDatabase } from '../integration/support/pgbouncer';
import { TestServer } from '../e2e/support/server';
import { writeBenchSection } from './support/doc-section';

const PHONES = Number(process.env.PHONES ?? 5000);
const COMMUNES = Number(process.env.COMMUNES ?? 200);
const STEP_S = Number(process.env.STEP_S ?? 10);
const RATES = (process.env.RATES ?? '50,100,150,200,250,300,400,500,600').split(',').map(Number);
const AIM_P95_MS = 200;
/** Phones hold a cursor from an earlier sync, as on a real deadline evening (WARM=0: every phone's first sync is in the evening). */
const WARM = process.env.WARM !== '0';
const LOAD_BEFORE = loadavg().map((x) => x.toFixed(1)).join(' / ');

interface PhoneSpec {
  token: string;
  cursor: string;
  report: { unitId: string; planId: string; periodId: string; values: unknown[] };
}

// The phones, in a worker: open-loop schedule, one visit per phone at a time.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomFillSync } = require('node:crypto');
function uuidv7() {
  const b = randomFillSync(new Uint8Array(16));
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) { b[i] = ms % 256; ms = Math.floor(ms / 256); }
  b[6] = (b[6] & 0x0f) | 0x70; b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
const { phones } = workerData;
const busy = new Uint8Array(phones.length);
let nextPhone = 0;
async function sync(base, phone) {
  for (;;) {
    const res = await fetch(base + '/api/sync' + (phone.cursor ? '?cursor=' + encodeURIComponent(phone.cursor) : ''), { headers: { authorization: 'Bearer ' + phone.token } });
    const body = await res.json();
    if (res.status !== 200) throw new Error('sync ' + res.status + ' ' + JSON.stringify(body).slice(0, 200));
    phone.cursor = body.cursor;
    if (!body.more) return;
  }
}
async function visit(base, phone) {
  await sync(base, phone);
  const n = 1 + Math.floor(Math.random() * 3);
  const reports = Array.from({ length: n }, () => ({ id: uuidv7(), ...phone.report, note: null, createdAt: new Date().toISOString(), supersedes: null }));
  const res = await fetch(base + '/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + phone.token }, body: JSON.stringify({ reports }) });
  const body = await res.json();
  if (res.status !== 200) throw new Error('push ' + res.status + ' ' + JSON.stringify(body).slice(0, 200));
  if (!body.results.every((r) => r.status === 'accepted')) throw new Error('push: ' + JSON.stringify(body.results[0]));
  await sync(base, phone);
}
parentPort.on('message', async ({ warm, rate, seconds, bases }) => {
  if (warm) {
    // Every phone synced once earlier (at enrollment, or the day before): 8 at a time, untimed.
    let next = 0, failed = 0;
    await Promise.all(Array.from({ length: 8 }, async (_, k) => {
      for (let p = next++; p < phones.length; p = next++) await sync(bases[(p + k) % bases.length], phones[p]).catch(() => failed++);
    }));
    parentPort.postMessage({ warmed: phones.length - failed });
    return;
  }
  const total = Math.round(rate * seconds);
  const latencies = [];
  const errors = [];
  const start = performance.now() + 50;
  let done = 0, lastEnd = start;
  await new Promise((finish) => {
    for (let i = 0; i < total; i++) {
      const at = start + (i * 1000) / rate;
      setTimeout(async () => {
        let p = nextPhone;
        for (let k = 0; k < phones.length && busy[p]; k++) p = (p + 1) % phones.length;
        nextPhone = (p + 1) % phones.length;
        busy[p] = 1;
        try {
          await visit(bases[i % bases.length], phones[p]);
          latencies.push(performance.now() - at);
        } catch (e) {
          errors.push(String(e && e.message || e));
        } finally {
          busy[p] = 0;
          lastEnd = Math.max(lastEnd, performance.now());
          if (++done === total) finish();
        }
      }, Math.max(0, at - performance.now()));
    }
  });
  parentPort.postMessage({ total, latencies, errors: errors.length, firstErrors: errors.slice(0, 3), ms: lastEnd - start });
});
`;

interface Step {
  rate: number; held: number; p50: number; p95: number; p99: number; errors: number; visits: number; firstErrors: string[];
  /** CPU of the app server processes per completed visit, ms (PostgreSQL's own not counted). */
  cpuPerVisit: number;
}

/** User + system CPU of these processes so far, ms (Linux /proc; NaN elsewhere). */
function cpuMsOf(pids: readonly number[]): number {
  let ticks = 0;
  try {
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    }
  } catch {
    return NaN;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN;
};

async function seed(db: ReturnType<typeof openPostgres>): Promise<PhoneSpec[]> {
  const perCommune = Math.ceil(PHONES / COMMUNES);
  const communes: Commune[] = [];
  for (let i = 0; i < COMMUNES; i += 4) {
    communes.push(...(await Promise.all(Array.from({ length: Math.min(4, COMMUNES - i) }, () => seedCommune(db, { villages: perCommune })))));
  }
  const phones: PhoneSpec[] = [];
  for (const c of communes) {
    c.villageUsers.forEach((u, v) => {
      if (phones.length >= PHONES) return;
      phones.push({
        token: u.token, cursor: '',
        report: {
          unitId: c.villages[v]!.id, planId: c.plan.id, periodId: c.periods[0]!.id,
          values: [
            { targetId: c.targets.quantity.id, value: 12 },
            { targetId: c.targets.rate.id, numerator: 96, denominator: 100 },
            { targetId: c.targets.xOfY.id, value: 13 },
            { targetId: c.targets.status.id, done: true },
          ],
        },
      });
    });
  }
  return phones;
}

async function runSteps(worker: Worker, bases: string[], pids: number[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const rate of RATES) {
    const cpuBefore = cpuMsOf(pids);
    const r = await new Promise<{ total: number; latencies: number[]; errors: number; firstErrors: string[]; ms: number }>((ok) => {
      worker.once('message', ok);
      worker.postMessage({ rate, seconds: STEP_S, bases });
    });
    const step: Step = {
      rate, visits: r.total, held: (r.latencies.length / r.ms) * 1000, p50: q(r.latencies, 0.5), p95: q(r.latencies, 0.95), p99: q(r.latencies, 0.99),
      errors: r.errors, firstErrors: r.firstErrors, cpuPerVisit: (cpuMsOf(pids) - cpuBefore) / Math.max(1, r.latencies.length),
    };
    steps.push(step);
    console.log(`${bases.length} server(s) ${String(rate).padStart(4)}/s: held ${step.held.toFixed(1)}/s, p50 ${step.p50.toFixed(0)} ms, p95 ${step.p95.toFixed(0)} ms, p99 ${step.p99.toFixed(0)} ms, errors ${step.errors}${step.errors ? ` (${r.firstErrors[0]})` : ''}, app server CPU ${step.cpuPerVisit.toFixed(1)} ms/visit`);
    if (step.errors > 0 || !(step.p95 <= AIM_P95_MS)) break;
  }
  return steps;
}

const best = (steps: Step[]) => steps.filter((s) => s.errors === 0 && s.p95 <= AIM_P95_MS).map((s) => s.rate).reduce((a, b) => Math.max(a, b), 0);

async function main() {
  const database = await createTestDatabase('deadline');
  const site = mkdtempSync(join(tmpdir(), 'sothidua-bench-site-'));
  const db = openPostgres({ connectionString: database.url });
  const servers: TestServer[] = [];
  const worker = (phones: PhoneSpec[]) => new Worker(LOAD, { eval: true, workerData: { phones } });
  let w: Worker | null = null;
  try {
    await migrateToLatest(db);
    const seeding = performance.now();
    const phones = await seed(db);
    console.log(`seeded ${phones.length} phones in ${COMMUNES} communes in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
    servers.push(...(await Promise.all([0, 1].map(() => TestServer.start({ databaseUrl: database.url, siteRoot: site, env: { LOG: '0' } })))));
    const bases = servers.map((s) => s.baseURL.replace('localhost', '127.0.0.1'));
    w = worker(phones);
    if (WARM) {
      const warming = performance.now();
      const warmed = await new Promise<{ warmed: number }>((ok) => { w!.once('message', ok); w!.postMessage({ warm: true, bases }); });
      console.log(`${warmed.warmed} phones synced once before the evening in ${((performance.now() - warming) / 1000).toFixed(0)} s`);
    }
    const pids = servers.map((s) => s.pid!);
    const one = await runSteps(w, [bases[0]!], [pids[0]!]);
    const two = await runSteps(w, bases, pids);
    console.log(`highest rate with p95 ≤ ${AIM_P95_MS} ms and no error: 1 server ${best(one)}/s, 2 servers ${best(two)}/s`);
    write(one, two, phones.length);
  } finally {
    await w?.terminate();
    await Promise.all(servers.map((s) => s.dispose()));
    await db.close();
    await database.drop();
    rmSync(site, { recursive: true, force: true });
  }
}

function write(one: Step[], two: Step[], phones: number) {
  const fmt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
  const rows = (label: string, steps: Step[]) => steps.map((s) => `| ${label} | ${s.rate} | ${s.held.toFixed(1)} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${s.errors} | ${s.cpuPerVisit.toFixed(1)} |`);
  const section = [
    `Command: \`npm run bench:deadline\` (test/bench/deadline-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average before the run ${LOAD_BEFORE}, after ${loadavg().map((x) => x.toFixed(1)).join(' / ')}. PostgreSQL, the app servers and the phones (one worker thread) all on this machine.`,
    '',
    `- ${fmt(phones)} phones (device tokens) in ${COMMUNES} communes, one PostgreSQL database; app servers are \`npm start\` processes (src/server/cli/start.ts) on 127.0.0.1, pool of 10 each.`,
    `- ${WARM ? 'Every phone synced once before the evening (untimed: its targets came at enrollment). A' : 'Every phone starts from an empty cursor (WARM=0). A'} visit: GET /api/sync from the phone's cursor until \`more\` is false, POST /api/reports with 1–3 new reports (4 values each), GET /api/sync again. Open-loop arrivals, ${STEP_S} s per step, round-robin over the servers; a visit's time counts from its scheduled start. A step stops the climb when p95 > ${AIM_P95_MS} ms or any visit failed.`,
    '- "app server CPU ms/visit": user + system CPU of the app server processes during the step (/proc/PID/stat) per completed visit; PostgreSQL\'s and the phones\' CPU are not in it. Other work on the machine moves it far less than the wall-clock columns.',
    `- Highest rate held with p95 ≤ ${AIM_P95_MS} ms and no error: **1 app server ${best(one)} visits/s, 2 app servers ${best(two)} visits/s** (aim ≥ 100).`,
    '',
    '| app servers | arrivals/s | visits/s held | p50 ms | p95 ms | p99 ms | errors | app server CPU ms/visit |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows('1', one),
    ...rows('2', two),
    '',
  ].join('\n');
  writeBenchSection('deadline', '## Deadline evening (issue 11)', section);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
