// The weekly reminders: plan the week (one delivery per owner, and a digest for personas
// without one), and send one delivery. The job queue runs both (reminders/jobs.ts): planning
// once a week on whichever replica takes the job, each delivery as its own job. The delivery
// rows are the record of what was sent, so a job that runs twice sends nothing more.
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { freshness } from '../domain/freshness.js';
import type { Persona } from '../domain/persona.js';
import { listPersonas } from '../db/queries/personas.js';
import { finishRunIfDone, getDelivery, markNotSent, markSending, markSent, noteError, startWeek } from '../db/queries/reminders.js';
import { trendShiftsByPersona } from '../insights/trends.js';
import { isoWeekKey } from './week.js';

export interface ReminderSettings {
  staleAfterDays: number;
  timeZone: string;
  /** Channel id for the digest of personas without an owner; none: they are not reminded. */
  digestChannel?: string;
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

/** Names one delivery in the message itself, so that a later attempt can find it. */
export interface DeliveryTag {
  teamId: string;
  week: string;
  recipient: string;
}

/** How reminders reach people; the Slack layer renders and sends them (slack/web/reminder-sender.ts). */
export interface ReminderSender {
  /** `recipient` is a user id (a DM is opened) or `channel:<id>`. */
  send(recipient: string, reminder: Reminder, tag: DeliveryTag): Promise<{ channel: string; ts: string }>;
  /**
   * The message of `tag` posted since `since`, when an earlier attempt may have posted it:
   * null when there is none, or when it cannot be seen (then it is sent again).
   */
  findSent(recipient: string, tag: DeliveryTag, since: Date): Promise<{ channel: string; ts: string } | null>;
}

/** Slack answered and did not post: trying again later may work (the queue retries). */
export class NotSentError extends Error {
  constructor(
    message: string,
    /** Trying again will not help (no such channel, not a member, the workspace is gone). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'NotSentError';
  }
}

export interface StalePlan {
  recipient: string;
  personas: Persona[];
}

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

export interface WeekPlan {
  teamId: string;
  week: string;
  /** This call started the week's run (false: planned before, by a replica or an earlier run). */
  started: boolean;
  /** Recipients not sent yet this week: each needs a delivery job. */
  unsent: string[];
}

/**
 * Plans this week's reminders of a workspace. Safe to repeat, on any replica: the week is
 * planned once, and planning again only lists what is still unsent.
 */
export async function planWeek(deps: { db: Db; clock: Clock }, teamId: string, settings: ReminderSettings): Promise<WeekPlan> {
  const now = deps.clock.now();
  const week = isoWeekKey(now, settings.timeZone);
  const plan = await stalePlan(deps.db, teamId, now, settings);
  const { started, unsent } = await startWeek(deps.db, {
    teamId,
    week,
    now,
    plan: plan.map((p) => ({ recipient: p.recipient, personaIds: p.personas.map((x) => x.id) })),
  });
  return { teamId, week, started, unsent };
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  sender: ReminderSender;
}

export interface Attempt {
  /** Names the attempt in the row (the job id). */
  by: string;
  /** The queue will not try again after this one. */
  final: boolean;
}

export type DeliveryOutcome = 'sent' | 'found' | 'already-sent' | 'nothing-stale' | 'unknown' | 'undeliverable';

/**
 * Sends one planned delivery unless it went out already. Throws when it should be tried again
 * (the queue does, with backoff); returns when there is nothing more to do.
 */
export async function deliverReminder(deps: DeliveryDeps, tag: DeliveryTag, settings: ReminderSettings, attempt: Attempt): Promise<DeliveryOutcome> {
  const { db, clock, log } = deps;
  const delivery = await getDelivery(db, tag);
  if (!delivery) return 'unknown';
  if (delivery.status === 'sent') return 'already-sent';
  const done = async (outcome: DeliveryOutcome) => {
    await finishRunIfDone(db, { teamId: tag.teamId, week: tag.week, now: clock.now() });
    return outcome;
  };
  // An earlier attempt got as far as posting and never recorded the answer (the process died,
  // or the network failed mid-call; or it gave up so): the message may be in Slack already.
  if (delivery.status !== 'pending' && delivery.claimedAt) {
    const found = await deps.sender.findSent(tag.recipient, tag, delivery.claimedAt);
    if (found) {
      await markSent(db, { delivery, ...found, now: clock.now() });
      log.info({ team: tag.teamId, week: tag.week, recipient: tag.recipient }, 'reminder found already posted; not sent again');
      return done('found');
    }
  }
  // What is stale may have changed since planning: send what is still stale of the plan.
  const now = clock.now();
  const personas = (await listPersonas(db, { teamId: tag.teamId })).filter(
    (p) => delivery.personaIds.includes(p.id) && freshness(p.reviewedAt, now, settings.staleAfterDays).stale,
  );
  if (personas.length === 0) {
    await markSent(db, { delivery, channel: '', ts: '', now });
    return done('nothing-stale');
  }
  // What campaign results say is extra: the reminder goes out without it if it cannot be read.
  const trends = await trendShiftsByPersona(db, { teamId: tag.teamId }).catch((err: unknown) => {
    log.warn({ err, team: tag.teamId }, 'reading campaign results for reminders failed');
    return {};
  });
  const reminder: Reminder = { personas, now, staleAfterDays: settings.staleAfterDays, digest: tag.recipient.startsWith('channel:'), trends };
  await markSending(db, { delivery, by: attempt.by, now });
  let posted: { channel: string; ts: string };
  try {
    posted = await deps.sender.send(tag.recipient, reminder, tag);
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof NotSentError) {
      await markNotSent(db, { delivery, error: message, final: attempt.final || err.permanent });
      if (err.permanent) {
        log.warn({ team: tag.teamId, week: tag.week, recipient: tag.recipient, error: message }, 'reminder cannot be delivered; given up');
        return done('undeliverable');
      }
    } else await noteError(db, { delivery, error: message, final: attempt.final });
    if (attempt.final) await done('unknown');
    throw err;
  }
  await markSent(db, { delivery, ...posted, now: clock.now() });
  log.info({ team: tag.teamId, week: tag.week, recipient: tag.recipient, personas: personas.length }, 'reminder sent');
  return done('sent');
}
