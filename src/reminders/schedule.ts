// Fires the weekly reminder job on REMINDER_CRON in REMINDER_TZ. Every replica schedules it;
// the database claims decide who sends what. At start-up an unfinished run of this week is
// resumed, so a crash mid-run does not wait a week.
import { Cron } from 'croner';
import type { Logger } from '../logger.js';

export interface ScheduleOptions {
  cron: string;
  timeZone: string;
  run: () => Promise<unknown>;
  log: Logger;
}

export interface ReminderSchedule {
  nextRun(): Date | null;
  stop(): void;
}

export function startReminderSchedule(opts: ScheduleOptions): ReminderSchedule {
  const job = new Cron(opts.cron, { timezone: opts.timeZone, protect: true, catch: (err) => opts.log.error({ err }, 'reminder run failed') }, async () => {
    await opts.run();
  });
  opts.log.info({ cron: opts.cron, tz: opts.timeZone, next: job.nextRun()?.toISOString() }, 'reminders scheduled');
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}
