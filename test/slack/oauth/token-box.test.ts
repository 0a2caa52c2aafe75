import { describe, expect, it } from 'vitest';
import { TokenBox } from '../../../src/slack/oauth/token-box.js';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('TokenBox', () => {
  it('seals a token so that the stored form does not contain it, and opens it again', () => {
    const box = new TokenBox([k1]);
    const sealed = box.seal('xoxb-123-secret', 'T1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed).not.toContain('xoxb');
    expect(sealed.sealed).toMatch(/^v1\./);
    expect(box.open(sealed, 'T1')).toBe('xoxb-123-secret');
    expect(box.seal('xoxb-123-secret', 'T1').sealed).not.toBe(sealed.sealed);
  });

  it('refuses a token moved to another install, or tampered with', () => {
    const box = new TokenBox([k1]);
    const sealed = box.seal('xoxb-123-secret', 'T1');
    expect(() => box.open(sealed, 'T2')).toThrow();
    const parts = sealed.sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(() => box.open({ ...sealed, sealed: parts.join('.') }, 'T1')).toThrow();
  });

  it('rotates: the first key seals, every listed key opens, an unlisted key is named', () => {
    const old = new TokenBox([k1]).seal('xoxb-old', 'T1');
    const rotated = new TokenBox([k2, k1]);
    expect(rotated.open(old, 'T1')).toBe('xoxb-old');
    expect(rotated.seal('xoxb-new', 'T1').keyId).toBe('k2');
    expect(() => new TokenBox([k2]).open(old, 'T1')).toThrow(/token key "k1" is not in SLACK_TOKEN_KEYS/);
  });
});
