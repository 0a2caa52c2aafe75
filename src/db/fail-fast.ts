// Answers within Slack's 3 seconds whatever the database does. Every statement (and every
// transaction) that the serving process sends gets a deadline, counted from the call, so it
// covers the wait for a pooled connection, the connect, and the server's time alike; a query
// past it is cancelled (taken out of the pool's queue, or a CancelRequest to the server) and the
// caller gets a StoreUnavailableError. Behind the deadlines, a circuit breaker (opossum): once
// the store has stopped answering, calls fail at once instead of each waiting out its deadline,
// and /healthz says 503; every `resetMs` the bot probes the store (`select 1`, under the same
// deadline), and the first answer closes the breaker again.
//
// What opens the breaker is an outage, not load: a refused or dropped connection, or a deadline
// passed while nothing at all came back from the store for a whole deadline. Under a burst on
// the embedded store (one session, taken in turns) a statement may wait past its deadline while
// others are answered; that caller gets "try again", but the breaker stays closed.
//
// Why opossum: the well-kept circuit breaker for promises, no dependencies, and its half-open
// state lets one probe through while every other call still fails fast (cockatiel makes the
// others wait for the probe; its 4.x needs Node 22, as does opossum 10).
import CircuitBreaker from 'opossum';
import type postgres from 'postgres';
import type { Logger } from '../logger.js';

export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The handle was closed (the process is stopping) and the call was refused: work that meets it
 * was stopped by the shutdown, not failed by the store. Still a StoreUnavailableError, so that a
 * person's request in that instant gets "try again" as for any other refusal.
 */
export class StoreClosedError extends StoreUnavailableError {
  constructor() {
    super('the database handle is closed: the process is shutting down');
    this.name = 'StoreClosedError';
  }
}

export interface FailFastOptions {
  /** How long a statement may take, from the call to its answer (a transaction: a quarter more). */
  deadlineMs: number;
  /** How long the breaker stays open before the store is probed again. Default 1 s. */
  resetMs?: number;
  log: Logger;
  /** Milliseconds, for "nothing came back for a whole deadline"; tests may set it. */
  now?: () => number;
}

export interface FailFast {
  /** The client to build the serving process's queries on: same pool, guarded calls. */
  sql: postgres.Sql;
  /** True while calls fail at once (the store stopped answering; not probed back yet). */
  isOpen(): boolean;
  /** Stops the breaker's timers. */
  close(): void;
}

// Connection-level failures, from Node's sockets and postgres.js.
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // The server is shutting down, starting up, or refusing connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

type Run = () => Promise<unknown>;

