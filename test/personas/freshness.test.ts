import { describe, expect, it } from 'vitest';
import { freshness } from '../../src/domain/freshness.js';

describe('freshness', () => {
  const now = new Date('2026-11-23T09:00:00Z');
  it('is stale only when older than STALE_AFTER_DAYS: 89 and 90 days are fresh, 91 is stale', () => {
    expect(freshness('2026-08-26', now, 90)).toEqual({ ageDays: 89, stale: false });
    expect(freshness('2026-08-25', now, 90)).toEqual({ ageDays: 90, stale: false });
    expect(freshness('2026-08-24', now, 90)).toEqual({ ageDays: 91, stale: true });
  });
  it('counts whole UTC days whatever the hour, and never goes negative', () => {
    expect(freshness('2026-11-23', new Date('2026-11-23T23:59:59Z'), 90).ageDays).toBe(0);
    expect(freshness('2026-11-30', now, 90).ageDays).toBe(0);
  });
});
