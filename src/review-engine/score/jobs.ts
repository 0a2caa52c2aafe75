// How many jobs one message takes on. One clear job per message is the practitioners' rule;
// research finds persuasion peaks at three claims and a fourth triggers scepticism
// (Shu & Carlson 2014). Above one: a warning; above three: flagged as an error. The channel
// verdict does not depend on it (it judges the channel, not the message).
import { limitOf, rule } from '../channels/rules.js';
import { quote } from '../text/counting.js';
import type { Finding } from '../findings.js';
import type { JobHit } from './persona-fit.js';

/** Above this many jobs the finding becomes an error. */
export const JOBS_FLAG_ABOVE = 3;

export function focusFinding(personaName: string, jobs: readonly JobHit[]): Finding | null {
  const warnAbove = limitOf('jobs.focus');
  if (jobs.length <= warnAbove) return null;
  const listed = jobs.map((j) => `"${quote(j.statement, 50)}"`).join(', ');
  const strong = jobs.length > JOBS_FLAG_ABOVE;
  return {
    severity: strong ? 'error' : 'warning',
    rule: 'jobs.focus',
    message: strong
      ? `Takes on ${jobs.length} jobs of ${personaName} (${listed}): past three claims, persuasion drops and scepticism rises (${rule('jobs.focus').source.split(',')[0]} 2014). Keep one, at most three.`
      : `Speaks to ${jobs.length} jobs of ${personaName} (${listed}): one clear job per message usually works best.`,
    actual: jobs.length,
    limit: warnAbove,
  };
}
