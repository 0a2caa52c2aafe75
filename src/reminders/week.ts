// The ISO week a moment falls in, in the reminders' time zone: the unit a reminder run claims.

/** The calendar date of `at` in `timeZone`, as UTC midnight of that date. */
function localDate(at: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day')));
}

/** `2026-W47`: ISO 8601 week-numbering year and week of `at` in `timeZone`. */
export function isoWeekKey(at: Date, timeZone = 'UTC'): string {
  const d = localDate(at, timeZone);
  const day = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
