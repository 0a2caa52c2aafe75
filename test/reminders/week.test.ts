import { describe, expect, it } from 'vitest';
import { isoWeekKey } from '../../src/reminders/week.js';

describe('isoWeekKey', () => {
  it('follows ISO 8601 weeks, across year ends', () => {
    expect(isoWeekKey(new Date('2026-11-23T09:00:00Z'))).toBe('2026-W48');
    expect(isoWeekKey(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeekKey(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });
  it('uses the reminders time zone: late Sunday in UTC is already Monday in Tokyo', () => {
    const sundayNight = new Date('2026-11-22T20:00:00Z');
    expect(isoWeekKey(sundayNight, 'UTC')).toBe('2026-W47');
    expect(isoWeekKey(sundayNight, 'Asia/Tokyo')).toBe('2026-W48');
  });
});
