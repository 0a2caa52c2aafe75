import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { localBanner, printLocalBanner } from '../../src/local/banner.js';

describe('local mode banner', () => {
  it('prints one plain line with the address on a terminal, and nothing into a pipe', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(printLocalBanner(tty, 'http://127.0.0.1:3000')).toBe(true);
    expect(String(tty.read())).toContain('Open http://127.0.0.1:3000/ in your browser.');
    const pipe = new PassThrough();
    expect(printLocalBanner(pipe, 'http://127.0.0.1:3000')).toBe(false);
    expect(pipe.read()).toBeNull();
    expect(
      localBanner('http://x')
        .split('\n')
        .filter((l) => l.includes('http://x/')),
    ).toHaveLength(1);
  });
});
