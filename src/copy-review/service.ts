// Reviews of drafts in Slack: what to review (the message, its channel hint or the Slack
// channel's default), against whom, and the one thread post per message, persona and channel
// that asking again updates. Stores who asked, where, the scores and findings.
import { loadHouseRules } from './house-rules.js';
import { listRulesInForce } from '../review-engine/rules-in-force.js';
import type { RulesInForce } from '../review-engine/rules-in-force.js';
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import { detectChannel } from '../review-engine/channel-hint.js';
import type { PrepareStats, ReviewEngine } from '../review-engine/engine.js';
import type { ReviewResult } from '../review-engine/result.js';
import { checkDraft } from './draft-checks.js';
import { ExampleCache, forgetExamples, learnAd, listTeamExamples } from './examples.js';
import type { LabelledAd } from './examples.js';
import { getExample, getExampleByText } from '../db/queries/examples.js';
import type { ExampleRow } from '../db/queries/examples.js';
import { textHash } from '../review-engine/vector-store.js';
import type { MessageLike } from './draft-checks.js';
import { claimReview, deleteReview, findReview, getChannelSettings, getReview, latestReviews, takeOverClaim, updateReview } from '../db/queries/index.js';
import type { ReviewFields, ReviewKey, ReviewRow } from '../db/queries/reviews.js';
import type { LookupService } from '../personas/lookup.js';
import { ReviewEvidenceReader } from '../insights/service.js';
import type { ReviewEvidence } from '../insights/review-evidence.js';

/** A review as it is shown: the result, the personas it was made against, and who asked. */
export interface ReviewPost {
  result: ReviewResult;
  personas: Persona[];
  reviewId?: string;
  requestedBy?: string;
  /** Auto-review: a single short line when nothing fits and nothing is broken. */
  quiet?: boolean;
  /** A persona was asked for: the headline says how well the draft fits it, and who fits better. */
  requested?: boolean;
  /** Said after a correction: "Thanks — noted: this is for …". */
  noted?: string;
  /** What the workspace's campaign results say about the draft's persona and jobs; absent or null when nothing. */
  evidence?: ReviewEvidence | null;
}

/** How the service reaches a thread; the Slack layer renders the post and sends it with the Web API. */
export interface ThreadPoster {
  post(channel: string, threadTs: string, review: ReviewPost): Promise<string>;
  update(channel: string, ts: string, review: ReviewPost): Promise<void>;
  /** The bot's post of review `reviewId` in the thread, when its ts was lost; null when there is none. */
  find?(channel: string, threadTs: string, reviewId: string): Promise<string | null>;
}

/**
 * A claim whose post has not been saved this long after it was taken belongs to a request that
 * died (a crash, SIGTERM, the database failing between the post and saving its ts): the next
 * ask takes it over, finds the post or posts it.
 */
export const CLAIM_EXPIRY_MS = 10_000;

export type ThreadOutcome =
  | { kind: 'posted' | 'updated'; ts: string; reviewId: string; result: ReviewResult }
  | { kind: 'in_progress' }
  | { kind: 'problem'; message: string };

/** A correction made on a review post. */
export type Correction = { kind: 'right' } | { kind: 'persona'; personaId: string | null } | { kind: 'job'; add: boolean; index: number };

export interface ThreadRequest {
  teamId: string;
  channelId: string;
  /** The draft message. */
  messageTs: string;
  /** The thread to answer in: the draft's own thread, or the thread it is a reply in. */
  threadTs: string;
  message: MessageLike | null;
  requestedBy: string;
  persona?: string;
  adChannel?: ChannelId;
  source: ReviewFields['source'];
  /** Auto-review: a single short line when nothing fits and nothing is broken. */
  quiet?: boolean;
}

export interface CopyReviewDeps {
  db: Db;
  engine: () => Promise<ReviewEngine>;
  lookup: LookupService;
  clock: Clock;
  log: Logger;
  storeText: boolean;
  /** The workspace's labelled examples, re-read when they change (made from `db` when not given). */
  examples?: ExampleCache;
}

type Prepared =
  | { ok: true; text: string; personas: Persona[]; persona?: Persona; adChannel?: ChannelId; result: ReviewResult; evidence: ReviewEvidence | null }
  | { ok: false; message: string };

