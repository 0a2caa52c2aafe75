// The review posted in a draft's thread: which persona it fits and how well, the jobs it
// addresses with the words that carry them, the channel's verdict with its findings, the
// channels that suit it best. Every number comes with the reason behind it.
import type { ActionsBlockElement, Button, KnownBlock, PlainTextOption } from '@slack/types';
import type { ReviewPost } from '../../copy-review/service.js';
import type { PersonaResult, ReviewResult } from '../../review-engine/result.js';
// The threshold the engine's own jobs.focus finding uses, so the advice and the finding agree.
import { JOBS_FLAG_ABOVE } from '../../review-engine/score/jobs.js';
import { channelName, JOB_KINDS } from '../../domain/persona.js';
import { ACTION_IDS } from '../ids.js';
import { actions, bulletList, button, context, esc, fallback, section } from './common.js';
import { LIMITS, plainSafe } from './limits.js';
import type { SlackMessage } from './common.js';
import { citationLine, suitsBest } from './insights-citation.js';
import type { ReviewEvidence } from '../../insights/review-evidence.js';

export interface ReviewMessageOptions {
  /** The stored review, for the buttons; absent for a private `/persona review`. */
  reviewId?: string;
  /** Persona ids by name, for the Show persona button. */
  personaIds: Map<string, string>;
  requestedBy?: string;
  /** A short one-line version when nothing fits and no rule is broken (auto-review). */
  quiet?: boolean;
  /** The user asked for `result.persona` (else the review chose the persona itself). */
  requested?: boolean;
  /** The workspace's personas with their jobs, for the corrections (Right persona / Wrong persona / jobs). */
  correctable?: ReadonlyArray<{ id: string; name: string; jobs: readonly string[] }>;
  /** Said after a correction: "Thanks — noted: this is for …". */
  noted?: string;
  /** What the workspace's campaign results say about the draft; nothing is shown without it. */
  evidence?: ReviewEvidence | null;
}

const VERDICT_MARK = { good: ':white_check_mark:', ok: ':large_yellow_circle:', poor: ':x:' } as const;
const SEVERITY_MARK = { error: ':x:', warning: ':warning:', info: ':information_source:' } as const;

/** Close enough to the best fit to be worth naming as the runner-up. */
const RUNNER_UP_GAP = 10;

/** The match in a marketer's words: "strong fit", "weak fit", "no fit". */
const MATCH_WORDS = { strong: 'strong fit', partial: 'weak fit', none: 'no fit' } as const;

function fitWords(p: PersonaResult): string {
  return `${MATCH_WORDS[p.match]}, ${p.fit}/100`;
}

/**
 * The post's first sentence: who the draft speaks to; or, when a persona was asked for, how
 * well the draft fits that persona and which persona fits it better, if one does. `plain` is
 * the same sentence without emphasis, for the fallback text (names escaped, as in all mrkdwn).
 */
export function headline(result: ReviewResult, requested: boolean): { mrkdwn: string; plain: string } {
  const target = requested && result.persona ? result.personas.find((p) => p.name === result.persona) : undefined;
  const best = result.personas[0];
  if (target) {
    // Personas are ranked by how clearly the draft is written for each, not by fit alone: the
    // first one may fit by fewer points than the persona asked for, and is then named as such.
    const other = best && best !== target && best.match !== 'none' ? best : undefined;
    const note = (name: string) =>
      !other ? '' : other.fit > target.fit ? ` ${name} fits better (${other.fit}/100).` : ` The draft reads as written more for ${name} (${fitWords(other)}).`;
    return {
      mrkdwn: `:dart: Reviewed for *${esc(target.name, 100)}*: ${fitWords(target)}.${other ? note(`*${esc(other.name, 100)}*`) : ''}`,
      plain: `Reviewed for ${esc(target.name, 100)}: ${fitWords(target)}.${other ? note(esc(other.name, 100)) : ''}`,
    };
  }
  const close = best && best.match !== 'none' ? closeCallOf(result) : undefined;
  if (best && close)
    return {
      mrkdwn: `:dart: Speaks to *${esc(best.name, 100)}* (${fitWords(best)}) or to *${esc(close.name, 100)}* (${fitWords(close)}): a close call.`,
      plain: `Speaks to ${esc(best.name, 100)} (${fitWords(best)}) or to ${esc(close.name, 100)} (${fitWords(close)}): a close call.`,
    };
  if (best && best.match !== 'none')
    return { mrkdwn: `:dart: Speaks to *${esc(best.name, 100)}* (${fitWords(best)}).`, plain: `Speaks to ${esc(best.name, 100)} (${fitWords(best)}).` };
  const closest = result.personas.slice(0, 3).map((p) => `${esc(p.name, 100)} (${p.fit}/100)`);
  return { mrkdwn: `:dart: *No persona fits this draft.*${closest.length ? ` Closest: ${closest.join(', ')}.` : ''}`, plain: 'No persona fits this draft.' };
}

