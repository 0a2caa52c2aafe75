// Attribute maps are `json`, not `jsonb`, so the order people wrote their keys in survives.
// Every table carries `team_id` (the Slack workspace) and every query filters on it:
// one database serves many workspaces and none may see another's personas.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Attributes } from '../domain/persona.js';
import { EVIDENCE_SOURCES, GAIN_KINDS, JOB_KINDS, PAIN_KINDS } from '../domain/persona.js';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const personas = pgTable(
  'personas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    /** identityKey(name): makes names unique per workspace regardless of case and spacing. */
    nameKey: text('name_key').notNull(),
    summary: text('summary').notNull().default(''),
    product: text('product'),
    owner: text('owner'),
    demographics: json('demographics').$type<Attributes>().notNull().default({}),
    psychographics: json('psychographics').$type<Attributes>().notNull().default({}),
    sociographics: json('sociographics').$type<Attributes>().notNull().default({}),
    channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
    quote: text('quote'),
    successMetric: text('success_metric'),
    constraints: text('constraints').array().notNull().default(sql`'{}'::text[]`),
    reviewedAt: date('reviewed_at', { mode: 'string' }).notNull(),
    archived: boolean('archived').notNull().default(false),
    /** Slack user id (or `cli`) of the last change, for "updated by … on …". */
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('personas_team_name_key').on(t.teamId, t.nameKey), index('personas_team_owner').on(t.teamId, t.owner)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    kind: text('kind').$type<(typeof JOB_KINDS)[number]>().notNull(),
    statement: text('statement').notNull(),
    /** identityKey(statement): a job is shared by every persona that states it the same way. */
    statementKey: text('statement_key').notNull(),
    situation: text('situation'),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jobs_team_statement_key').on(t.teamId, t.statementKey), check('jobs_kind_check', sql`${t.kind} in (${inList(JOB_KINDS)})`)],
);

export const personaJobs = pgTable(
  'persona_jobs',
  {
    teamId: text('team_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    importance: smallint('importance').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personaId, t.jobId] }),
    index('persona_jobs_job').on(t.jobId),
    check('persona_jobs_importance_check', sql`${t.importance} between 1 and 5`),
  ],
);

export const pains = pgTable(
  'pains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<(typeof PAIN_KINDS)[number]>().notNull(),
    text: text('text').notNull(),
    severity: smallint('severity').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    index('pains_persona').on(t.personaId),
    check('pains_kind_check', sql`${t.kind} in (${inList(PAIN_KINDS)})`),
    check('pains_severity_check', sql`${t.severity} between 1 and 5`),
  ],
);

export const gains = pgTable(
  'gains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<(typeof GAIN_KINDS)[number]>().notNull(),
    text: text('text').notNull(),
    relevance: smallint('relevance').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    index('gains_persona').on(t.personaId),
    check('gains_kind_check', sql`${t.kind} in (${inList(GAIN_KINDS)})`),
    check('gains_relevance_check', sql`${t.relevance} between 1 and 5`),
  ],
);

export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    source: text('source').$type<(typeof EVIDENCE_SOURCES)[number]>().notNull(),
    ref: text('ref').notNull(),
    date: date('date', { mode: 'string' }),
    position: integer('position').notNull(),
  },
  (t) => [index('evidence_persona').on(t.personaId), check('evidence_source_check', sql`${t.source} in (${inList(EVIDENCE_SOURCES)})`)],
);

/**
 * Sentence embeddings of persona-side texts (job statements, pains, gains), computed once
 * when personas change and reused by every review. Keyed by a hash of the text and the model,
 * so an edit or a model upgrade simply misses and recomputes.
 */
export const textEmbeddings = pgTable(
  'text_embeddings',
  {
    teamId: text('team_id').notNull(),
    model: text('model').notNull(),
    textHash: text('text_hash').notNull(),
    vector: real('vector').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.model, t.textHash] })],
);

/** Every change to a persona: who, when, what. */
export const personaChanges = pgTable(
  'persona_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    actor: text('actor').notNull(),
    action: text('action').$type<'create' | 'update' | 'confirm' | 'archive' | 'unarchive' | 'import'>().notNull(),
    /** What changed, for people: [{ field, from, to }] with long values shortened. */
    changes: json('changes').$type<Array<{ field: string; from?: string; to?: string }>>().notNull().default([]),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('persona_changes_persona').on(t.teamId, t.personaId, t.at)],
);

