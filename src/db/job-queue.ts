// The durable job queue: graphile-worker on the same database as everything else (a Postgres
// server or the embedded PGlite store, through the store's socket). Work that must survive a
// crash, a deploy or an outage (auto-reviews, reviews asked for with the shortcut, reminder
// deliveries) is a row in graphile_worker's tables before anyone is told "done"; any replica
// runs it, once, with retries and backoff. Jobs of one queue name run one at a time across all
// replicas: the bot names a queue per Slack channel, which is how posts keep Slack's pace.
//
// Why graphile-worker and not pg-boss: it works unchanged over the embedded store's transaction-
// pooled session (no session advisory locks, `noPreparedStatements`, LISTEN for new jobs, which
// the host relays), its add_job() is SQL, so a job is recorded in the same transaction as the
// event id that dedupes it, and named queues give per-channel serial execution across replicas.
// pg-boss 11 needs Node 22, and neither version serialises jobs per key.
import type pg from 'pg';
import { Logger as WorkerLogger, run, runMigrations } from 'graphile-worker';
import type { JobHelpers, Runner, TaskList, WorkerEvents } from 'graphile-worker';
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger.js';
import type { DatabaseHandle } from './client.js';

/** What a task gets besides its payload. */
export interface JobContext {
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  jobId: string;
  /** Aborted when the process is shutting down and the job is taking too long. */
  signal: AbortSignal | undefined;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

export interface JobQueueOptions {
  handle: DatabaseHandle;
  tasks: Record<string, JobHandler>;
  log: Logger;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** How often each worker looks for jobs due later (retries); new jobs come by LISTEN at once. Default 1 s. */
  pollIntervalMs?: number;
  /**
   * A job locked longer than this belongs to a replica that died (kill -9, power loss): its
   * lock is released so another replica runs it. graphile-worker's own limit is 4 hours; our
   * jobs take seconds.
   */
  staleLockMs?: number;
  /** Job flags this worker skips, asked before each fetch (a worker that serves one workspace only). */
  forbiddenFlags?: () => Promise<string[]>;
  /**
   * How long a worker pool that began shutting itself down (not asked to by `stop()`) gets to
   * finish before it is abandoned and a new one started. Default 5 s.
   */
  abandonShutdownAfterMs?: number;
  /** graphile-worker's `run`; tests give a stand-in to play a pool that never finishes stopping. */
  runWorker?: typeof run;
}

export interface JobQueue {
  /** Stops taking jobs, lets running ones finish (up to `graceMs`), then releases the pool. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_STALE_LOCK_MS = 2 * 60_000;
/** Times one fetch error object is seen again before its pool counts as stuck on it. */
const STUCK_FETCH_REPEATS = 3;

/** Creates or updates graphile_worker's schema (safe when replicas start at once). */
export async function migrateJobQueue(handle: DatabaseHandle, log: Logger): Promise<void> {
  const pool = handle.jobPool(1);
  try {
    await runMigrations({ pgPool: pool, noPreparedStatements: true, logger: workerLogger(log) });
  } finally {
    await pool.end();
  }
}

export async function startJobQueue(opts: JobQueueOptions): Promise<JobQueue> {
  const { log } = opts;
  const concurrency = opts.concurrency ?? 4;
  // One connection per running job, one for LISTEN, one spare for housekeeping.
  const pool = opts.handle.jobPool(concurrency + 2);
  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(opts.tasks)) {
    taskList[name] = async (payload: unknown, helpers: JobHelpers) => {
      const job = helpers.job;
      await handler(payload, { attempt: job.attempts, maxAttempts: job.max_attempts, jobId: String(job.id), signal: helpers.abortSignal });
    };
  }
  const staleLockMs = opts.staleLockMs ?? DEFAULT_STALE_LOCK_MS;
  await releaseStaleLocks(pool, staleLockMs, log).catch((err: unknown) => log.warn({ err }, 'job queue: releasing stale locks failed'));

