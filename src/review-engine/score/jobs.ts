// How many jobs one message takes on. One clear job per message is the practitioners' rule;
// research finds persuasion peaks at three claims and a fourth triggers scepticism
// (Shu & Carlson 2014). Above one: a warning; above three: flagged as an error. The channel
// verdict does not depend on it (it judges the channel, not the message).
//
// Jobs form a hierarchy (jobs-to-be-done's primary and secondary motivations): a functional job
// is the promise, and an emotional or social job that belongs to it is its payoff ("take the
// kids to school by bike" + "stop worrying about traffic on the school run"): it supports the
// promise rather than competing with it. A job belongs to a promise when the two statements
// mean much the same (their sentence vectors are close) or the draft says both in one breath
// (their evidence overlaps). Only primary jobs are counted against the one-job rule; an
// unrelated feeling beside a promise is a second promise.
import { limitOf, rule } from '../channels/rules.js';
import { quote } from '../text/counting.js';
import type { Finding } from '../findings.js';
import type { JobHit } from './persona-fit.js';

/** Above this many jobs the finding becomes an error. */
export const JOBS_FLAG_ABOVE = 3;

export type JobRole = 'primary' | 'supporting';

type RoleInput = Pick<JobHit, 'kind' | 'score' | 'evidenceStart' | 'evidenceEnd'>;

/** Whether two jobs' statements mean much the same: true, false, or unknown (null). */
export type Related = (a: number, b: number) => boolean;

/**
 * Each job's role, in the order given. The promises are the functional jobs (or, when there is
 * none, the clearest job); another job is supporting when it belongs to a promise (`related`,
 * or evidence that overlaps), and primary otherwise.
 */
export function jobRoles(jobs: readonly RoleInput[], related: Related = () => false): JobRole[] {
  if (jobs.length === 0) return [];
  const best = jobs.reduce((a, b) => (b.score > a.score ? b : a));
  const anchors = jobs.map((j, i) => ((jobs.some((x) => x.kind === 'functional') ? j.kind === 'functional' : j === best) ? i : -1)).filter((i) => i >= 0);
  const overlaps = (a: RoleInput, b: RoleInput) => a.evidenceStart < b.evidenceEnd && b.evidenceStart < a.evidenceEnd;
  return jobs.map((j, i) => {
    if (anchors.includes(i)) return 'primary';
    const belongs = anchors.some((a) => (jobs[a]!.kind !== j.kind || jobs[a] === best) && (related(a, i) || overlaps(jobs[a]!, j)));
    return belongs ? 'supporting' : 'primary';
  });
}

export function focusFinding(personaName: string, jobs: readonly JobHit[], related?: Related): Finding | null {
  const warnAbove = limitOf('jobs.focus');
  const roles = jobRoles(jobs, related);
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
