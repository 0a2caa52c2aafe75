import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput, UsageError } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-bot-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const none = () => Readable.from([]);

describe('readInput', () => {
  it('reads a file, or standard input for -', async () => {
    const path = join(dir, 'a.yaml');
    writeFileSync(path, 'cases: []\n');
    expect(await readInput(none(), path)).toBe('cases: []\n');
    expect(await readInput(Readable.from([Buffer.from('from stdin')]), '-')).toBe('from stdin');
  });

  it('gives the size instead of the text when the file or the input is over the limit', async () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, 'x'.repeat(2048));
    expect(await readInput(none(), path, 1024)).toBe(2048);
    expect(await readInput(none(), path, 4096)).toBe('x'.repeat(2048));
    expect(await readInput(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), '-', 1024)).toBe(1200);
  });

  it('says plainly when the file is missing or is not a file', async () => {
    await expect(readInput(none(), join(dir, 'nope.yaml'))).rejects.toThrow(new UsageError(`no such file: ${join(dir, 'nope.yaml')}`));
    await expect(readInput(none(), dir)).rejects.toThrow(/^cannot read .*: EISDIR$/);
  });
});