/**
 * The persona the first is a close call with. The same lookup as the engine's
 * `closeCallPersona`, written here because block builders import only pure modules of their own
 * list (test/slack/render/cards.test.ts).
 */
function closeCallOf(result: ReviewResult): PersonaResult | undefined {
  return result.closeCall === null ? undefined : result.personas.find((p) => p.name === result.closeCall);
}

/** Advice on focus from the primary jobs (promises of their own); supporting jobs are their payoff. */
export function focusAdvice(primary: number, supporting = 0): string {
  const payoff = supporting > 0 ? `, with ${supporting === 1 ? 'its payoff' : `${supporting} payoffs`} (supporting)` : '';
  if (primary === 0) return 'No job comes through clearly.';
  if (primary === 1) return `:white_check_mark: One clear job${payoff}: the focus one message should have.`;
  if (primary <= JOBS_FLAG_ABOVE)
    return `:warning: ${primary} separate promises in one message: one clear job per message works best; consider one draft per job.`;
  return `:x: ${primary} separate promises in one message: past three claims readers grow sceptical. Pick the one job this ad is for.`;
}

export function reviewMessage(result: ReviewResult, opts: ReviewMessageOptions): SlackMessage {
  const target = result.persona ? result.personas.find((p) => p.name === result.persona) : undefined;
  const best = result.personas[0];
  const fits = target ?? (best && best.match !== 'none' ? best : undefined);
  const blocks: KnownBlock[] = [];

  // Persona fit: one sentence first, then the runner-up when it is close, then the reasons.
  const head = headline(result, opts.requested ?? false);
  const lines = [head.mrkdwn];
  const correctable = Boolean(opts.reviewId && opts.correctable?.length);
  const close = fits && !opts.requested ? closeCallOf(result) : undefined;
  // Its persona among those a correction can name: the one-click answer needs its id.
  const closeCall = close ? opts.correctable?.find((p) => p.name === close.name) : undefined;
  if (close) {
    // The engine cannot tell the two apart with confidence: the team can, and the reviewer
    // learns from its answer (asked until someone has answered).
    lines.push(
      `The draft is written nearly as clearly for both.${correctable && !opts.noted ? ` Which is it? *Right persona* or *${closeCall ? `It's for ${esc(closeCall.name, 100)}` : 'Wrong persona →'}* below tells the reviewer, and it learns from your answer.` : ''}`,
    );
  } else if (fits && !opts.requested) {
    const runnerUp = result.personas.find((p) => p !== fits && p.match !== 'none');
    if (runnerUp && fits.fit - runnerUp.fit <= RUNNER_UP_GAP) {
      // A runner-up with the higher fit touches more of its persona's items, yet the draft is
      // written more clearly for the first: the post says so rather than leave the numbers to contradict the order.
      const why =
        runnerUp.fit > fits.fit ? `: more of its jobs, pains and gains are touched, but the draft is written more clearly for *${esc(fits.name, 100)}*` : '';
      lines.push(`Also close: *${esc(runnerUp.name, 100)}* (${fitWords(runnerUp)})${why}.`);
    }
  }
  blocks.push(section(lines.join('\n')));
  if (fits?.reasons.length) blocks.push(context(fits.reasons.slice(0, 4).map((r) => esc(r, 400))));

  const channelErrors = result.findings.filter((f) => f.severity === 'error');
  if (opts.quiet && !fits && channelErrors.length === 0) {
    const line = `:mag: No persona fits this draft, and it breaks no ${channelName(result.channel)} rule.`;
    return { text: fallback(line), blocks: [section(line)] };
  }

  // Jobs addressed.
  if (fits) {
    const jobLines: string[] = [];
    for (const kind of JOB_KINDS) {
      for (const j of fits.jobs.filter((x) => x.kind === kind)) {
        const role = j.role === 'supporting' ? ', supporting' : '';
        jobLines.push(
          `*${esc(j.statement, 200)}* (${kind}${role}, importance ${j.importance}/5) · ${Math.round(j.score * 100)}% clear, in “${esc(j.evidence, 200)}”`,
        );
      }
    }
    const title = `*Jobs addressed: ${result.jobsAddressed}*\n${focusAdvice(result.primaryJobs, result.jobsAddressed - result.primaryJobs)}`;
    blocks.push(section(jobLines.length ? bulletList(title, jobLines, 2500) : title));
  }

  // The channel's verdict and findings, errors first. How many jobs the draft takes on is said
  // once, under Jobs addressed, when that section is shown.
  const findings = result.findings.filter((f) => !(fits && f.rule === 'jobs.focus')).map((f) => `${SEVERITY_MARK[f.severity]} ${esc(f.message, 400)}`);
  const verdict = `*${channelName(result.channel)}: ${result.verdict}* ${VERDICT_MARK[result.verdict]}`;
  blocks.push(section(findings.length ? bulletList(verdict, findings, 2500) : `${verdict}\nNo rule of this channel is broken.`));
  // Campaign results, when they say something about this persona's jobs: cited, and applied to the ranking.
  if (opts.evidence) blocks.push(context([citationLine(opts.evidence)]));
  const suits = suitsBest(result.channels, opts.evidence);
  if (suits) blocks.push(context([suits]));

  const how =
    result.analysis.mode === 'semantic'
      ? 'Judged on meaning and wording.'
      : 'Judged on wording only (the language model is not available), so a job said in other words may be missed.';
  blocks.push(context([how, opts.requestedBy ? `Requested by <@${opts.requestedBy}>` : '']));

  const buttons: Button[] = [];
  if (opts.reviewId) buttons.push(button('Review for another persona or channel', ACTION_IDS.reviewAgain, opts.reviewId));
  const personaId = fits ? opts.personaIds.get(fits.name) : undefined;
  if (personaId) buttons.push(button('Show persona', ACTION_IDS.showPersonaPrivately, personaId));
  if (buttons.length) blocks.push(actions(buttons));
  if (opts.noted) blocks.push(context([`:white_check_mark: ${esc(opts.noted, 400)}`]));
  if (correctable) blocks.push(correctionBlock(opts.reviewId!, fits, opts.correctable!, opts.noted ? undefined : closeCall));

  const summary = `${head.plain} ${fits ? `${result.jobsAddressed} job${result.jobsAddressed === 1 ? '' : 's'}; ` : ''}${channelName(result.channel)}: ${result.verdict}`;
  return { text: fallback(summary), blocks };
}

