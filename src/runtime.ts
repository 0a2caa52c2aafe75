// Puts the product together: store, search indexes, services and the Slack app. Used by
// `npm start`, by the end-to-end tests and by the benchmarks, so all three run the same code.
import type { Clock } from './domain/clock.js';
import { systemClock } from './domain/clock.js';
import { DEFAULT_TEAM_ID, slackCredentials } from './config/env.js';
import type { AppEnv, SlackCredentials } from './config/env.js';
import { openDatabase, ping } from './db/client.js';
import { isStoreClosed } from './db/fail-fast.js';
import type { DatabaseHandle } from './db/client.js';
import { dbActionLog } from './db/queries/actions.js';
import { dbEventLog } from './db/queries/events.js';
import { dbWorkQueue, enqueueJob } from './db/queries/jobs.js';
import { PERSONA_VECTORS_TASK, personaVectorsJob, personaVectorsTask } from './copy-review/persona-vectors.js';
import { migrateJobQueue, startJobQueue } from './db/job-queue.js';
import type { JobQueue } from './db/job-queue.js';
import { slackTasks } from './slack/jobs/tasks.js';
import { dbVectorStore } from './db/queries/text-vectors.js';
import { ChannelSettingsService } from './copy-review/channel-settings.js';
import type { Logger } from './logger.js';
import { seedExamplesIfEmpty } from './personas/seed.js';
import { WorkspaceIndexes } from './search/workspace-indexes.js';
import { MCP_PATH, mcpHttpHandler } from './mcp/http.js';
import { LookupService } from './personas/lookup.js';
import { PersonaEditing } from './personas/editing.js';
import { CopyReviewService } from './copy-review/service.js';
import { loadEmbedder } from './review-engine/embedder.js';
import { createWorkerEmbedder } from './review-engine/worker-embedder.js';
import { createReviewEngine } from './review-engine/engine.js';
import type { ReviewEngine } from './review-engine/engine.js';
import { hostname } from 'node:os';
import type { ReminderSettings } from './reminders/run.js';
import { deliveryTask, ensureWeekJob, queueWeek, REMINDER_DELIVERY_TASK, REMINDERS_WEEK_TASK, settleWeek, weekTask } from './reminders/jobs.js';
import type { WeekSummary } from './reminders/jobs.js';
import { SlackReminderSender } from './slack/web/reminder-sender.js';
import { workspacesWithPersonas } from './db/queries/reminders.js';
import { startSlackApp } from './slack/app.js';
import { DbInstallationStore } from './slack/oauth/installation-store.js';
import { TokenBox } from './slack/oauth/token-box.js';
import type { SlackApp } from './slack/app.js';
import type { AppDeps } from './slack/deps.js';
import { dbInsightsService } from './insights/service.js';

export interface RuntimeOptions {
  env: AppEnv;
  log: Logger;
  clock?: Clock;
  /** An open database to use instead of DATABASE_URL (tests share one). */
  handle?: DatabaseHandle;
  /** A known bot identity spares the auth.test call (tests, local mode). */
  identity?: { botUserId: string; botId: string };
  /** Web API retries; tests use 0 so that a failure shows at once. */
  retries?: number;
  /** OAuth: Slack's authorize page (tests point it at the fake Slack). */
  authorizationUrl?: string;
  /** Names this process in its log (two replicas in one test); default host:pid. */
  replica?: string;
}

