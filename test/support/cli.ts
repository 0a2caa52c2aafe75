// Runs the CLI in-process with captured output, as a test would read a terminal.
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import type { Clock } from '../../src/domain/clock.js';
import type { CliIo } from '../../src/cli/io.js';

export function captureIo(env: Record<string, string>, clock: Clock, stdin = ''): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr, stdin: Readable.from([stdin]), env, clock }, out: () => out, err: () => err };
}

export async function runCliCaptured(
  args: string[],
  env: Record<string, string>,
  clock: Clock,
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  const x = captureIo(env, clock, stdin);
  const code = await runCli(args, x.io);
  return { code, out: x.out(), err: x.err() };
}
