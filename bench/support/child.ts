// Starts bench/support/serve.ts in a child process and talks to it over IPC.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServeRequest } from './serve.js';

export interface ServeChild {
  mode: 'floor' | 'product';
  pid: number;
  port: number;
  eventsUrl: string;
  /** performance.now() from spawn to the app listening. */
  startMs: number;
  request<T = unknown>(req: ServeRequest, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startServe(mode: 'floor' | 'product', env: Record<string, string>, startTimeoutMs = 120_000): Promise<ServeChild> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/support/serve.ts', mode], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode}: not ready within ${startTimeoutMs} ms`)), startTimeoutMs);
    child.once('exit', (code) => reject(new Error(`${mode}: exited with ${code} before it was ready`)));
    child.on('message', (m: { type?: string; port?: number; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port!);
        return;
      }
      const p = pending.get(m.id!);
      if (!p) return;
      pending.delete(m.id!);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
  });
  const startMs = performance.now() - t0;
  return {
    mode,
    pid: child.pid!,
    port,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    startMs,
    request<T>(req: ServeRequest, timeoutMs = 120_000): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${mode}: ${req.type} timed out`)), timeoutMs);
        pending.set(id, {
          resolve: (v) => (clearTimeout(timer), resolve(v as T)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        child.send({ id, req });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ id: ++nextId, req: { type: 'stop' } });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident and peak resident memory of a process, from /proc (Linux), in MiB. */
export function procMemory(pid: number): { rssMiB: number; peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}
