// A review result for people reading a terminal: the verdict and findings first, then the
// personas (best first, with the jobs and the draft's words that carry them), then the channels.
import { channelName } from '../domain/persona.js';
import { closeCallPersona } from '../review-engine/result.js';
import type { ReviewResult } from '../review-engine/result.js';
import { quote } from '../review-engine/text/counting.js';

/** The match in plain words, as the Slack post says it. */
const MATCH_WORDS = { strong: 'strong fit', partial: 'weak fit', none: 'no fit' } as const;

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
  out.push(`${channelName(r.channel)}: ${r.verdict.toUpperCase()}${r.analysis.mode === 'lexical' ? '   (wording only)' : ''}`);
  if (r.findings.length === 0) out.push('  No findings.');
  for (const f of r.findings) out.push(`  ${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.rule}: ${f.message}`);

  const best = r.personas[0];
  const fitOf = (p: ReviewResult['personas'][number]) => `${p.name} (${MATCH_WORDS[p.match]}, ${p.fit}/100)`;
  const close = closeCallPersona(r);
  out.push(
    '',
    !best || best.match === 'none'
      ? 'No persona fits this draft.'
      : close
        ? `Speaks to ${fitOf(best)} or to ${fitOf(close)}: a close call; the draft is written nearly as clearly for both.`
        : `Speaks to ${fitOf(best)}.`,
  );
  out.push('', `Personas (best first) — jobs addressed: ${r.jobsAddressed}${r.persona ? ` for ${r.persona}` : ''}`);
  const shown = r.personas.slice(0, maxPersonas);
  shown.forEach((p, i) => {
    out.push(`  ${i + 1}. ${p.name} — ${MATCH_WORDS[p.match]}, ${p.fit}/100`);
    for (const j of p.jobs)
      out.push(
        `       • ${j.statement} [${j.kind}${j.role === 'supporting' ? ', supporting' : ''}, importance ${j.importance}/5] ${Math.round(j.score * 100)}% clear`,
        `         "${quote(j.evidence, 120)}"`,
      );
    for (const x of p.pains) out.push(`       – pain: ${x.text} (severity ${x.severity}) via "${x.evidence}"`);
    for (const x of p.gains) out.push(`       + gain: ${x.text} (relevance ${x.relevance}) via "${x.evidence}"`);
    if (options.verbose || (p.jobs.length === 0 && i === 0)) for (const reason of p.reasons) out.push(`       ${reason}`);
  });
  const rest = r.personas.slice(maxPersonas);
  if (rest.length > 0) {
    const matched = rest.filter((p) => p.match !== 'none').length;
    out.push(`  … ${rest.length} more${matched ? ` (${matched} with a weak or strong fit)` : ', none fitting'}`);
  }

  out.push('', 'Channels (best first):');
  out.push(`  ${r.channels.map((c) => `${c.channel} ${c.verdict} ${c.score}`).join(' · ')}`);
  if (options.verbose) for (const c of r.channels) out.push(`  ${c.channel}: ${c.reasons.join('; ') || 'no notes'}`);
  return out.join('\n');
}
