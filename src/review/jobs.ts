// How many jobs one message takes on. One clear job per message is the practitioners' rule;
// research finds persuasion peaks at three claims and a fourth triggers scepticism
// (Shu & Carlson 2014). Above one: a warning; above three: flagged as an error. The channel
// verdict does not depend on it (it judges the channel, not the message).
//
// Jobs form a hierarchy (jobs-to-be-done's primary and secondary motivations): a functional job
// is the promise, and an emotional or social job the draft also speaks to is usually that
// promise's payoff ("take the kids to school by bike" + "stop worrying about traffic"): it
// supports the promise rather than competing with it. Only primary jobs are counted against
// the one-job rule.
import { limitOf, rule } from './channels/rules.js';
import { quote } from './counting.js';
import type { Finding } from './findings.js';
import type { JobHit } from './persona-fit.js';

/** Above this many jobs the finding becomes an error. */
export const JOBS_FLAG_ABOVE = 3;

export type JobRole = 'primary' | 'supporting';

/**
 * Each job's role, in the order given: when the draft speaks to a functional job, the
 * functional jobs are its promises and the rest their payoff; otherwise the jobs of the
 * clearest job's kind are primary.
 */
export function jobRoles(jobs: readonly Pick<JobHit, 'kind' | 'score'>[]): JobRole[] {
  if (jobs.length === 0) return [];
  const best = jobs.reduce((a, b) => (b.score > a.score ? b : a));
  const primaryKind = jobs.some((j) => j.kind === 'functional') ? 'functional' : best.kind;
  return jobs.map((j) => (j.kind === primaryKind ? 'primary' : 'supporting'));
}

export function focusFinding(personaName: string, jobs: readonly JobHit[]): Finding | null {
  const warnAbove = limitOf('jobs.focus');
  const roles = jobRoles(jobs);
  const primary = jobs.filter((_, i) => roles[i] === 'primary');
  const supporting = jobs.length - primary.length;
  if (primary.length <= warnAbove) return null;
  const listed = primary.map((j) => `"${quote(j.statement, 50)}"`).join(', ');
  const also = supporting > 0 ? `, plus ${supporting} supporting` : '';
  const strong = primary.length > JOBS_FLAG_ABOVE;
  return {
    severity: strong ? 'error' : 'warning',
    rule: 'jobs.focus',
    message: strong
      ? `Takes on ${primary.length} separate jobs of ${personaName} (${listed}${also}): past three claims, persuasion drops and scepticism rises (${rule('jobs.focus').source.split(',')[0]} 2014). Keep one, at most three.`
      : `Makes ${primary.length} separate promises to ${personaName} (${listed}${also}): one clear job per message usually works best.`,
    actual: primary.length,
    limit: warnAbove,
  };
}
