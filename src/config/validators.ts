// Checks for settings that name things other libraries understand: a cron pattern (croner,
// which computes when the weekly reminder job is due) and an IANA time zone (Intl).
import { Cron } from 'croner';

/** True when `pattern` is a cron expression croner accepts. */
export function isValidCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