  // graphile-worker stops its worker pool when it cannot mark a job done or failed (the
  // database went away mid-job): it expects a supervisor to start it again. This is that
  // supervisor. The jobs the stopped pool held are unlocked by its id, so they run
  // again as soon as the database is back rather than after the stale-lock timeout.
  const events = new EventEmitter() as WorkerEvents;
  const ourPools = new Set<string>();
  // Jobs and queues are locked in the name of the worker pool (graphile-worker 0.17).
  events.on('pool:create', ({ workerPool }) => void ourPools.add(workerPool.id));
  // A pool that shuts itself down (it could not record a job's outcome) normally ends its
  // runner, and `ended` starts a new one. After the database was frozen rather than down, that
  // shutdown was seen never to finish: the runner's promise never settles and no job would run
  // again in this process (bench/findings.md, the fault run). So a pool gets a few seconds to
  // finish stopping; then its runner is abandoned, its jobs unlocked and a new pool started.
  const abandonAfterMs = opts.abandonShutdownAfterMs ?? 5000;
  events.on('pool:gracefulShutdown', ({ workerPool }) => {
    if (stopping || !ourPools.has(workerPool.id)) return;
    const which = runner;
    if (!which) return;
    setTimeout(() => {
      if (stopping || runner !== which) return;
      runner = null;
      log.warn({ afterMs: abandonAfterMs }, 'job queue: the worker pool did not finish stopping; abandoning it and starting a new one');
      // Not awaited: a pool stuck in its shutdown may be stuck in this too.
      which.kill('abandoned after a shutdown that did not finish').catch((err: unknown) => log.debug({ err }, 'job queue: killing the stuck pool failed'));
      scheduleRestart();
    }, abandonAfterMs).unref();
  });
  // graphile-worker (0.17) looks a pool's tasks up once, at its first fetch, and keeps the
  // answer, a failure included: a pool that started while the database was away fails every
  // fetch after it came back too, with that same error object, and would take no job until the
  // process restarts. Any other failed fetch is a new query and a new error. So the same error
  // seen again is that kept failure: the pool is stopped and a new one (new options, so nothing
  // kept) is started the usual way.
  let lastFetchError: unknown = null;
  let sameFetchError = 0;
  events.on('worker:getJob:error', ({ error }) => {
    sameFetchError = error === lastFetchError ? sameFetchError + 1 : 0;
    lastFetchError = error;
    if (stopping || sameFetchError < STUCK_FETCH_REPEATS || !runner) return;
    const which = runner;
    sameFetchError = 0;
    lastFetchError = null;
    log.warn({ err: error }, 'job queue: the worker pool keeps failing on an error it kept from an outage; starting a new one');
    which.stop().catch((err: unknown) => log.debug({ err }, 'job queue: stopping the stuck pool failed'));
  });
  let stopping = false;
  let runner: Runner | null = null;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarts = 0;
  const launch = async (): Promise<void> => {
    const started = await (opts.runWorker ?? run)({
      pgPool: pool,
      taskList,
      concurrency,
      noHandleSignals: true,
      noPreparedStatements: true,
      pollInterval: opts.pollIntervalMs ?? 1000,
      // No crontab file: schedules are the runtime's business.
      parsedCronItems: [],
      ...(opts.forbiddenFlags ? { forbiddenFlags: opts.forbiddenFlags } : {}),
      logger: workerLogger(log),
      events,
      // A failure is recorded through graphile-worker's batcher: when that cannot reach the
      // database, the pool stops and is started again here, releasing its jobs (rather than
      // keeping the job, and its channel's queue, locked until the stale-lock timeout).
      // Completions stay unbatched: a worker looks for the next job of a channel right after
      // finishing one, and a batched completion would still hold the channel's queue then.
      preset: { worker: { failJobBatchDelay: 0 } },
    });
    runner = started;
    started.promise.then(
      () => ended(started, null),
      (err: unknown) => ended(started, err),
    );
  };
  const ended = (which: Runner, err: unknown) => {
    if (stopping || runner !== which) return;
    runner = null;
    log.warn({ err }, 'job queue: the worker pool stopped; starting it again');
    scheduleRestart();
  };
  const scheduleRestart = () => {
    const delay = Math.min(500 * 2 ** Math.min(restarts++, 4), 5000);
    restartTimer = setTimeout(() => {
      if (stopping) return;
      void (async () => {
        if (ourPools.size > 0) {
          await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [[...ourPools]]);
          log.info({ pools: ourPools.size }, 'job queue: released the jobs of the stopped worker pool');
          ourPools.clear();
        }
        await launch();
        restarts = 0;
      })().catch((err: unknown) => {
        log.debug({ err }, 'job queue: restart failed; trying again');
        if (!stopping) scheduleRestart();
      });
    }, delay);
  };
  try {
    await launch();
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const sweep = setInterval(
    () => void releaseStaleLocks(pool, staleLockMs, log).catch((err: unknown) => log.debug({ err }, 'job queue: stale lock sweep failed')),
    Math.max(1000, Math.min(staleLockMs / 2, 30_000)),
  );
  sweep.unref();
  return {
    async stop(graceMs = 5000) {
      stopping = true;
      clearInterval(sweep);
      clearTimeout(restartTimer);
      const current = runner as Runner | null;
      const stopped = (current ? current.stop() : Promise.resolve()).catch((err: unknown) => log.warn({ err }, 'job queue: stop failed'));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      // A job still running after the grace is cut off with the pool. Its lock is released here,
      // on the way out, so the next process takes it at once rather than after the stale-lock
      // timeout; it runs again (jobs are idempotent: a thread review finds its own post).
      if ((await Promise.race([stopped.then(() => 'ok' as const), late])) === 'late') {
        log.warn({ graceMs }, 'job queue: jobs still running at shutdown; releasing them for the next process');
        if (ourPools.size > 0)
          await pool
            .query('select graphile_worker.force_unlock_workers($1::text[])', [[...ourPools]])
            .catch((err: unknown) => log.warn({ err }, 'job queue: releasing jobs at shutdown failed'));
      }
      clearTimeout(timer);
      await pool.end().catch(() => {});
    },
  };
}

/** Unlocks the jobs (and queues) of workers that have held a lock for longer than `staleLockMs`. */
async function releaseStaleLocks(pool: pg.Pool, staleLockMs: number, log: Logger): Promise<void> {
  const { rows } = await pool.query<{ locked_by: string }>(
    'select distinct locked_by from graphile_worker.jobs where locked_at < now() - make_interval(secs => $1) and locked_by is not null',
    [staleLockMs / 1000],
  );
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.locked_by);
  await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [ids]);
  log.warn({ workers: ids.length }, 'job queue: released the jobs of workers that stopped answering');
}

/** graphile-worker's log lines into ours: its routine chatter at debug, problems as they are. */
function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const fields = { ...(meta ?? {}), component: 'job-queue' };
    // The embedded store changing hands ends every connection to it (57P01, then "not queryable"
    // on the way out); graphile-worker reconnects its listener by itself. Expected: a warning.
    if (level === 'error' && isHandOver(message, meta)) log.warn(fields, message);
    else if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else log.debug(fields, message);
  });
}

const HAND_OVER_CODES = new Set(['57P01', '57P03']);

function isHandOver(message: string, meta: unknown): boolean {
  const code = (meta as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (typeof code === 'string' && HAND_OVER_CODES.has(code)) return true;
  return /the process that holds the store is stopping|is not queryable|Connection terminated/i.test(message);
}
