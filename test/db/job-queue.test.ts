// The job queue's supervisor: a worker pool that began shutting itself down and never finished
// (seen after the database was frozen: bench/findings.md, the fault run) is abandoned, its jobs
// are unlocked and a new pool takes over. graphile-worker's `run` is played by a stand-in here,
// since a real pool that hangs in its shutdown cannot be produced on demand; the database is real.
import { EventEmitter } from 'node:events';
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
