// A PostgreSQL server of a test's own, in a temporary directory, that the test may stop, start
// again and freeze (SIGSTOP to the server and every backend) as a real outage does, without
// touching the shared server other test files use. Linux only (/proc). Needs the PostgreSQL binaries on PATH
// (`initdb`, `postgres`); as root, the server runs as the `postgres` user, since it refuses root.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface ThrowawayPostgres {
  /** Its `postgres` database, as the superuser, without password. */
  url: string;
  /** A fast shutdown (SIGINT): connections are ended, new ones refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** SIGSTOP to the server and every backend: connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Thaws, stops and deletes it. */
  destroy(): Promise<void>;
}

/** True when this machine can run a server of its own (the binaries are on PATH). */
export const CAN_RUN_POSTGRES = process.platform === 'linux' && spawnSync('initdb', ['--version']).status === 0;

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'persona-bot-pg-'));
  const data = join(dir, 'data');
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const init = spawnSync('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { ...asOwner, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | null = null;

  const start = async () => {
    server = spawn(
      'postgres',
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      { ...asOwner, stdio: 'ignore' },
    );
    await waitUntilAnswering(url, 30_000);
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => s.once('exit', () => resolve()));
    s.kill('SIGINT');
    await exited;
  };
  // The postmaster first (no new backends), then each of its children: backends put themselves
  // in sessions of their own (setsid), so signalling the postmaster's process group is not enough.
  const signal = (sig: NodeJS.Signals) => {
    const pid = server?.pid;
    if (!pid) return;
    for (const p of [pid, ...childrenOf(pid)]) {
      try {
        process.kill(p, sig);
      } catch {
        // Gone meanwhile.
      }
    }
  };
  await start();
  return {
    url,
    stop,
    start,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async destroy() {
      signal('SIGCONT');
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent is the 2nd field after the command, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // Ended meanwhile.
    }
  }
  return out;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilAnswering(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
}