/** The review slot of a message: the persona and ad channel asked for, or '' when the review chose. */
function reviewKey(channelId: string, messageTs: string, prepared: { persona?: Persona; adChannel?: ChannelId }): ReviewKey {
  return {
    channelId,
    messageTs,
    personaKey: prepared.persona ? identityKey(prepared.persona.name) : '',
    adChannelKey: prepared.adChannel ?? '',
  };
}

export class CopyReviewService {
  readonly examples: ExampleCache;
  /** What campaign results say about a reviewed draft; the sums are kept a while (EVIDENCE_TTL_MS). */
  readonly results: ReviewEvidenceReader;
  constructor(private readonly deps: CopyReviewDeps) {
    this.examples = deps.examples ?? new ExampleCache(deps.db);
    this.results = new ReviewEvidenceReader(deps.db, deps.clock);
  }

  /** Reviews `text` for `teamId`: finds the ad channel, checks the persona asked for, runs the engine. */
  async evaluate(teamId: string, text: string, opts: { persona?: string; adChannel?: ChannelId; slackChannel?: string }): Promise<Prepared> {
    const hint = detectChannel(text);
    const draft = hint.channel ? hint.text : text;
    const settings = opts.slackChannel ? await getChannelSettings(this.deps.db, { teamId, channelId: opts.slackChannel }) : null;
    const adChannel = opts.adChannel ?? hint.channel ?? (settings?.adChannel as ChannelId | null | undefined) ?? undefined;
    const personas = await this.deps.lookup.all(teamId);
    if (personas.length === 0) {
      return {
        ok: false,
        message:
          'This workspace has no personas yet, so there is nothing to review against. Add one with the *Create persona* shortcut or import a persona file.',
      };
    }
    let persona: Persona | undefined;
    const wanted = opts.persona ?? settings?.defaultPersona ?? undefined;
    if (wanted) {
      persona = personas.find((p) => identityKey(p.name) === identityKey(wanted));
      if (!persona) {
        const close = (await this.deps.lookup.searchPersonas(teamId, wanted, 3)).map((p) => p.name);
        return { ok: false, message: `No persona is called “${wanted}”.${close.length ? ` Did you mean ${close.join(', ')}?` : ''}` };
      }
    }
    const engine = await this.deps.engine();
    await engine.prepare(teamId, personas);
    const houseRules = await loadHouseRules(this.deps.db, { teamId });
    const examples = await this.examples.get(teamId);
    const result = await engine.review({ text: draft, personas, teamId, persona: persona?.name, channel: adChannel, houseRules, examples });
    return { ok: true, text: draft, personas, persona, adChannel, result, evidence: await this.evidence(teamId, result) };
  }

  /** What the campaign results say about the persona and jobs the review found; a failure to read them costs only the citation. */
  private async evidence(teamId: string, result: ReviewResult): Promise<ReviewEvidence | null> {
    const about = result.persona ? result.personas.find((p) => p.name === result.persona) : undefined;
    if (!about || about.jobs.length === 0) return null;
    const draft = { persona: about.name, jobs: about.jobs, channels: result.channels };
    return this.results.evidence(teamId, draft).catch((err: unknown) => {
      this.deps.log.warn({ err, team: teamId }, 'reading campaign results for a review failed');
      return null;
    });
  }

  /**
   * Computes (or loads) the persona side of `teamId`'s reviews now, so that the next review does
   * not wait for it; null when the workspace has no personas.
   */
  async preparePersonas(teamId: string, onProgress?: (done: number, total: number) => void): Promise<PrepareStats | null> {
    const personas = await this.deps.lookup.all(teamId);
    if (personas.length === 0) return null;
    const engine = await this.deps.engine();
    return engine.prepare(teamId, personas, onProgress ? { onProgress } : undefined);
  }

  /** The rules a review applies for `teamId` (platform rules, then its house rules), for people to read. */
  async rulesInForce(teamId: string, channel: ChannelId | null): Promise<RulesInForce> {
    return listRulesInForce(channel, await loadHouseRules(this.deps.db, { teamId }));
  }