export interface Runtime {
  handle: DatabaseHandle;
  deps: AppDeps;
  indexes: WorkspaceIndexes;
  slack: SlackApp | null;
  /**
   * Queues this week's reminders now for every covered workspace (as the weekly job does) and
   * waits until each queued delivery was tried once, by whichever replica took it.
   */
  runReminders(): Promise<WeekSummary[]>;
  stop(): Promise<void>;
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { env, log } = opts;
  const clock = opts.clock ?? systemClock;
  const credentials: SlackCredentials | null = slackCredentials(env);
  const ownsHandle = !opts.handle;
  const handle = opts.handle ?? (await openDatabase(env.DATABASE_URL));
  try {
    await handle.migrate();
    // The job queue's own tables (graphile_worker schema), before any request can add a job.
    await migrateJobQueue(handle, log);
    // On a shared embedded store, say whether this process serves it or uses another's.
    const owner = handle.embedded?.owner();
    log.info(
      { driver: handle.driver, store: handle.location, ...(handle.embedded ? { owner: owner ? `pid ${owner.pid} (${owner.command})` : 'this process' } : {}) },
      'store ready',
    );
    await seedExamplesIfEmpty(handle, env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID, clock, log);

    // What people wait for runs on the fail-fast view: an answer within Slack's 3 s whatever the
    // database does (db/fail-fast.ts). Work nobody waits on (reminders, persona vectors) keeps `handle.db`.
    const serving = handle.failFast({ deadlineMs: env.DB_DEADLINE_MS, log });
    const db = serving.db;
    const indexes = new WorkspaceIndexes(db, log);
    const unlisten = await indexes.listen(handle);
    const lookup = new LookupService(indexes);
    // The sentence model loads in the background (a second or so); a review that arrives
    // first waits for it. If it cannot load, reviews work by word overlap and say so.
    // The model runs in worker threads (review-engine/worker-embedder.ts) so that a burst of
    // reviews never delays an acknowledgement on this thread.
    const model = loadEmbedder({
      disabled: !env.REVIEW_MODEL,
      create: () =>
        createWorkerEmbedder({
          onFailure: (err, gaveUp) =>
            gaveUp
              ? log.error({ err }, 'the sentence model threads keep failing: they are shut, reviews go by word overlap only')
              : log.warn({ err }, 'the sentence model thread failed a call: that review went by word overlap; a new thread takes the next'),
        }),
    });
    const engine: Promise<ReviewEngine> = model.then((loaded) => {
      if (loaded.embedder) log.info({ ms: Math.round(loaded.loadMs), model: loaded.embedder.model }, 'sentence model loaded');
      else log.warn({ reason: loaded.reason }, 'reviewing by word overlap only');
      return createReviewEngine({
        embedder: loaded.embedder,
        embedderReason: loaded.reason,
        store: dbVectorStore(handle.db),
        clock,
        staleAfterDays: env.STALE_AFTER_DAYS,
      });
    });
    const deps: AppDeps = {
      lookup,
      reviews: new CopyReviewService({ db: db, engine: () => engine, lookup, clock, log, storeText: env.REVIEW_STORE_TEXT }),
      channelSettings: new ChannelSettingsService(db, clock, env.ADMIN_USER_IDS),
      events: dbEventLog(db, clock),
      actions: dbActionLog(db, clock),
      insights: dbInsightsService(db),
      work: dbWorkQueue(db, clock),
      editing: new PersonaEditing(db, indexes, clock, env.ADMIN_USER_IDS),
      clock,
      log,
      settings: { staleAfterDays: env.STALE_AFTER_DAYS, adminUserIds: env.ADMIN_USER_IDS },
    };

    // Persona-side vectors of the main workspace are computed (or loaded) before the first review
    // needs them. A stop may close the store under it: that is a stop, said once, without the query.
    let stopping = false;
    void engine
      .then(async (e) => e.prepare(env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID, await lookup.all(env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID)))
      .catch((err: unknown) => {
        if (stopping || isStoreClosed(err)) log.info('preparing personas for review: stopped by the shutdown');
        else log.warn({ err }, 'preparing personas for review failed');
      });

    // Remote assistants reach the personas and the reviewer at POST /mcp, only with MCP_TOKEN.
    const teamId = env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID;
    const mounts = env.MCP_TOKEN
      ? {
          [MCP_PATH]: mcpHttpHandler({
            token: env.MCP_TOKEN,
            context: {
              db,
              teamId,
              indexes,
              engine: () => engine,
              clock,
              log,
              staleAfterDays: env.STALE_AFTER_DAYS,
              storeText: env.REVIEW_STORE_TEXT,
            },
          }),
        }
      : undefined;
    if (env.MCP_TOKEN && !credentials) log.warn('MCP_TOKEN is set but the Slack app is not running (no credentials): the MCP endpoint is off; use npm run mcp');

    let slack: SlackApp | null = null;
    if (credentials) {
      slack = await startSlackApp({
        credentials,
        deps,
        apiUrl: env.SLACK_API_URL,
        port: env.PORT,
        host: env.HOST,
        healthy: () => ping(db),
        ...(mounts ? { mounts } : {}),
        ...(credentials.mode === 'oauth'
          ? {
              oauth: {
                store: new DbInstallationStore(db, new TokenBox(credentials.tokenKeys), clock),
                ...(opts.authorizationUrl ? { authorizationUrl: opts.authorizationUrl } : {}),
              },
            }
          : {}),
        ...(opts.identity ?? {}),
        ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
      });
      log.info(
        { mode: credentials.mode, port: slack.port },
        `Slack app listening (${
          credentials.mode === 'http'
            ? `POST /slack/events on port ${slack.port}`
            : credentials.mode === 'oauth'
              ? `POST /slack/events on port ${slack.port}, installs at /slack/install`
              : 'Socket Mode'
        })`,
      );
    }

    const reminderSettings: ReminderSettings = {
      staleAfterDays: env.STALE_AFTER_DAYS,
      timeZone: env.REMINDER_TZ,
      digestChannel: env.REMINDER_CHANNEL,
    };
    const reminderSchedule = { cron: env.REMINDER_CRON, timeZone: env.REMINDER_TZ };
    const replica = opts.replica ?? `${hostname()}:${process.pid}`;
    // The workspaces reminded: each OAuth install, else the one of SLACK_TEAM_ID, else every one with personas.
    const reminderTeams = async (): Promise<string[]> =>
      (await slack?.installedTeams()) ?? (env.SLACK_TEAM_ID ? [env.SLACK_TEAM_ID] : await workspacesWithPersonas(handle.db));

    // Jobs run where Slack can be reached; recorded work waits in the database meanwhile.
    let jobs: JobQueue | null = null;
    let unlistenVectors = async (): Promise<void> => {};
    if (slack) {
      jobs = await startJobQueue({
        handle,
        tasks: {
          ...slackTasks(deps, (teamId) => (slack as SlackApp).clientFor(teamId), env.SLACK_CHANNEL_PACE_MS),
          [PERSONA_VECTORS_TASK]: personaVectorsTask({ reviews: deps.reviews, log }),
          [REMINDERS_WEEK_TASK]: weekTask({ db: handle.db, clock, log, settings: reminderSettings, schedule: reminderSchedule, teams: reminderTeams }),
          [REMINDER_DELIVERY_TASK]: deliveryTask({
            db: handle.db,
            clock,
            log,
            settings: reminderSettings,
            // Each workspace's reminders go out with its own bot token.
            senderFor: async (teamId) => {
              const client = await (slack as SlackApp).clientFor(teamId);
              return client ? new SlackReminderSender(client) : null;
            },
            paceMs: env.SLACK_CHANNEL_PACE_MS,
          }),
        },
        log,
        staleLockMs: env.JOB_LOCK_TIMEOUT_MS,
      });
      // Personas changed anywhere (Slack, the CLI, another replica): their vectors are computed
      // now, by a queued job, rather than by the next review (copy-review/persona-vectors.ts).
      if (env.REVIEW_MODEL)
        unlistenVectors = await handle.listen('persona_changed', (teamId) => {
          if (!teamId) return;
          enqueueJob(handle.db, { teamId, job: personaVectorsJob(teamId, clock.now()) }).catch((err: unknown) =>
            log.warn({ err, team: teamId }, 'persona vectors: could not queue the job; the next review computes them'),
          );
        });
    }

    // Reminders are jobs too (reminders/jobs.ts): the weekly planning job is queued once for all
    // replicas; this process only makes sure the next one is queued.
    if (jobs && env.REMINDERS) {
      const due = await ensureWeekJob(handle.db, clock, reminderSchedule);
      log.info({ cron: env.REMINDER_CRON, tz: env.REMINDER_TZ, next: due.toISOString(), replica }, 'reminders scheduled');
    }
    const runReminders = async (): Promise<WeekSummary[]> => {
      if (!slack) return [];
      const plans = [];
      for (const teamId of await reminderTeams()) plans.push(await queueWeek({ db: handle.db, clock }, teamId, reminderSettings));
      return Promise.all(plans.map((plan) => settleWeek(handle.db, plan)));
    };

    return {
      handle,
      deps,
      indexes,
      slack,
      runReminders,
      async stop() {
        // Order matters: no new work (Slack, which waits for requests in flight), then the
        // change feed and the jobs, then the database those requests were using.
        stopping = true;
        // The whole stop fits main.ts's 10 s: listeners only record jobs, so their drain is
        // short; jobs under way get 4 s to finish, the ones waiting stay in the database.
        await slack?.stop(4000);
        await unlistenVectors();
        await jobs?.stop(4000);
        // The model may still be loading; let it finish before the database it writes to closes.
        await engine.catch(() => {});
        await model.then((loaded) => loaded.embedder?.close?.());
        await unlisten();
        if (ownsHandle) await handle.close();
      },
    };
  } catch (err) {
    if (ownsHandle) await handle.close().catch(() => {});
    throw err;
  }
}
