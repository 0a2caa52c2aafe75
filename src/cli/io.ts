import { readFile, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../domain/clock.js';

/** What a CLI command may touch, injectable for tests. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** All of `stream` as text, or its length in bytes as soon as that passes `maxBytes`. */
export async function readAtMost(stream: Readable, maxBytes: number): Promise<string | number> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buf.length;
    if (length > maxBytes) {
      // Count the rest without keeping it, so the message can say how large it was.
      for await (const rest of stream) length += Buffer.isBuffer(rest) ? rest.length : Buffer.byteLength(String(rest));
      return length;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What the CLI says about a file it was asked to read and cannot. */
export function cannotRead(path: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  return new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? (err as Error).message}`);
}

/**
 * The text of the file a command was given (`-`: standard input), or its size in bytes when
 * it is larger than `maxBytes` (the file is not read then), so the caller can say how large it was.
 */
export async function readInput(stdin: Readable, path: string): Promise<string>;
export async function readInput(stdin: Readable, path: string, maxBytes: number): Promise<string | number>;
export async function readInput(stdin: Readable, path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<string | number> {
  if (path === '-') return readAtMost(stdin, maxBytes);
  try {
    const { size } = await stat(path);
    if (size > maxBytes) return size;
    return await readFile(path, 'utf8');
  } catch (err) {
    throw cannotRead(path, err);
  }
}
