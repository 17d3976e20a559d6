/**
 * Load for the server benchmarks: closed-loop POSTs from a worker thread (the phones are other
 * machines, so the load must not share the server's thread), `concurrency` in flight, spread
 * round-robin over one or more servers; per-request latency in the worker's clock. Also the
 * disk's flush time (write + fsync of 4 KB where the database lives), measured in the same run.
 */
import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The load itself, given `workerData` and `parentPort` (a worker's, or the child process's shim below).
const LOAD_BODY = `
(async () => {
  const { urls, token, bodies, concurrency } = workerData;
  let next = 0, accepted = 0, failed = 0;
  const latencies = [];
  const started = performance.now();
  async function lane() {
    while (next < bodies.length) {
      const i = next++;
      const t = performance.now();
      try {
        const res = await fetch(urls[i % urls.length], { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: bodies[i] });
        const json = await res.json();
        latencies.push(performance.now() - t);
        if (res.status !== 200) { failed++; continue; }
        for (const r of json.results) r.status === 'accepted' ? accepted++ : failed++;
      } catch { failed++; }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  parentPort.postMessage({ ms: performance.now() - started, accepted, failed, latencies });
})();
`;
const LOAD = `const { parentPort, workerData } = require('node:worker_threads');\n${LOAD_BODY}`;
/** The same load in a child process: reads workerData as JSON on stdin, writes its result on stdout. */
const CHILD_LOAD = `
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const workerData = JSON.parse(input);
  const parentPort = { postMessage: (m) => process.stdout.write(JSON.stringify(m), () => process.exit(0)) };
  ${LOAD_BODY}
});
`;

export interface LoadResult {
  ms: number;
  accepted: number;
  failed: number;
  /** Per request, ms. */
  latencies: number[];
}

export function runLoad(urls: string[], token: string, bodies: string[], concurrency: number): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { urls, token, bodies, concurrency } });
    worker.once('message', (m: LoadResult) => { resolvePromise(m); void worker.terminate(); });
    worker.once('error', reject);
  });
}

/**
 * `runLoad` from a child process instead of a worker thread: then `process.cpuUsage()` of
 * this process is the server's CPU alone (a worker's CPU counts in its process's usage), a
 * figure other work on the machine barely moves.
 */
export function runLoadInChild(urls: string[], token: string, bodies: string[], concurrency: number): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_LOAD], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => { out += d; });
    child.once('error', reject);
    child.once('exit', (code) => {
      try { resolvePromise(JSON.parse(out) as LoadResult); } catch { reject(new Error(`load process exited ${code}`)); }
    });
    child.stdin.end(JSON.stringify({ urls, token, bodies, concurrency }));
  });
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** Median and p95 of `n` 4 KB write+fsync in `dir` (what one synchronous=FULL commit waits for, at least). */
export function measureFlush(dir: string, n = 200): { median: number; p95: number } {
  const file = join(dir, 'flush-probe.bin');
  const fd = openSync(file, 'w');
  const buf = Buffer.alloc(4096, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      writeSync(fd, buf);
      const t = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return { median: median(times), p95: quantile(times, 0.95) };
}
