// The job queue's supervisor: a worker pool that began shutting itself down and never finished
// (seen after the database was frozen: bench/findings.md, the fault run) is abandoned, its jobs
// are unlocked and a new pool takes over; a pool that keeps failing its fetches on a task lookup
// it kept from an outage is replaced. graphile-worker's `run` is played by a stand-in where a
// real pool cannot be made to misbehave on demand; the database is real, and the last suite runs
// the real graphile-worker with the outage injected into its task lookup.
import type { EventEmitter } from 'node:events';
import type pg from 'pg';
import { expect, it } from 'vitest';
import { migrateJobQueue, startJobQueue } from '../../src/db/job-queue.js';
import type { JobQueueOptions } from '../../src/db/job-queue.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { describeEachDriver } from '../support/databases.js';

type RunWorker = NonNullable<JobQueueOptions['runWorker']>;
type RunOptions = Parameters<RunWorker>[0];

/** A stand-in for graphile-worker's `run`: each call's runner, and a way to end or wedge it. */
function standInRun() {
  const calls: Array<{ options: RunOptions; kill: string[]; stop: number; settle: () => void; poolId: string }> = [];
  const runWorker = (async (options: RunOptions) => {
    let settle = () => {};
    const promise = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const call = { options, kill: [] as string[], stop: 0, settle, poolId: `pool-${calls.length + 1}` };
    calls.push(call);
    const events = options.events as unknown as EventEmitter;
    events.emit('pool:create', { workerPool: { id: call.poolId } });
    return {
      promise,
      events: options.events,
      addJob: async () => {
        throw new Error('not in this test');
      },
      stop: async () => {
        call.stop++;
        settle();
      },
      kill: async (reason?: string) => {
        call.kill.push(reason ?? '');
      },
    };
  }) as unknown as RunWorker;
  return { calls, runWorker };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeEachDriver('the job queue supervisor', ({ handle }) => {
  it('abandons a pool whose own shutdown does not finish, and starts a new one', async () => {
    await migrateJobQueue(handle(), silentLogger());
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream });
    const { calls, runWorker } = standInRun();
    const queue = await startJobQueue({ handle: handle(), tasks: {}, log, runWorker, abandonShutdownAfterMs: 200 });
    try {
      expect(calls).toHaveLength(1);
      // The pool begins shutting itself down (it could not record a job's failure) and hangs.
      (calls[0]!.options.events as unknown as EventEmitter).emit('pool:gracefulShutdown', { workerPool: { id: 'pool-1' }, message: 'failed to fail jobs' });
      await until(() => calls.length === 2);
      expect(calls[0]!.kill).toHaveLength(1);
      expect(lines.join('')).toMatch(/did not finish stopping; abandoning it/);
      // The abandoned runner settling late changes nothing: the new one stays.
      calls[0]!.settle();
      await new Promise((r) => setTimeout(r, 1200));
      expect(calls).toHaveLength(2);
    } finally {
      await queue.stop(1000);
    }
    expect(calls[1]!.stop).toBe(1);
  });

  it('leaves alone a pool that finishes its shutdown in time, and the one stop() asks to shut', async () => {
    await migrateJobQueue(handle(), silentLogger());
    const { calls, runWorker } = standInRun();
    const queue = await startJobQueue({ handle: handle(), tasks: {}, log: silentLogger(), runWorker, abandonShutdownAfterMs: 300 });
    try {
      const events = calls[0]!.options.events as unknown as EventEmitter;
      events.emit('pool:gracefulShutdown', { workerPool: { id: 'pool-1' }, message: 'failed to fail jobs' });
      calls[0]!.settle(); // it finishes: restarted the usual way, not killed
      await until(() => calls.length === 2);
      await new Promise((r) => setTimeout(r, 500));
      expect(calls[0]!.kill).toEqual([]);
      expect(calls).toHaveLength(2);
    } finally {
      const second = calls[1]!.options.events as unknown as EventEmitter;
      const stopped = queue.stop(1000);
      second.emit('pool:gracefulShutdown', { workerPool: { id: 'pool-2' }, message: 'stop() asked' });
      await stopped;
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(calls[1]!.kill).toEqual([]);
    expect(calls).toHaveLength(2);
  });
});

/**
 * A job pool whose lookups of graphile-worker's task table fail while `down()` is true, the way
 * they do when the database is away at the moment a new worker pool first looks its tasks up.
 */
function poolWithTaskLookupOutage(real: pg.Pool, down: () => boolean): pg.Pool {
  const patched = new WeakSet<pg.PoolClient>();
  const patch = (client: pg.PoolClient) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      if (down() && text.includes('_private_tasks')) return Promise.reject(Object.assign(new Error('the database is away (injected)'), { code: '57P01' }));
      return query(...args);
    };
  };
  // Every client the pool hands out, by promise or (as pool.query does) by callback.
  real.on('acquire', patch);
  return real;
}

describeEachDriver('the job queue supervisor and failed fetches', ({ handle }) => {
  it('replaces a pool that fails every fetch with one error it kept, and leaves alone one whose fetches fail anew', async () => {
    await migrateJobQueue(handle(), silentLogger());
    const { calls, runWorker } = standInRun();
    const queue = await startJobQueue({ handle: handle(), tasks: {}, log: silentLogger(), runWorker });
    try {
      const events = calls[0]!.options.events as unknown as EventEmitter;
      // An ordinary outage: each fetch is a new query and fails with a new error.
      for (let i = 0; i < 6; i++) events.emit('worker:getJob:error', { error: new Error(`connect ECONNREFUSED (${i})`) });
      expect(calls[0]!.stop).toBe(0);
      // The kept failure: every fetch rejects with the very same error.
      const kept = new Error('connect ECONNREFUSED (kept)');
      for (let i = 0; i < 4; i++) events.emit('worker:getJob:error', { error: kept });
      expect(calls[0]!.stop).toBe(1);
      await until(() => calls.length === 2);
    } finally {
      await queue.stop(1000);
    }
    expect(calls).toHaveLength(2);
  });
});

describeEachDriver('the job queue after an outage at its first task lookup', ({ handle }) => {
  it('runs jobs again once the database is back (a failed task lookup is not kept for good)', async () => {
    await migrateJobQueue(handle(), silentLogger());
    let away = true;
    const ran: string[] = [];
    const h = handle();
    const faulty = { ...h, jobPool: (max: number) => poolWithTaskLookupOutage(h.jobPool(max), () => away) } as typeof h;
    const queue = await startJobQueue({
      handle: faulty,
      tasks: { 'outage-probe': async (payload) => void ran.push((payload as { id: string }).id) },
      log: silentLogger(),
      pollIntervalMs: 100,
    });
    const adder = h.jobPool(1);
    try {
      // The pool's workers look their tasks up while the database is away…
      await new Promise((r) => setTimeout(r, 1500));
      away = false;
      // …and a job recorded after it came back still runs.
      await adder.query(`select graphile_worker.add_job('outage-probe', json_build_object('id', 'after'))`);
      await until(() => ran.includes('after'), 15_000);
    } finally {
      await adder.end();
      await queue.stop(1000);
    }
    expect(ran).toEqual(['after']);
  }, 30_000);
});
