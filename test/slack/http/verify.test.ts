import { describe, expect, it } from 'vitest';
import { checkSignatureHeaders, MAX_CLOCK_SKEW_SECONDS, signatureMatches, startSignature } from '../../../src/slack/http/verify.js';
import { sign, TEST_SIGNING_SECRET } from '../../support/slack-requests.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const nowSec = NOW.getTime() / 1000;
const SIG = `v0=${'ab'.repeat(32)}`;

describe('signature headers', () => {
  it('accepts plain decimal seconds up to five minutes away, either way', () => {
    for (const offset of [0, -MAX_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS]) {
      expect(checkSignatureHeaders(String(nowSec + offset), SIG, NOW)).toMatchObject({ ok: true, timestamp: String(nowSec + offset) });
    }
  });

  it('refuses a timestamp one second further, in either direction', () => {
    expect(checkSignatureHeaders(String(nowSec + MAX_CLOCK_SKEW_SECONDS + 1), SIG, NOW)).toEqual({ ok: false, reason: 'timestamp out of window' });
    expect(checkSignatureHeaders(String(nowSec - MAX_CLOCK_SKEW_SECONDS - 1), SIG, NOW)).toEqual({ ok: false, reason: 'timestamp out of window' });
  });

  it('refuses anything but plain decimal seconds', () => {
    for (const ts of ['Infinity', `0x${nowSec.toString(16)}`, '1.7e9', `+${nowSec}`, `${nowSec}.0`, ` ${nowSec}`, '', `${nowSec}0000000000`, 'NaN']) {
      expect(checkSignatureHeaders(ts, SIG, NOW).ok).toBe(false);
    }
  });

  it('refuses missing, repeated or malformed headers', () => {
    expect(checkSignatureHeaders(undefined, SIG, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(checkSignatureHeaders(String(nowSec), undefined, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(checkSignatureHeaders([String(nowSec), String(nowSec)], SIG, NOW)).toEqual({ ok: false, reason: 'missing' });
    for (const sig of [`v1=${'ab'.repeat(32)}`, `v0=${'ab'.repeat(31)}`, `v0=${'zz'.repeat(32)}`, 'ab'.repeat(32), `${SIG},${SIG}`]) {
      expect(checkSignatureHeaders(String(nowSec), sig, NOW)).toEqual({ ok: false, reason: 'malformed signature' });
    }
  });

  it('matches Slack’s signature computed over the body as it streams in, and nothing else', () => {
    const body = 'token=x&text=hello';
    const headers = checkSignatureHeaders(String(nowSec), sign(TEST_SIGNING_SECRET, nowSec, body), NOW);
    if (!headers.ok) throw new Error('headers refused');
    const streamed = startSignature(TEST_SIGNING_SECRET, headers.timestamp);
    streamed.update(body.slice(0, 5));
    streamed.update(body.slice(5));
    expect(signatureMatches(streamed, headers.digest)).toBe(true);
    expect(signatureMatches(startSignature(TEST_SIGNING_SECRET, headers.timestamp).update(`${body}x`), headers.digest)).toBe(false);
    expect(signatureMatches(startSignature('another-secret', headers.timestamp).update(body), headers.digest)).toBe(false);
  });
});
