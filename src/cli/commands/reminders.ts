// `remind [--dry-run]` and `stale`: the weekly reminder job on demand, and who is stale.
import { appEnvSchema, ENV_HINTS, parseEnv } from '../../config/env.js';
import { freshness } from '../../domain/freshness.js';
import { listPersonas } from '../../db/queries/personas.js';
import { stalePlan } from '../../reminders/run.js';
import type { ReminderSettings } from '../../reminders/run.js';
import { deliveryTask, queueWeek, REMINDER_DELIVERY_TASK, settleWeek } from '../../reminders/jobs.js';
import { migrateJobQueue, startJobQueue } from '../../db/job-queue.js';
import { otherWorkspaceFlags } from '../../db/queries/jobs.js';
import { standaloneReminderSender } from '../../slack/web/reminder-sender.js';
import { isoWeekKey } from '../../reminders/week.js';
import { createLogger } from '../../logger.js';
import { UsageError, write } from '../io.js';
import type { CommandContext } from './personas.js';

function settingsFrom(ctx: CommandContext): { settings: ReminderSettings; env: ReturnType<typeof parseEnv<typeof appEnvSchema>> } {
  const env = parseEnv(appEnvSchema, ctx.io.env, ENV_HINTS);
  return { env, settings: { staleAfterDays: env.STALE_AFTER_DAYS, timeZone: env.REMINDER_TZ, digestChannel: env.REMINDER_CHANNEL } };
}

export async function staleCommand(ctx: CommandContext): Promise<number> {
  const { settings } = settingsFrom(ctx);
  const now = ctx.io.clock.now();
  const stale = (await listPersonas(ctx.db, { teamId: ctx.teamId }))
    .map((p) => ({ p, f: freshness(p.reviewedAt, now, settings.staleAfterDays) }))
    .filter(({ f }) => f.stale)
    .sort((a, b) => b.f.ageDays - a.f.ageDays);
  if (ctx.json) {
    write(ctx.io.stdout, JSON.stringify(stale.map(({ p, f }) => ({ name: p.name, owner: p.owner, reviewed_at: p.reviewedAt, age_days: f.ageDays }))));
    return 0;
  }
  if (stale.length === 0) {
    write(ctx.io.stdout, `No stale personas in ${ctx.teamId} (store ${ctx.store}): every one was confirmed in the last ${settings.staleAfterDays} days.`);
    return 0;
  }
  write(
    ctx.io.stdout,
    `${stale.length} stale persona${stale.length === 1 ? '' : 's'} in ${ctx.teamId} (store ${ctx.store}), not confirmed for over ${settings.staleAfterDays} days:`,
  );
  for (const { p, f } of stale) write(ctx.io.stdout, `  ${p.name}  confirmed ${p.reviewedAt} (${f.ageDays} days ago)  owner ${p.owner ?? 'nobody'}`);
  return 0;
}

export async function remindCommand(ctx: CommandContext, opts: { dryRun: boolean }): Promise<number> {
  const { env, settings } = settingsFrom(ctx);
  const now = ctx.io.clock.now();
  const week = isoWeekKey(now, settings.timeZone);
  if (opts.dryRun) {
    const plan = await stalePlan(ctx.db, ctx.teamId, now, settings);
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ week, plan: plan.map((p) => ({ recipient: p.recipient, personas: p.personas.map((x) => x.name) })) }));
    else {
      write(
        ctx.io.stdout,
        `Week ${week}, ${ctx.teamId} (store ${ctx.store}): ${plan.length} message${plan.length === 1 ? '' : 's'} would be sent (unless already sent this week).`,
      );
      for (const p of plan) write(ctx.io.stdout, `  ${p.recipient}: ${p.personas.map((x) => x.name).join(', ')}`);
      if (!settings.digestChannel) write(ctx.io.stdout, '  (personas without an owner are skipped: set REMINDER_CHANNEL for a digest)');
    }
    return 0;
  }
  if (!env.SLACK_BOT_TOKEN) throw new UsageError(`remind sends Slack messages: set SLACK_BOT_TOKEN (${ENV_HINTS.SLACK_BOT_TOKEN}), or use --dry-run.`);
  if (!ctx.handle) throw new Error('remind needs the store handle');
  const token = env.SLACK_BOT_TOKEN;
  const log = createLogger({ level: 'warn', destination: ctx.io.stderr });
  // The same path as the weekly job: plan, queue one job per recipient, and work the queue here
  // until each was tried. A running bot may take some of them; either way each goes out once.
  await migrateJobQueue(ctx.handle, log);
  const plan = await queueWeek({ db: ctx.db, clock: ctx.io.clock }, ctx.teamId, settings);
  const sender = standaloneReminderSender(token, env.SLACK_API_URL);
  const queue = await startJobQueue({
    handle: ctx.handle,
    tasks: {
      [REMINDER_DELIVERY_TASK]: deliveryTask({
        db: ctx.db,
        clock: ctx.io.clock,
        log,
        settings,
        senderFor: async () => sender,
        paceMs: env.SLACK_CHANNEL_PACE_MS,
      }),
    },
    log,
    concurrency: 2,
    // This token is one workspace's: other workspaces' reminders are left to the bot.
    forbiddenFlags: () => otherWorkspaceFlags(ctx.db, { teamId: ctx.teamId, task: REMINDER_DELIVERY_TASK }),
  });
  let summary: Awaited<ReturnType<typeof settleWeek>>;
  try {
    summary = await settleWeek(ctx.db, plan, { timeoutMs: 10 * 60_000 });
  } finally {
    await queue.stop();
  }
  if (ctx.json) write(ctx.io.stdout, JSON.stringify(summary));
  else
    write(
      ctx.io.stdout,
      `Week ${summary.week}, ${ctx.teamId} (store ${ctx.store}): sent ${summary.sent.length}, failed ${summary.failed.length}` +
        (summary.sent.length === 0 && summary.failed.length === 0 ? ' (nothing left to send this week)' : '') +
        (summary.failed.length > 0 ? `; the failed ones are retried by the bot's job queue (${summary.failed.join(', ')})` : '') +
        '.',
    );
  return summary.failed.length > 0 ? 1 : 0;
}