/**
 * A week's reminder run per workspace, and one row per recipient of that week: the record of
 * what was sent. The job queue runs one delivery job per row (reminders/jobs.ts); the row's
 * status makes a job that runs again send nothing more. `claimed_by`/`claimed_at`: the attempt
 * that last started posting ("sending" until Slack's answer is recorded).
 */
export const reminderRuns = pgTable(
  'reminder_runs',
  {
    teamId: text('team_id').notNull(),
    week: text('week').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.week] })],
);

export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    teamId: text('team_id').notNull(),
    week: text('week').notNull(),
    /** An owner's Slack user id, or `channel:<id>` for the digest of personas nobody owns. */
    recipient: text('recipient').notNull(),
    personaIds: uuid('persona_ids').array().notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    channel: text('channel'),
    messageTs: text('message_ts'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.week, t.recipient] }), index('reminder_deliveries_status').on(t.teamId, t.week, t.status)],
);

/**
 * Reviews posted in Slack threads: one row per reviewed message, persona asked for and ad
 * channel, so asking again updates the same thread post. The draft itself is kept only when
 * REVIEW_STORE_TEXT is on; otherwise its hash.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    /** Slack channel of the draft ('' for reviews of pasted text). */
    channelId: text('channel_id').notNull(),
    /** The draft message's ts ('' for pasted text). */
    messageTs: text('message_ts').notNull(),
    /** The persona asked for ('' when the review picked the best fit). */
    personaKey: text('persona_key').notNull(),
    /** The ad channel asked for or found in the draft ('' when the review picked the best). */
    adChannelKey: text('ad_channel_key').notNull(),
    requestedBy: text('requested_by').notNull(),
    source: text('source').$type<'shortcut' | 'mention' | 'command' | 'modal' | 'auto'>().notNull(),
    /** The bot's thread post, once posted. */
    replyTs: text('reply_ts'),
    textHash: text('text_hash').notNull(),
    draftText: text('draft_text'),
    /** The persona the review is about (asked for, or the best fit), and its scores. */
    personaName: text('persona_name'),
    fit: integer('fit'),
    match: text('match'),
    adChannel: text('ad_channel').notNull(),
    verdict: text('verdict').notNull(),
    jobsAddressed: integer('jobs_addressed').notNull(),
    findings: json('findings').$type<Array<{ severity: string; rule: string; message: string }>>().notNull().default([]),
    /** The last correction made on the post, in words with who made it ("<@U1> marked it for …"); it is also kept as an example. */
    correction: text('correction'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reviews_target').on(t.teamId, t.channelId, t.messageTs, t.personaKey, t.adChannelKey),
    index('reviews_recent').on(t.teamId, t.createdAt),
  ],
);