  /** Reviews a message into its thread: one post per message, persona and channel; asking again updates it. */
  async reviewInThread(req: ThreadRequest, poster: ThreadPoster): Promise<ThreadOutcome> {
    const check = checkDraft(req.message);
    if (!check.ok) return { kind: 'problem', message: check.message };
    const prepared = await this.evaluate(req.teamId, check.text, { persona: req.persona, adChannel: req.adChannel, slackChannel: req.channelId });
    if (!prepared.ok) return { kind: 'problem', message: prepared.message };
    const key = reviewKey(req.channelId, req.messageTs, prepared);
    const now = this.deps.clock.now();
    const fields = this.fields(prepared, check.text, req.requestedBy, req.source);
    const { row, created } = await claimReview(this.deps.db, { teamId: req.teamId, key, fields, now });
    const message: ReviewPost = {
      result: prepared.result,
      personas: prepared.personas,
      reviewId: row.id,
      requestedBy: req.requestedBy,
      quiet: req.quiet,
      requested: prepared.persona !== undefined,
      evidence: prepared.evidence,
    };
    if (created) return this.postClaimed(req, row.id, message, prepared.result, poster);
    let replyTs = row.replyTs;
    if (!replyTs && now.getTime() - row.updatedAt.getTime() >= CLAIM_EXPIRY_MS) {
      // Whoever claimed it is gone. Take the claim over (one taker wins), then find its post or make it.
      if (!(await takeOverClaim(this.deps.db, { teamId: req.teamId, id: row.id, claimedAt: row.updatedAt, now }))) return { kind: 'in_progress' };
      const found = poster.find ? await poster.find(req.channelId, req.threadTs, row.id) : null;
      if (!found) return this.postClaimed(req, row.id, message, prepared.result, poster);
      this.deps.log.info({ team: req.teamId, review: row.id }, 'review post found again after its ts was lost');
      replyTs = found;
    }
    replyTs ??= await this.waitForReply(req.teamId, key);
    if (!replyTs) return { kind: 'in_progress' };
    await poster.update(req.channelId, replyTs, message);
    await updateReview(this.deps.db, { teamId: req.teamId, id: row.id, fields: { ...fields, replyTs }, now: this.deps.clock.now() });
    return { kind: 'updated', ts: replyTs, reviewId: row.id, result: prepared.result };
  }

  /** Posts the review of a claim this request holds, and saves the post's ts. */
  private async postClaimed(req: ThreadRequest, reviewId: string, message: ReviewPost, result: ReviewResult, poster: ThreadPoster): Promise<ThreadOutcome> {
    let ts: string;
    try {
      ts = await poster.post(req.channelId, req.threadTs, message);
    } catch (err) {
      // Nothing was posted: free the slot so that asking again can post. If even that fails,
      // the claim expires (CLAIM_EXPIRY_MS).
      await deleteReview(this.deps.db, { teamId: req.teamId, id: reviewId }).catch(() => {});
      throw err;
    }
    // When this fails the post exists but the claim has no ts: the next ask finds the post
    // (ThreadPoster.find) instead of posting twice.
    await updateReview(this.deps.db, { teamId: req.teamId, id: reviewId, fields: { replyTs: ts }, now: this.deps.clock.now() });
    return { kind: 'posted', ts, reviewId, result };
  }

  /** "Review for another persona or channel": the review's own post changes in place. */
  async reviewAgain(
    teamId: string,
    reviewId: string,
    opts: { persona?: string; adChannel?: ChannelId; userId: string; text: string | null },
    poster: ThreadPoster,
  ): Promise<ThreadOutcome> {
    const row = await getReview(this.deps.db, { teamId, id: reviewId });
    if (!row || !row.replyTs) return { kind: 'problem', message: 'That review is gone; run Review copy on the draft again.' };
    if (opts.text === null) return { kind: 'problem', message: 'I can’t find the draft any more; it may have been deleted.' };
    const check = checkDraft({ text: opts.text });
    if (!check.ok) return { kind: 'problem', message: check.message };
    const prepared = await this.evaluate(teamId, check.text, { persona: opts.persona, adChannel: opts.adChannel, slackChannel: row.channelId });
    if (!prepared.ok) return { kind: 'problem', message: prepared.message };
    const key = reviewKey(row.channelId, row.messageTs, prepared);
    // A review for the new choice may exist already (another post in the thread): this post takes its place.
    const other = await findReview(this.deps.db, { teamId, key });
    if (other && other.id !== row.id) await deleteReview(this.deps.db, { teamId, id: other.id });
    await updateReview(this.deps.db, {
      teamId,
      id: row.id,
      fields: { ...key, ...this.fields(prepared, check.text, opts.userId, 'modal') },
      now: this.deps.clock.now(),
    });
    await poster.update(row.channelId, row.replyTs, {
      result: prepared.result,
      personas: prepared.personas,
      reviewId: row.id,
      requestedBy: opts.userId,
      requested: prepared.persona !== undefined,
      evidence: prepared.evidence,
    });
    return { kind: 'updated', ts: row.replyTs, reviewId: row.id, result: prepared.result };
  }