export function failFast(client: postgres.Sql, opts: FailFastOptions): FailFast {
  const now = opts.now ?? Date.now;
  const { deadlineMs, log } = opts;
  // A transaction is several statements, each under `deadlineMs`: a little more for the whole.
  const txDeadlineMs = Math.round(deadlineMs * 1.25);
  let lastAnswer = now();
  // A timeout counts as an outage only when nothing came back for the whole deadline.
  let silentAtTimeout = false;
  const isOutage = (err: unknown): boolean => {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ETIMEDOUT' && isBreakerTimeout(err)) return silentAtTimeout;
    return typeof code === 'string' && (OUTAGE_CODES.has(code) || code.startsWith('08'));
  };
  const breaker = new CircuitBreaker<[Run], unknown>((run: Run) => run(), {
    timeout: deadlineMs,
    resetTimeout: opts.resetMs ?? 1000,
    // Opens when more than a quarter of the calls of the last 4 s met an outage (at least 2
    // calls): the calls that went well just before an outage do not hold it closed for long,
    // and one connection reset among many answers does not open it.
    errorThresholdPercentage: 25,
    volumeThreshold: 2,
    rollingCountTimeout: 4000,
    rollingCountBuckets: 4,
    enableSnapshots: false,
    // Errors that are the caller's (a unique violation, a bad query) do not count against the store.
    errorFilter: (err: unknown) => !isOutage(err),
  });
  breaker.on('timeout', () => {
    silentAtTimeout = now() - lastAnswer >= deadlineMs;
  });
  breaker.on('open', () => log.warn({ deadlineMs }, 'database not answering: failing fast until it does'));
  // The probe is the bot's own, not a person's call: started within the event, it takes the one
  // call half-open lets through, and everyone else keeps failing fast while it waits.
  breaker.on('halfOpen', () => void guarded(() => client.unsafe('select 1')).catch(() => {}));
  breaker.on('close', () => log.info('database answering again'));

  /** Runs `make` under the deadline and the breaker; a late query is cancelled. */
  const guarded = <T>(make: () => PromiseLike<T> & { cancel?: () => unknown }): Promise<T> => {
    let started: (PromiseLike<T> & { cancel?: () => unknown }) | undefined;
    const run: Run = () => {
      started = make();
      return Promise.resolve(started).then(
        (value) => {
          lastAnswer = now();
          return value;
        },
        (err: unknown) => {
          // An error the server sent is an answer too: the store is there.
          if (!isOutage(err) && typeof (err as { code?: unknown }).code === 'string') lastAnswer = now();
          throw err;
        },
      );
    };
    return (breaker.fire(run) as Promise<T>).catch((err: unknown) => {
      if (isBreakerTimeout(err)) {
        void Promise.resolve(started?.cancel?.()).catch(() => {});
        throw new StoreUnavailableError(`the database did not answer within ${deadlineMs} ms`);
      }
      if ((err as { code?: unknown }).code === 'EOPENBREAKER') throw new StoreUnavailableError('the database is not answering; not waiting for it');
      // opossum's "The circuit has been shutdown.": close() was called, the store is fine.
      if ((err as { code?: unknown }).code === 'ESHUTDOWN') throw new StoreClosedError();
      throw err;
    });
  };

  /**
   * A transaction: refused at once while the breaker is open; each of its statements is guarded
   * as any other; the whole gets `txDeadlineMs`, the wait for a connection included. Once the
   * caller has been told it failed, its statements still to come fail too, so it rolls back.
   */
  const transaction = (begin: (wrapTx: (tx: postgres.Sql) => postgres.Sql) => Promise<unknown>): Promise<unknown> => {
    if (breaker.isShutdown) return Promise.reject(new StoreClosedError());
    if (!breaker.closed) return Promise.reject(new StoreUnavailableError('the database is not answering; not waiting for it'));
    const call = { gaveUp: false };
    const work = begin((tx) => wrap(tx, call));
    work.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        call.gaveUp = true;
        reject(new StoreUnavailableError(`the database did not finish a transaction within ${txDeadlineMs} ms`));
      }, txDeadlineMs);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };

  const wrap = (sql: postgres.Sql, call?: { gaveUp: boolean }): postgres.Sql =>
    new Proxy(sql, {
      get(target, prop) {
        if (prop === 'unsafe')
          return (...args: Parameters<postgres.Sql['unsafe']>) =>
            pendingQuery(() => {
              if (call?.gaveUp) throw new StoreUnavailableError('the transaction was given up');
              return target.unsafe(...args);
            });
        if (prop === 'begin')
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: postgres.Sql) => unknown;
            return transaction((wrapTx) => (target.begin as (...a: unknown[]) => Promise<unknown>)(...args, (tx: postgres.Sql) => fn(wrapTx(tx))));
          };
        if (prop === 'savepoint')
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: postgres.Sql) => unknown;
            return (target as unknown as { savepoint: (...a: unknown[]) => Promise<unknown> }).savepoint(...args, (tx: postgres.Sql) => fn(wrap(tx, call)));
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  /**
   * What drizzle does with `unsafe()`: awaits it, or awaits its `.values()`. The query is made
   * only then, under the breaker (a postgres.js query does not run until it is awaited).
   */
  const pendingQuery = (make: () => postgres.PendingQuery<postgres.Row[]>) => {
    let asValues = false;
    const self = {
      values() {
        asValues = true;
        return self;
      },
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as postgres.js's own queries are: drizzle awaits it.
      then<A, B>(onOk?: ((v: unknown) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null) {
        return guarded(() => {
          const q = make();
          return asValues ? q.values() : q;
        }).then(onOk, onErr);
      },
    };
    return self;
  };

  return {
    sql: wrap(client),
    // Half open counts as open: only the bot's probe is let through then.
    isOpen: () => !breaker.closed,
    close: () => breaker.shutdown(),
  };
}

/** True for a StoreUnavailableError, also as the cause of drizzle's "Failed query" error. */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof StoreUnavailableError) return true;
  return false;
}

/** True for a StoreClosedError, also as the cause of drizzle's "Failed query" error. */
export function isStoreClosed(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof StoreClosedError) return true;
  return false;
}

/** opossum's own timeout error (the socket's ETIMEDOUT has another message). */
function isBreakerTimeout(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ETIMEDOUT' && /^Timed out after \d+ms$/.test((err as Error).message);
}
