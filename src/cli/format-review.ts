// A review result for people reading a terminal: the verdict and findings first, then the
// personas (best first, with the jobs and the draft's words that carry them), then the channels.
import { channelName } from '../domain/persona.js';
import type { ReviewResult } from '../review-engine/result.js';

const MARK = { error: 'x', warning: '!', info: 'i' } as const;

export interface FormatOptions {
  /** Personas listed in full; the rest are summarised in one line. */
  maxPersonas?: number;
  /** Include each persona's reasons and each channel's reasons. */
  verbose?: boolean;
}

export function formatReviewText(r: ReviewResult, options: FormatOptions = {}): string {
  const maxPersonas = options.maxPersonas ?? 5;
  const out: string[] = [];
  out.push(`${channelName(r.channel)}: ${r.verdict.toUpperCase()}${r.analysis.mode === 'lexical' ? '   (word overlap only)' : ''}`);
  if (r.findings.length === 0) out.push('  No findings.');
  for (const f of r.findings) out.push(`  ${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.rule}: ${f.message}`);

  out.push('', `Personas (best first) — jobs addressed: ${r.jobsAddressed}${r.persona ? ` for ${r.persona}` : ''}`);
  const shown = r.personas.slice(0, maxPersonas);
  shown.forEach((p, i) => {
    out.push(`  ${i + 1}. ${p.name} — fit ${p.fit}, ${p.match}`);
    for (const j of p.jobs) out.push(`       • ${j.statement} [${j.kind}, importance ${j.importance}] score ${j.score.toFixed(2)}`, `         "${j.evidence}"`);
    for (const x of p.pains) out.push(`       – pain: ${x.text} (severity ${x.severity}) via "${x.evidence}"`);
    for (const x of p.gains) out.push(`       + gain: ${x.text} (relevance ${x.relevance}) via "${x.evidence}"`);
    if (options.verbose || (p.jobs.length === 0 && i === 0)) for (const reason of p.reasons) out.push(`       ${reason}`);
  });
  const rest = r.personas.slice(maxPersonas);
  if (rest.length > 0) {
    const matched = rest.filter((p) => p.match !== 'none').length;
    out.push(`  … ${rest.length} more${matched ? ` (${matched} with a partial or strong match)` : ', none matching'}`);
  }

  out.push('', 'Channels (best first):');
  out.push(`  ${r.channels.map((c) => `${c.channel} ${c.verdict} ${c.score}`).join(' · ')}`);
  if (options.verbose) for (const c of r.channels) out.push(`  ${c.channel}: ${c.reasons.join('; ') || 'no notes'}`);
  return out.join('\n');
}
