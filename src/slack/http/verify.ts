// Slack's request signature (https://api.slack.com/authentication/verifying-requests-from-slack),
// checked strictly and in two steps, so that nothing unauthenticated is buffered:
// the headers before a byte of the body is read, the HMAC as the body streams in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Hmac } from 'node:crypto';

/** Slack's replay window: a request stamped further from our clock, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

// Plain decimal seconds only: `Number()` would also read "0x…", "1e9", " 17…" and "Infinity".
const TIMESTAMP = /^[0-9]{1,12}$/;
const SIGNATURE = /^v0=([0-9a-f]{64})$/i;

export type HeaderValue = string | string[] | undefined;

export type SignatureHeaders =
  | { ok: true; timestamp: string; digest: Buffer }
  | { ok: false; reason: 'missing' | 'malformed timestamp' | 'timestamp out of window' | 'malformed signature' };

/**
 * Reads X-Slack-Request-Timestamp and X-Slack-Signature. Both must be there once; the timestamp
 * plain decimal seconds within five minutes of `now`; the signature `v0=` and 64 hex digits.
 */
export function checkSignatureHeaders(timestamp: HeaderValue, signature: HeaderValue, now: Date): SignatureHeaders {
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'missing' };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp out of window' };
  const m = SIGNATURE.exec(signature);
  if (!m) return { ok: false, reason: 'malformed signature' };
  return { ok: true, timestamp, digest: Buffer.from(m[1]!, 'hex') };
}

/** The HMAC Slack computes, started on `v0:<timestamp>:`; the body is fed to it as it arrives. */
export function startSignature(secret: string, timestamp: string): Hmac {
  return createHmac('sha256', secret).update(`v0:${timestamp}:`);
}

/** Compares in constant time. */
export function signatureMatches(hmac: Hmac, expected: Buffer): boolean {
  const actual = hmac.digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
