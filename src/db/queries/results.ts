// Campaign results: imported rows, their attribution, and the weekly sums insights read.
// The database first, then one parameter object with the workspace; every statement filters on it.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { campaignResults } from '../schema.js';
import type { ResultAttribution } from '../schema.js';

export interface ResultToSave {
  adKey: string;
  text: string;
  day: string;
  channel: string;
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number | null;
  campaign: string | null;
  personaGiven: string | null;
  persona: string | null;
  attribution: ResultAttribution;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters (13 per row). */
const BATCH = 1_000;

/**
 * Inserts the rows, replacing those of the same ad, day and channel. Run it in a transaction
 * for all or nothing. Returns how many rows were new and how many replaced stored ones.
 */
export async function saveResults(
  db: Db,
  { teamId, rows, now, onProgress }: { teamId: string; rows: ResultToSave[]; now: Date; onProgress?: (done: number, total: number) => void },
): Promise<{ inserted: number; replaced: number }> {
  let inserted = 0;
  let replaced = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({ ...r, teamId, importedAt: now }));
    const result = await db
      .insert(campaignResults)
      .values(batch)
      .onConflictDoUpdate({
        target: [campaignResults.teamId, campaignResults.adKey, campaignResults.day, campaignResults.channel],
        set: {
          text: sql`excluded.text`,
          impressions: sql`excluded.impressions`,
          clicks: sql`excluded.clicks`,
          conversions: sql`excluded.conversions`,
          spend: sql`excluded.spend`,
          campaign: sql`excluded.campaign`,
          personaGiven: sql`excluded.persona_given`,
          persona: sql`excluded.persona`,
          attribution: sql`excluded.attribution`,
          importedAt: sql`excluded.imported_at`,
        },
      })
      // xmax is 0 for a row this statement inserted, the updating transaction's id otherwise.
      .returning({ fresh: sql<boolean>`(xmax = 0)` });
    for (const r of result) {
      if (r.fresh) inserted++;
      else replaced++;
    }
    onProgress?.(Math.min(i + BATCH, rows.length), rows.length);
  }
  return { inserted, replaced };
}

export interface StoredAd {
  adKey: string;
  text: string;
  channel: string;
  personaGiven: string | null;
  rows: number;
}

/** Every distinct ad (text, channel, named persona) of the workspace, for re-attribution. */
export async function listResultAds(db: Db, { teamId }: { teamId: string }): Promise<StoredAd[]> {
  return db
    .select({
      adKey: campaignResults.adKey,
      text: sql<string>`min(${campaignResults.text})`,
      channel: campaignResults.channel,
      personaGiven: campaignResults.personaGiven,
      rows: sql<number>`count(*)::int`,
    })
    .from(campaignResults)
    .where(eq(campaignResults.teamId, teamId))
    .groupBy(campaignResults.adKey, campaignResults.channel, campaignResults.personaGiven);
}

/** Stores a new attribution on every row of one ad; returns the rows whose attribution changed. */
export async function setAdAttribution(
  db: Db,
  {
    teamId,
    adKey,
    channel,
    personaGiven,
    persona,
    attribution,
  }: { teamId: string; adKey: string; channel: string; personaGiven: string | null; persona: string | null; attribution: ResultAttribution },
): Promise<number> {
  const changed = await db
    .update(campaignResults)
    .set({ persona, attribution })
    .where(
      and(
        eq(campaignResults.teamId, teamId),
        eq(campaignResults.adKey, adKey),
        eq(campaignResults.channel, channel),
        personaGiven === null ? sql`${campaignResults.personaGiven} is null` : eq(campaignResults.personaGiven, personaGiven),
        sql`(${campaignResults.persona} is distinct from ${persona} or ${campaignResults.attribution} <> ${JSON.stringify(attribution)}::jsonb)`,
      ),
    )
    .returning({ id: campaignResults.id });
  return changed.length;
}

/** The sums of one ad on one channel in one week (weeks start on Monday). */
export interface WeeklyAdResult {
  persona: string | null;
  adKey: string;
  channel: string;
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  attribution: ResultAttribution;
  rows: number;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Sum of the spend of the rows that have one. */
  spend: number;
  /** Rows with a spend: cost per conversion is only given when every row has one. */
  spendRows: number;
}

/**
 * Weekly sums per ad and channel: what insights are computed from. Far fewer rows than the
 * daily results, and no engine needed (the attribution is stored).
 */
export async function weeklyAdResults(db: Db, { teamId, persona }: { teamId: string; persona?: string }): Promise<WeeklyAdResult[]> {
  const week = sql<string>`to_char(date_trunc('week', ${campaignResults.day}::timestamp), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      persona: campaignResults.persona,
      adKey: campaignResults.adKey,
      channel: campaignResults.channel,
      week,
      attribution: campaignResults.attribution,
      rows: sql<number>`count(*)::int`,
      impressions: sql<number>`sum(${campaignResults.impressions})::float8`,
      clicks: sql<number>`sum(${campaignResults.clicks})::float8`,
      conversions: sql<number>`sum(${campaignResults.conversions})::float8`,
      spend: sql<number>`coalesce(sum(${campaignResults.spend}), 0)::float8`,
      spendRows: sql<number>`count(${campaignResults.spend})::int`,
    })
    .from(campaignResults)
    .where(and(eq(campaignResults.teamId, teamId), persona === undefined ? undefined : sql`lower(${campaignResults.persona}) = lower(${persona})`))
    .groupBy(campaignResults.persona, campaignResults.adKey, campaignResults.channel, week, campaignResults.attribution)
    .orderBy(week);
  return rows.map((r) => ({
    ...r,
    rows: Number(r.rows),
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    conversions: Number(r.conversions),
    spend: Number(r.spend),
    spendRows: Number(r.spendRows),
  }));
}

export async function countResults(db: Db, { teamId }: { teamId: string }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignResults).where(eq(campaignResults.teamId, teamId));
  return Number(row?.n ?? 0);
}

/** One persona's results on one channel for ads that address the same set of jobs. */
export interface PersonaJobChannelSums {
  channel: string;
  /** The persona's jobs the ads address, as attributed (empty: none of them). */
  jobs: Array<{ statement: string; kind: string }>;
  ads: number;
  impressions: number;
  clicks: number;
  /** Conversions, at most the clicks of each row. */
  conversions: number;
}

/**
 * Sums of one persona's results per channel and attributed job set: what a review post cites.
 * Grouped in the database, so a review reads a few dozen rows however many days were imported.
 */
export async function personaJobChannelSums(db: Db, { teamId, persona }: { teamId: string; persona: string }): Promise<PersonaJobChannelSums[]> {
  const jobs = sql<Array<{ statement: string; kind: string }> | null>`${campaignResults.attribution}->'jobs'`;
  const rows = await db
    .select({
      channel: campaignResults.channel,
      jobs,
      ads: sql<number>`count(distinct ${campaignResults.adKey})::int`,
      impressions: sql<number>`sum(${campaignResults.impressions})::float8`,
      clicks: sql<number>`sum(${campaignResults.clicks})::float8`,
      conversions: sql<number>`sum(least(${campaignResults.conversions}, ${campaignResults.clicks}))::float8`,
    })
    .from(campaignResults)
    .where(and(eq(campaignResults.teamId, teamId), eq(campaignResults.persona, persona)))
    .groupBy(campaignResults.channel, jobs);
  return rows.map((r) => ({
    channel: r.channel,
    jobs: (r.jobs ?? []).map((j) => ({ statement: j.statement, kind: j.kind })),
    ads: Number(r.ads),
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    conversions: Number(r.conversions),
  }));
}
