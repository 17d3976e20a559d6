/**
 * Group commit for the report ingest: pushes that arrive while one commit is being written
 * go together into the next transaction, so the disk's flush (SQLite synchronous=FULL, or
 * PostgreSQL's WAL flush) is paid once per group instead of once per request. A receipt keeps
 * its meaning: each job's promise settles only after the COMMIT of the transaction that holds
 * it, so "accepted" still means "on disk".
 *
 * - One group at a time per database handle. While a group is being written and committed,
 *   new jobs queue; when it is done, everything queued forms the next group (at most
 *   `maxJobs`). Requests announce themselves when they start (`arrive()`), before their own
 *   reads; the writer starts a group once every announced request has queued its job or
 *   left, or after MAX_WAIT_MS, whichever is first, turning the event loop meanwhile so
 *   those reads can run (on SQLite they share the one connection with the writer). Without
 *   that, a group would close while its neighbours were still reading, and hold 2–3 jobs
 *   at concurrency 8 instead of most of them.
 * - Jobs run one after another inside the group's transaction, each under its own SAVEPOINT:
 *   a job that fails is rolled back to its savepoint and only its caller sees the error; the
 *   others still commit. A group of one job runs without the savepoint, which is exactly the
 *   one-transaction-per-request path (`maxJobs: 1` turns grouping off: the benchmark's baseline).
 * - A deadlock or serialization failure (PostgreSQL) or SQLITE_BUSY reruns the WHOLE group:
 *   jobs must be safe to run again (the ingest rebuilds its results each time).
 * - A failed COMMIT fails every job of the group: none of them is stored, none is answered
 *   "accepted", and the phones resend.
 *
 * better-sqlite3 runs a commit on the event loop's thread, so while SQLite flushes, the
 * process does nothing else; requests that arrive meanwhile wait in the kernel and join the
 * next group. That is what makes grouping work on SQLite without a writer thread (see
 * docs/architecture.md, "Group commit", for why there is none).
 */
import type { ControlledTransaction, Kysely } from 'kysely';
import type { DB } from './schema';
import type { DialectSeam } from './dialect';

export type GroupWork<T> = (trx: ControlledTransaction<DB>) => Promise<T>;

interface Job {
  work: GroupWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_GROUP = 32;
/** The longest a group waits for announced requests to queue: bounds the latency it adds. */
const MAX_WAIT_MS = 4;

/** A request on its way to `run`; `leave()` when it will not queue after all (idempotent). */
export interface Arrival {
  leave(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private readonly queue: Job[] = [];
  private writing = false;
  private arriving = 0;
  /** Committed groups and the jobs they held (for tests and benchmarks). */
  readonly stats = { groups: 0, jobs: 0 };

  constructor(
    private readonly kysely: Kysely<DB>,
    private readonly dialect: DialectSeam,
    readonly maxJobs = DEFAULT_MAX_GROUP,
  ) {}

  /** Announces a request that will probably `run` soon, so the next group waits for it. */
  arrive(): Arrival {
    if (this.maxJobs === 1) return { leave() {} };
    this.arriving++;
    let left = false;
    return {
      leave: () => {
        if (left) return;
        left = true;
        this.arriving--;
      },
    };
  }

  /** Runs `work` in the next group's transaction; settles after that transaction's COMMIT. */
  run<T>(work: GroupWork<T>, arrival?: Arrival): Promise<T> {
    arrival?.leave();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.writing) {
        this.writing = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const deadline = performance.now() + MAX_WAIT_MS;
        do await new Promise((resolve) => setImmediate(resolve));
        while (this.arriving > 0 && this.queue.length < this.maxJobs && performance.now() < deadline);
        const group = this.queue.splice(0, this.maxJobs);
        const outcomes = await this.commitGroup(group).catch((error: unknown) => group.map((): Outcome => ({ ok: false, error })));
        outcomes.forEach((o, i) => (o.ok ? group[i]!.resolve(o.value) : group[i]!.reject(o.error)));
      }
    } finally {
      this.writing = false;
    }
  }

  private async commitGroup(group: readonly Job[]): Promise<Outcome[]> {
    for (let attempt = 1; ; attempt++) {
      const trx = await this.kysely.startTransaction().execute();
      try {
        const outcomes: Outcome[] = [];
        if (group.length === 1) {
          outcomes.push({ ok: true, value: await group[0]!.work(trx) });
        } else {
          for (const job of group) outcomes.push(await this.runUnderSavepoint(trx, job));
        }
        await trx.commit().execute();
        this.stats.groups++;
        this.stats.jobs += group.length;
        return outcomes;
      } catch (error) {
        await trx.rollback().execute().catch(() => {});
        if (attempt >= MAX_ATTEMPTS || !this.dialect.isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
      }
    }
  }

  private async runUnderSavepoint(trx: ControlledTransaction<DB>, job: Job): Promise<Outcome> {
    const savepoint = await trx.savepoint('job').execute();
    try {
      const value = await job.work(trx);
      await savepoint.releaseSavepoint('job').execute();
      return { ok: true, value };
    } catch (error) {
      // Reruns the group; rolling back to the savepoint would keep the lock that lost.
      if (this.dialect.isRetryable(error)) throw error;
      await savepoint.rollbackToSavepoint('job').execute();
      return { ok: false, error };
    }
  }
}
