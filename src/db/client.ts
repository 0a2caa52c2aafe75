// One query layer, two stores: a PostgreSQL server, or the embedded PGlite default, which is
// reached through postgres.js as well (embedded-store.ts). Callers get a `Db` either way.
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import pg from 'pg';
import postgres from 'postgres';
import { EmbeddedStore } from './embedded-store.js';
import { failFast } from './fail-fast.js';
import type { FailFast, FailFastOptions } from './fail-fast.js';
import { assertMigrated, migratePostgresUrl } from './migrate.js';
import { DeferredSocket } from './pg-stream.js';
import * as schema from './schema.js';
import { parseDatabaseUrl } from '../config/database-url.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; it is a `Db` too, so data functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DriverKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Db;
  driver: DriverKind;
  /** Where the data lives, for logs: a directory, "memory" or the server (without password). */
  location: string;
  /**
   * Calls `onMessage` for every NOTIFY on `channel`, from this or any other connection, and
   * `onReconnect` whenever the listening connection came back after a loss (notifications
   * sent meanwhile are gone, so whatever they would have refreshed must be refreshed).
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** Applies the committed migrations in migrations/ (safe when several replicas start at once). */
  migrate(): Promise<void>;
  /**
   * A node-postgres pool on the same store, for the job queue (graphile-worker speaks `pg`).
   * The caller ends it. On the embedded store it goes through the same socket as everyone.
   */
  jobPool(max: number): pg.Pool;
  /**
   * The same store for a process that answers people: every statement and transaction within
   * `deadlineMs`, failing at once while the store is not answering (fail-fast.ts). One per
   * handle: the first call's options hold for later calls. `db` is for work nobody waits for.
   */
  failFast(options: FailFastOptions): FailFastDb;
  /** The embedded store behind a `pglite:` URL (who owns it), else null. */
  embedded: EmbeddedStore | null;
  close(options?: CloseOptions): Promise<void>;
}

export interface FailFastDb {
  db: Db;
  /** True while the breaker is open: the store stopped answering and calls fail at once. */
  isOpen(): boolean;
}

/** The server part of a postgres URL, without credentials: safe for logs. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres://(unparsable url)';
  }
}

export interface OpenOptions {
  /** Connections in the postgres.js pool. */
  maxConnections?: number;
  /**
   * Refuse, rather than create, an embedded store that does not exist yet: a command that only
   * reads has nothing to read in a new store, and is most likely looking in the wrong place.
   */
  mustExist?: boolean;
}

export interface CloseOptions {
  /**
   * When this process owns the embedded store, how long other processes' work under way may
   * go on before it is cut off (and rolled back). Default 8 s: the bot stops within 10 s.
   */
  graceMs?: number;
  /** Told when other processes' work keeps the store open. */
  onWaiting?: (busy: number) => void;
}

export class StoreNotFoundError extends Error {
  constructor(readonly dir: string) {
    super(`There is no store in ${dir}: nothing has been imported there.`);
    this.name = 'StoreNotFoundError';
  }
}

export async function openDatabase(url: string | undefined, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  if (target.driver === 'pglite') {
    const dataDir = target.dataDir ? resolve(target.dataDir) : null;
    if (dataDir && options.mustExist && !existsSync(join(dataDir, 'PG_VERSION'))) throw new StoreNotFoundError(dataDir);
    const store = new EmbeddedStore({ dataDir });
    // postgres.js takes a socket factory (`socket`), which its type declarations leave out.
    const clientOptions: postgres.Options<Record<string, never>> & { socket: () => Promise<Socket> } = {
      // Every process, the owner too, reaches PGlite through the owner's socket (embedded-store.ts).
      socket: () => store.connect(),
      user: 'postgres',
      database: 'postgres',
      // Clients share one PGlite session, turn by turn: named prepared statements would pile
      // up in it and could collide, as behind a transaction-pooling proxy.
      prepare: false,
      max: options.maxConnections ?? 4,
      onnotice: () => {},
      connect_timeout: 10,
      backoff: reconnectDelaySeconds,
    };
    const client = postgres(clientOptions);
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    const guard = guardOnce(client);
    return {
      db,
      failFast: guard.open,
      driver: 'pglite',
      location: dataDir ?? 'memory',
      embedded: store,
      listen: (channel, onMessage, onReconnect) => listenOn(client, channel, onMessage, onReconnect),
      jobPool: (max) =>
        quietPool(
          new pg.Pool({
            max,
            user: 'postgres',
            database: 'postgres',
            // pg wants a stream it connects itself; the store's socket comes asynchronously.
            stream: (() => new DeferredSocket(() => store.connect())) as unknown as pg.PoolConfig['stream'],
            connectionTimeoutMillis: 10_000,
          }),
        ),
      // The owner applies migrations when it takes the store; a process that joins checks that
      // the owner's schema is not older than its own.
      migrate: () => assertMigrated(client, dataDir ?? 'memory', store.owner()),
      async close(closeOptions = {}) {
        guard.close();
        await client.end({ timeout: 5 });
        await store.close(closeOptions.graceMs ?? 8_000, closeOptions.onWaiting);
      },
    };
  }
  const client = postgres(target.url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    // Fail fast while the server is down: Slack wants an answer within 3 seconds.
    connect_timeout: 2,
    backoff: reconnectDelaySeconds,
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  const guard = guardOnce(client);
  return {
    db,
    failFast: guard.open,
    driver: 'postgres',
    location: describePostgresUrl(target.url),
    embedded: null,
    listen: (channel, onMessage, onReconnect) => listenOn(client, channel, onMessage, onReconnect),
    jobPool: (max) => quietPool(new pg.Pool({ connectionString: target.url, max, connectionTimeoutMillis: 10_000 })),
    migrate: () => migratePostgresUrl(target.url),
    async close() {
      guard.close();
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * How long a pooled connection waits before connecting again after failing to (seconds).
 * postgres.js's default grows with every failure of the pool, to 20 s after seven: a query handed
 * to such a connection once the database is back waited that long, far past Slack's 3 s. While
 * the database is down, the fail-fast breaker (not the backoff) keeps the bot from hammering it.
 */
function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 0.5);
}

/** One fail-fast view per client: its breaker speaks for the whole pool. */
function guardOnce(client: postgres.Sql): { open: (options: FailFastOptions) => FailFastDb; close: () => void } {
  let made: { guard: FailFast; view: FailFastDb } | undefined;
  return {
    open(options) {
      if (!made) {
        const guard = failFast(client, options);
        made = { guard, view: { db: drizzlePostgres({ client: guard.sql, schema }) as unknown as Db, isOpen: () => guard.isOpen() } };
      }
      return made.view;
    },
    close: () => made?.guard.close(),
  };
}

/**
 * A pool whose idle clients may lose their server (an outage, the embedded store changing
 * hands): pg emits that as an 'error' event on the pool, which would end the process unheard.
 * The next checkout reconnects; the queue logs what its own queries meet.
 */
function quietPool(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function listenOn(client: postgres.Sql, channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
  let first = true;
  const sub = await client.listen(
    channel,
    (payload) => onMessage(payload),
    () => {
      if (!first) onReconnect?.();
      first = false;
    },
  );
  return async () => sub.unlisten();
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function ping(db: Db, timeoutMs = 1500): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
