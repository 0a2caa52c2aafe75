// Reviews of drafts in Slack: what to review (the message, its channel hint or the Slack
// channel's default), against whom, and the one thread post per message, persona and channel
// that asking again updates. Stores who asked, where, the scores and findings.
import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import { detectChannel } from '../review-engine/channel-hint.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import type { ReviewResult } from '../review-engine/result.js';
import { checkDraft } from './draft-checks.js';
import type { MessageLike } from './draft-checks.js';
import { claimReview, deleteReview, findReview, getChannelSettings, getReview, latestReviews, takeOverClaim, updateReview } from '../db/queries/index.js';
import type { ReviewFields, ReviewKey, ReviewRow } from '../db/queries/reviews.js';
import type { LookupService } from '../personas/lookup.js';

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
}

type Prepared =
  | { ok: true; text: string; personas: Persona[]; persona?: Persona; adChannel?: ChannelId; result: ReviewResult }
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
  constructor(private readonly deps: CopyReviewDeps) {}

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
    const result = await engine.review({ text: draft, personas, teamId, persona: persona?.name, channel: adChannel });
    return { ok: true, text: draft, personas, persona, adChannel, result };
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
    });
    return { kind: 'updated', ts: row.replyTs, reviewId: row.id, result: prepared.result };
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