const option = (label: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text: plainSafe(label, LIMITS.optionText) || '…', emoji: true },
  value,
});

/**
 * The quiet way to correct a review, each answer kept as an example the next reviews learn
 * from: *Right persona*, *Wrong persona →* (another persona, or generic), and per job *not
 * addressed* / *missed* for the persona the review is about.
 */
function correctionBlock(
  reviewId: string,
  fits: PersonaResult | undefined,
  personas: NonNullable<ReviewMessageOptions['correctable']>,
  closeCall: { id: string; name: string } | undefined,
): KnownBlock {
  const elements: ActionsBlockElement[] = [];
  if (fits) elements.push(button('Right persona', ACTION_IDS.reviewRight, reviewId));
  // A close call's other persona is one click away, as "Wrong persona →" that persona.
  if (fits && closeCall) elements.push(button(`It's for ${closeCall.name}`, `${ACTION_IDS.reviewWrong}:1`, `${reviewId}:${closeCall.id}`));
  const others = personas.filter((p) => p.name !== fits?.name).slice(0, LIMITS.optionsPerSelect - 1);
  elements.push({
    type: 'static_select',
    action_id: ACTION_IDS.reviewWrong,
    placeholder: { type: 'plain_text', text: fits ? 'Wrong persona →' : 'It is for →' },
    options: [...others.map((p) => option(p.name, `${reviewId}:${p.id}`)), option('Generic: for no persona', `${reviewId}:generic`)],
  });
  const persona = fits ? personas.find((p) => p.name === fits.name) : undefined;
  if (fits && persona && persona.jobs.length > 0) {
    const found = new Set(fits.jobs.map((j) => j.statement));
    const jobOptions = persona.jobs
      .map((statement, k) =>
        found.has(statement) ? option(`Not addressed: ${statement}`, `${reviewId}:-:${k}`) : option(`Missed: ${statement}`, `${reviewId}:+:${k}`),
      )
      .slice(0, LIMITS.optionsPerSelect);
    elements.push({
      type: 'static_select',
      action_id: ACTION_IDS.reviewJob,
      placeholder: { type: 'plain_text', text: 'Jobs: correct →' },
      options: jobOptions,
    });
  }
  return { type: 'actions', elements };
}

/** A review post of the copy-review service as its Block Kit message (persona buttons need the personas' ids). */
export function renderReview(review: ReviewPost): SlackMessage {
  const { result, personas, ...opts } = review;
  return reviewMessage(result, {
    ...opts,
    personaIds: new Map(personas.map((p) => [p.name, p.id])),
    correctable: personas.map((p) => ({ id: p.id, name: p.name, jobs: p.jobs.map((j) => j.statement) })),
  });
}