  /**
   * A correction on a review post: kept as an example (who made it, from which post), then the
   * draft is reviewed again (so the post shows what the team taught) and the post changes in
   * place with a thank-you that says what was noted.
   */
  async correct(
    teamId: string,
    reviewId: string,
    correction: Correction,
    opts: { userId: string; text: string | null },
    poster: ThreadPoster,
  ): Promise<ThreadOutcome> {
    const row = await getReview(this.deps.db, { teamId, id: reviewId });
    if (!row || !row.replyTs) return { kind: 'problem', message: 'That review is gone; run Review copy on the draft again.' };
    if (opts.text === null)
      return { kind: 'problem', message: 'I can’t find the draft any more; it may have been deleted, so there is nothing to learn from.' };
    const check = checkDraft({ text: opts.text });
    if (!check.ok) return { kind: 'problem', message: check.message };
    const personas = await this.deps.lookup.all(teamId);
    const current = row.personaName ? personas.find((p) => p.name === row.personaName) : undefined;
    const requested = row.personaKey ? personas.find((p) => identityKey(p.name) === row.personaKey) : undefined;
    let ad: LabelledAd;
    let noted: string;
    if (correction.kind === 'right') {
      if (!current) return { kind: 'problem', message: 'This review names no persona to confirm; pick one under “It is for →”.' };
      ad = { text: check.text, personaId: current.id, jobs: null, channel: null, externalId: null };
      noted = `this is for ${current.name}`;
    } else if (correction.kind === 'persona') {
      const chosen = correction.personaId === null ? null : personas.find((p) => p.id === correction.personaId);
      if (chosen === undefined) return { kind: 'problem', message: 'That persona is gone; pick another one.' };
      ad = { text: check.text, personaId: chosen?.id ?? null, jobs: chosen ? null : [], channel: null, externalId: null };
      noted = chosen ? `this is for ${chosen.name}` : 'this is generic copy, for no persona';
    } else {
      if (!current) return { kind: 'problem', message: 'This review names no persona, so it lists no jobs to correct.' };
      const job = current.jobs[correction.index];
      if (!job) return { kind: 'problem', message: 'That job is no longer one of the persona’s; review the draft again.' };
      // Start from what was taught about this draft before, else from the jobs the review found.
      const before = await getExampleByText(this.deps.db, { teamId, textHash: textHash(check.text) });
      const known =
        before && before.personaId === current.id && before.jobsKnown
          ? before.jobs
          : ((
              (await this.evaluate(teamId, check.text, { persona: current.name, slackChannel: row.channelId })) as Extract<Prepared, { ok: true }>
            ).result.personas
              .find((p) => p.name === current.name)
              ?.jobs.map((j) => j.statement) ?? []);
      const jobs = correction.add ? [...new Set([...known, job.statement])] : known.filter((j) => identityKey(j) !== identityKey(job.statement));
      ad = { text: check.text, personaId: current.id, jobs, channel: null, externalId: null };
      noted = correction.add ? `this also addresses “${job.statement}” for ${current.name}` : `this does not address “${job.statement}”`;
    }
    await learnAd(this.deps.db, await this.deps.engine(), {
      teamId,
      ad,
      source: 'slack',
      sourceRef: `${row.channelId}/${row.messageTs}`,
      actor: opts.userId,
      storeText: this.deps.storeText,
      now: this.deps.clock.now(),
    });
    this.examples.invalidate(teamId);
    const prepared = await this.evaluate(teamId, check.text, {
      persona: requested?.name,
      adChannel: (row.adChannelKey || undefined) as ChannelId | undefined,
      slackChannel: row.channelId,
    });
    if (!prepared.ok) return { kind: 'problem', message: prepared.message };
    await updateReview(this.deps.db, {
      teamId,
      id: row.id,
      fields: { ...this.fields(prepared, check.text, row.requestedBy, row.source), correction: `${opts.userId} ${noted}` },
      now: this.deps.clock.now(),
    });
    await poster.update(row.channelId, row.replyTs, {
      result: prepared.result,
      personas: prepared.personas,
      reviewId: row.id,
      requestedBy: row.requestedBy,
      requested: prepared.persona !== undefined,
      evidence: prepared.evidence,
      noted: `Thanks — noted: ${noted}. Reviews of similar drafts will take it into account.`,
    });
    return { kind: 'updated', ts: row.replyTs, reviewId: row.id, result: prepared.result };
  }

