// Findings: what the review tells the writer, each with the rule that triggered it, the text
// that triggered it and the figures involved. Quiet by default: nothing is said about what is fine.

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  severity: Severity;
  /** Rule id such as `tiktok.length` (see channels/rules.ts) or an engine note such as `review.lexical_only`. */
  rule: string;
  message: string;
  /** The part of the draft that triggered it, when there is one. */
  text?: string;
  /** The figure measured and the limit it was held to, when the rule has one. */
  actual?: number;
  limit?: number;
}

/** Engine notes: not channel rules, but things the reader of a result must know. */
export const NOTES = {
  lexicalOnly: 'review.lexical_only',
  truncated: 'review.truncated',
  language: 'review.language',
  channelChosen: 'review.channel_chosen',
  empty: 'draft.empty',
  stale: 'persona.stale',
} as const;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

export type Verdict = 'good' | 'ok' | 'poor';

/** poor: a hard rule is broken; ok: a recommendation or practice is missed; good: neither. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'poor';
  if (findings.some((f) => f.severity === 'warning')) return 'ok';
  return 'good';
}
