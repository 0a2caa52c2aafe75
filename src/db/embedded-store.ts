// The embedded store, shared by every process that opens its directory. One process owns it:
// it holds the directory's lock (store-lock.ts), runs PGlite and serves it on a Unix socket in
// the directory (pglite-host.ts). Every process, the owner included, talks to it through that
// socket as a Postgres client, so a second bot or a CLI command while the bot runs reads and
// writes the same data, and the triggers' NOTIFY reaches them all.
//
// `connect()` is postgres.js's socket factory: it reaches the owner, or takes ownership when
// there is none (the first connection of the first process, or after the owner stopped or
// died), so the store changes hands without anyone having to start it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePgliteClient } from './migrate.js';
import { PgliteHost } from './pglite-host.js';
import { readStoreOwner, tryLockStore } from './store-lock.js';
import type { StoreLock, StoreOwner } from './store-lock.js';

/** Named as Postgres names its socket, so psql and other clients find it with host=<dir>. */
export const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * The embedded database serves one process: Postgres' default 128 MB of shared buffers is
 * memory it does not need. 16 MB takes about 130 MB off the bot's resident memory at rest
 * (measured on an existing store: 363 → 229 MB for PGlite alone).
 */
const PGLITE_CONF = ['shared_buffers=16MB', 'work_mem=4MB'];

// Unix socket paths are limited to 104 bytes on macOS (108 on Linux), the final NUL included.
const MAX_SOCKET_PATH = 103;

export class StoreBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: StoreOwner | null,
  ) {
    const who = owner ? `process ${owner.pid} (${owner.command}, since ${owner.since})` : 'another process';
    super(`The store ${dir} is held by ${who}, which does not answer. Stop that process or wait for it to finish, then run this again.`);
    this.name = 'StoreBusyError';
  }
}

export interface EmbeddedStoreOptions {
  /** Absolute directory, or null for a throw-away store in memory (never shared). */
  dataDir: string | null;
  /** How long `connect()` waits for an owner that is starting or stopping. */
  waitMs?: number;
  idleInTransactionMs?: number;
}

interface Owned {
  pg: PGlite;
  host: PgliteHost;
  lock: StoreLock | null;
}

export class EmbeddedStore {
  readonly socketPath: string;
  private owned: Owned | null = null;
  private becoming: Promise<boolean> | null = null;
  private closed = false;

  constructor(private readonly options: EmbeddedStoreOptions) {
    const dir = options.dataDir;
    this.socketPath = dir ? socketPathIn(dir) : join(tmpdir(), `persona-bot-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
  }

  /** True while this process owns the store (and so runs PGlite). */
  get isOwner(): boolean {
    return this.owned !== null;
  }

  /** The process that holds the store, as its lock file says; null for a store in memory. */
  owner(): StoreOwner | null {
    return this.options.dataDir ? readStoreOwner(this.options.dataDir) : null;
  }

  /** A socket to the owner, taking ownership first when nobody has it. */
  async connect(): Promise<Socket> {
    const deadline = Date.now() + (this.options.waitMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new Error('the store has been closed');
      const socket = await dial(this.socketPath);
      if (socket) return socket;
      if (await this.becomeOwner()) continue;
      // Someone holds the lock but does not answer yet: it is starting, or stopping.
      if (Date.now() > deadline) throw new StoreBusyError(this.options.dataDir ?? 'memory', this.owner());
      await new Promise((r) => setTimeout(r, Math.min(200, 10 * attempt)));
    }
  }

  /**
   * Gives the store up: waits up to `graceMs` for other processes' work under way, then
   * closes PGlite and releases the lock. Close this process's own connections first.
   */
  async close(graceMs: number, onWaiting?: (busy: number) => void): Promise<void> {
    this.closed = true;
    await this.becoming?.catch(() => {});
    const owned = this.owned;
    this.owned = null;
    if (!owned) return;
    try {
      await owned.host.leave(graceMs, onWaiting);
      if (!owned.pg.closed) await owned.pg.close();
    } finally {
      owned.lock?.release();
      if (!this.options.dataDir) rmSync(this.socketPath, { force: true });
    }
  }

  private becomeOwner(): Promise<boolean> {
    this.becoming ??= this.takeOwnership().finally(() => {
      this.becoming = null;
    });
    return this.becoming;
  }

  private async takeOwnership(): Promise<boolean> {
    if (this.owned) return true;
    if (this.closed) return false;
    const dir = this.options.dataDir;
    let lock: StoreLock | null = null;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      lock = tryLockStore(dir, { pid: process.pid, since: new Date().toISOString(), command: commandLine() });
      if (!lock) return false;
    }
    try {
      // The socket of an owner that died without closing it.
      if (dir && existsSync(this.socketPath)) rmSync(this.socketPath, { force: true });
      const pg = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), postgresqlconf: PGLITE_CONF });
      try {
        // Before anyone else can connect, so that nobody sees an old schema.
        await migratePgliteClient(pg);
        const host = await PgliteHost.start(pg, this.socketPath, { idleInTransactionMs: this.options.idleInTransactionMs });
        this.owned = { pg, host, lock };
        return true;
      } catch (err) {
        await pg.close().catch(() => {});
        throw err;
      }
    } catch (err) {
      lock?.release();
      throw err;
    }
  }
}

/** The socket's path: absolute when short enough, else relative to the working directory. */
export function socketPathIn(dir: string): string {
  const absolute = join(dir, SOCKET_NAME);
  if (Buffer.byteLength(absolute) <= MAX_SOCKET_PATH) return absolute;
  const rel = relative(process.cwd(), absolute);
  if (Buffer.byteLength(rel) <= MAX_SOCKET_PATH) return rel;
  throw new Error(`The store's directory path is too long for its socket (${absolute}); use a shorter DATABASE_URL=pglite:<dir>.`);
}

/** Connects to a Unix socket; null when nobody listens there. */
function dial(path: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      // postgres.js adds its own handler once it has the socket; until then (and should the
      // owner close it at that moment, EPIPE) an error must not go unhandled.
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve(null);
      else reject(err);
    });
  });
}

function commandLine(): string {
  const script = process.argv[1] ?? '';
  const args = process.argv.slice(2, 4).join(' ');
  const name = /cli[\\/]main\.[jt]s$/.test(script)
    ? 'persona-bot cli'
    : /main\.[jt]s$/.test(script)
      ? 'persona-bot'
      : script.split(/[\\/]/).slice(-2).join('/');
  return `${name}${args ? ` ${args}` : ''}`.slice(0, 80);
}