  /** The examples of one persona (null: the generic ones). */
  examplesOf(teamId: string, personaId: string | null): Promise<ExampleRow[]> {
    return listTeamExamples(this.deps.db, { teamId, personaId });
  }

  /** Removes an example when `userId` owns its persona or is an admin; the next reviews no longer learn from it. */
  async removeExample(teamId: string, exampleId: string, userId: string, admins: readonly string[]): Promise<{ ok: true } | { ok: false; message: string }> {
    const row = await getExample(this.deps.db, { teamId, id: exampleId });
    if (!row) return { ok: false, message: 'That example is already gone.' };
    const owner = row.personaId ? (await this.deps.lookup.persona(teamId, row.personaId))?.owner : null;
    if (owner !== userId && !admins.includes(userId))
      return {
        ok: false,
        message: owner ? `Only <@${owner}>, who owns the persona, or an admin can remove its examples.` : 'Only an admin can remove this example.',
      };
    await forgetExamples(this.deps.db, { teamId, ids: [exampleId] });
    this.examples.invalidate(teamId);
    return { ok: true };
  }

  /**
   * A private review (`/persona review <text>`) has no post to update, but belongs in the
   * history: recorded under a key of its own, so each one is a line.
   */
  async recordPrivate(teamId: string, requestedBy: string, slackChannel: string | undefined, prepared: Extract<Prepared, { ok: true }>): Promise<void> {
    const key = reviewKey(slackChannel ?? '', `private:${randomUUID()}`, prepared);
    await claimReview(this.deps.db, { teamId, key, fields: this.fields(prepared, prepared.text, requestedBy, 'command'), now: this.deps.clock.now() });
  }

  getReview(teamId: string, id: string): Promise<ReviewRow | null> {
    return getReview(this.deps.db, { teamId, id });
  }

  history(teamId: string, persona?: string): Promise<ReviewRow[]> {
    return latestReviews(this.deps.db, { teamId, persona, limit: 10 });
  }

  private fields(prepared: Extract<Prepared, { ok: true }>, text: string, requestedBy: string, source: ReviewFields['source']): ReviewFields {
    const r = prepared.result;
    const about = prepared.persona ? r.personas.find((p) => p.name === prepared.persona!.name) : r.personas[0]?.match !== 'none' ? r.personas[0] : undefined;
    return {
      requestedBy,
      source,
      textHash: createHash('sha256').update(text).digest('hex'),
      draftText: this.deps.storeText ? text : null,
      personaName: about?.name ?? null,
      fit: about?.fit ?? null,
      match: about?.match ?? 'none',
      adChannel: r.channel,
      verdict: r.verdict,
      jobsAddressed: r.jobsAddressed,
      findings: r.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message })),
    };
  }

  /** Another request holds the slot and is posting: wait briefly for its post to exist. */
  private async waitForReply(teamId: string, key: ReviewKey): Promise<string | null> {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await findReview(this.deps.db, { teamId, key });
      if (row?.replyTs) return row.replyTs;
      if (!row) return null;
    }
    return null;
  }
}
