// The weekly reminder job: claim the week, plan one delivery per owner (and a digest for
// personas without one), then send what is unsent. Any replica may run it at any time; the
// claims in the database make each delivery go out once per week.
import { isoDay } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { freshness } from '../domain/freshness.js';
import type { Persona } from '../domain/persona.js';
import { listPersonas } from '../db/queries/personas.js';
import { claimNext, countByStatus, finishRun, getRun, markFailed, markSent, planDeliveries, startRun } from '../db/queries/reminders.js';
import { trendShiftsByPersona } from '../insights/trends.js';
import { isoWeekKey } from './week.js';

export interface ReminderSettings {
  staleAfterDays: number;
  timeZone: string;
  /** Channel id for the digest of personas without an owner; none: they are not reminded. */
  digestChannel?: string;
  /** How long a claimed delivery may stay unsent before another replica takes it over. */
  leaseMs?: number;
}

/** One reminder: stale personas for their owner, or the digest of those nobody owns. */
export interface Reminder {
  personas: Persona[];
  now: Date;
  staleAfterDays: number;
  /** Set for the channel digest of personas without an owner. */
  digest: boolean;
  /** Persona name → what moved in its campaign results (trend shifts), when there are results. */
  trends?: Record<string, string[]>;
}

/** How reminders reach people; the Slack layer renders and sends them (slack/web/reminder-sender.ts). */
export interface ReminderSender {
  /** `recipient` is a user id (a DM is opened) or `channel:<id>`. */
  send(recipient: string, reminder: Reminder): Promise<{ channel: string; ts: string }>;
}

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  sender: ReminderSender;
  /** Names this process in the claims (host and pid, or a test's label). */
  replica: string;
}

export interface StalePlan {
  recipient: string;
  personas: Persona[];
}

export interface RunSummary {
  week: string;
  started: boolean;
  sent: string[];
  failed: string[];
  /** Deliveries another replica is sending right now. */
  inFlightElsewhere: number;
  status: Record<string, number>;
}

const DEFAULT_LEASE_MS = 2 * 60_000;

/** Stale personas grouped by who gets reminded: each owner, and the digest channel. */
export async function stalePlan(db: Db, teamId: string, now: Date, settings: ReminderSettings): Promise<StalePlan[]> {
  const stale = (await listPersonas(db, { teamId })).filter((p) => freshness(p.reviewedAt, now, settings.staleAfterDays).stale);
  const groups = new Map<string, Persona[]>();
  for (const p of stale) {
    const recipient = p.owner ?? (settings.digestChannel ? `channel:${settings.digestChannel}` : null);
    if (!recipient) continue;
    groups.set(recipient, [...(groups.get(recipient) ?? []), p]);
  }
  // Owners in id order, the channel digest last.
  const rank = (r: string) => (r.startsWith('channel:') ? 1 : 0);
  return [...groups]
    .map(([recipient, personas]) => ({ recipient, personas }))
    .sort((a, b) => rank(a.recipient) - rank(b.recipient) || (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0));
}

export async function runWeeklyReminders(deps: ReminderDeps, teamId: string, settings: ReminderSettings): Promise<RunSummary> {
  const { db, clock, log } = deps;
  const started = clock.now();
  const week = isoWeekKey(started, settings.timeZone);
  const isNew = await startRun(db, { teamId, week, now: started });
  const run = await getRun(db, { teamId, week });
  const summary: RunSummary = { week, started: isNew, sent: [], failed: [], inFlightElsewhere: 0, status: {} };
  if (run?.finishedAt) {
    summary.status = await countByStatus(db, { teamId, week });
    return summary;
  }
  // Every replica plans; rows already planned stay as they are, so the plan is made once.
  const plan = await stalePlan(db, teamId, started, settings);
  await planDeliveries(db, { teamId, week, plan: plan.map((p) => ({ recipient: p.recipient, personaIds: p.personas.map((x) => x.id) })) });

  const leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
  // What campaign results say is extra: reminders go out without it if it cannot be read.
  const trends = await trendShiftsByPersona(db, { teamId }).catch((err: unknown) => {
    log.warn({ err, team: teamId }, 'reading campaign results for reminders failed');
    return {};
  });
  for (;;) {
    const delivery = await claimNext(db, { teamId, week, replica: deps.replica, now: clock.now(), leaseMs });
    if (!delivery) break;
    try {
      // What is stale may have changed since planning: send what is still stale of the plan.
      const all = await listPersonas(db, { teamId });
      const now = clock.now();
      const personas = all.filter((p) => delivery.personaIds.includes(p.id) && freshness(p.reviewedAt, now, settings.staleAfterDays).stale);
      if (personas.length === 0) {
        await markSent(db, { delivery, channel: '', ts: '', now });
        continue;
      }
      const reminder: Reminder = { personas, now, staleAfterDays: settings.staleAfterDays, digest: delivery.recipient.startsWith('channel:'), trends };
      const { channel, ts } = await deps.sender.send(delivery.recipient, reminder);
      await markSent(db, { delivery, channel, ts, now: clock.now() });
      summary.sent.push(delivery.recipient);
      log.info({ team: teamId, week, recipient: delivery.recipient, personas: personas.length }, 'reminder sent');
    } catch (err) {
      await markFailed(db, { delivery, error: (err as Error).message });
      summary.failed.push(delivery.recipient);
      log.warn({ err, team: teamId, week, recipient: delivery.recipient }, 'reminder failed');
    }
  }
  summary.status = await countByStatus(db, { teamId, week });
  summary.inFlightElsewhere = summary.status.sending ?? 0;
  // Failed deliveries keep the run open: the next start-up or run retries them.
  const unsent = (summary.status.sending ?? 0) + (summary.status.failed ?? 0) + (summary.status.pending ?? 0);
  if (unsent === 0) await finishRun(db, { teamId, week, now: clock.now() });
  log.info({ team: teamId, week, sent: summary.sent.length, failed: summary.failed.length, day: isoDay(started) }, 'reminder run done');
  return summary;
}