/** Slack event ids already handled: deliveries are at least once. */
export const processedEvents = pgTable(
  'processed_events',
  {
    teamId: text('team_id').notNull(),
    eventId: text('event_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.eventId] })],
);

/**
 * Slack button clicks already acted on. Slack may deliver the same block_actions payload more
 * than once (a retry, a replay within the signature window); a side-effecting action (posting
 * a card, confirming a persona) is done once per key. Rows older than a day are deleted as new
 * ones come in: a replay is refused after five minutes anyway.
 */
export const handledActions = pgTable(
  'handled_actions',
  {
    teamId: text('team_id').notNull(),
    /** A hash of what identifies the action (see src/slack/listeners/actions/once.ts). */
    actionKey: text('action_key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.actionKey] }), index('handled_actions_team_at').on(t.teamId, t.at)],
);

/** A workspace's own review rules (house rules): the file as imported and its parsed rules. One set per workspace. */
export const houseRules = pgTable('house_rules', {
  teamId: text('team_id').primaryKey(),
  fileName: text('file_name').notNull(),
  body: text('body').notNull(),
  /** The parsed file (src/review-engine/house-rules/format.ts), validated again when read. */
  rules: json('rules').notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
});

/** Per Slack channel settings: the default ad channel for reviews, auto-review. */
export const channelSettings = pgTable(
  'channel_settings',
  {
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    adChannel: text('ad_channel'),
    autoreview: boolean('autoreview').notNull().default(false),
    autoreviewBy: text('autoreview_by'),
    defaultPersona: text('default_persona'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.channelId] })],
);

/**
 * Campaign results: one row per ad (its text), channel and day, as exported by the ad
 * platforms. Importing the same ad, day and channel again replaces the row. The attribution
 * (which persona and jobs the ad speaks to, as the review engine read it at import time) is
 * kept with the row, so insights need no engine and `results reattribute` can redo it.
 */
export const campaignResults = pgTable(
  'campaign_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    /** A hash of the ad text with spacing and case normalised: the ad's identity. */
    adKey: text('ad_key').notNull(),
    text: text('text').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    channel: text('channel').notNull(),
    impressions: integer('impressions').notNull(),
    clicks: integer('clicks').notNull(),
    conversions: integer('conversions').notNull(),
    /** In the account's currency; null when the file has no spend. */
    spend: doublePrecision('spend'),
    campaign: text('campaign'),
    /** The persona the file says the ad was aimed at (its `persona` column), as written. */
    personaGiven: text('persona_given'),
    /** The persona the results count for: the given one, else the engine's best fit, else null. */
    persona: text('persona'),
    attribution: jsonb('attribution').$type<ResultAttribution>().notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('campaign_results_ad_day').on(t.teamId, t.adKey, t.day, t.channel),
    index('campaign_results_team_persona').on(t.teamId, t.persona),
    check('campaign_results_counts_check', sql`${t.impressions} >= 0 and ${t.clicks} >= 0 and ${t.conversions} >= 0`),
  ],
);

/** What the review engine read in an ad: stored as JSON with the result row. */
export interface ResultAttribution {
  /** `column`: the file named the persona; `engine`: the best fit; `none`: no persona fits. */
  source: 'column' | 'engine' | 'none';
  /** The persona the ad reads as (the engine's best fit), whatever the file says. */
  bestFit: string | null;
  fit: number | null;
  /** The jobs of `persona` the ad addresses, clearest first. */
  jobs: Array<{ statement: string; kind: string; score: number }>;
  mode: 'semantic' | 'lexical';
  rulesVersion: string;
}

export type PersonaRow = typeof personas.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type PersonaJobRow = typeof personaJobs.$inferSelect;
export type PainRow = typeof pains.$inferSelect;
export type GainRow = typeof gains.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;

/**
 * OAuth installs: one row per workspace (or per Enterprise Grid org for an org-wide install,
 * with `team_id` empty). The bot token is stored encrypted (`bot_token_enc`, AES-256-GCM under
 * the key `key_id` names); the database never holds it in the clear.
 */
export const slackInstallations = pgTable(
  'slack_installations',
  {
    /** `T…` for a workspace install, `E…` for an org-wide install. */
    installKey: text('install_key').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    appId: text('app_id'),
    botId: text('bot_id').notNull(),
    botUserId: text('bot_user_id').notNull(),
    botScopes: text('bot_scopes').array().notNull().default(sql`'{}'::text[]`),
    botTokenEnc: text('bot_token_enc').notNull(),
    keyId: text('key_id').notNull(),
    installerUserId: text('installer_user_id'),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('slack_installations_enterprise').on(t.enterpriseId)],
);

/**
 * Labelled examples a workspace teaches the reviewer: an ad with the persona it was written for
 * (null: generic, for no persona), the jobs it addresses when known, where it came from and who
 * gave it. The text is kept only when REVIEW_STORE_TEXT is on; learning needs only its vector
 * (computed once, by `model`) and its hashed word keys with their weights.
 */
export const reviewExamples = pgTable(
  'review_examples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    /** Normalised text hash: one example per text and workspace, so learning a file twice changes nothing. */
    textHash: text('text_hash').notNull(),
    personaId: uuid('persona_id').references(() => personas.id, { onDelete: 'cascade' }),
    jobs: text('jobs').array().notNull().default(sql`'{}'::text[]`),
    jobsKnown: boolean('jobs_known').notNull().default(false),
    adChannel: text('ad_channel'),
    /** The id the example had in its file, when it came from one. */
    externalId: text('external_id'),
    source: text('source').$type<'file' | 'persona-file' | 'slack' | 'assistant'>().notNull(),
    /** The file's name, or the Slack review's post. */
    sourceRef: text('source_ref'),
    draftText: text('draft_text'),
    model: text('model'),
    vector: real('vector').array(),
    terms: json('terms').$type<Array<[string, number]>>().notNull().default([]),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('review_examples_team_text').on(t.teamId, t.textHash), index('review_examples_team_persona').on(t.teamId, t.personaId)],
);

export type CampaignResultRow = typeof campaignResults.$inferSelect;
