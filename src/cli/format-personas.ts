// Plain-text renderings of personas for the terminal.
import type { Attributes, Persona } from '../domain/persona.js';

export function formatPersonaTable(personas: Persona[]): string {
  const rows = personas.map((p) => [p.name, p.product ?? '', p.owner ?? '', p.reviewedAt, String(p.jobs.length)]);
  const header = ['NAME', 'PRODUCT', 'OWNER', 'CONFIRMED', 'JOBS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function attributes(label: string, attrs: Attributes): string[] {
  const entries = Object.entries(attrs);
  if (entries.length === 0) return [];
  return [`${label}:`, ...entries.map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : v}`)];
}

export function formatPersonaDetails(p: Persona): string {
  const lines = [`${p.name}${p.product ? ` (${p.product})` : ''}${p.archived ? ' [archived]' : ''}`, `  ${p.summary}`, ''];
  if (p.quote) lines.push(`"${p.quote}"`, '');
  lines.push(`Owner: ${p.owner ?? 'nobody'}    Confirmed: ${p.reviewedAt}    Evidence: ${p.evidence.length}`);
  if (p.channels.length) lines.push(`Channels: ${p.channels.join(', ')}`);
  if (p.successMetric) lines.push(`Success metric: ${p.successMetric}`);
  if (p.constraints.length) lines.push(`Constraints: ${p.constraints.join('; ')}`);
  lines.push(...attributes('Demographics', p.demographics), ...attributes('Psychographics', p.psychographics), ...attributes('Sociographics', p.sociographics));
  if (p.jobs.length) {
    lines.push('Jobs:');
    for (const j of p.jobs) {
      lines.push(`  [${j.kind}] ${j.statement} (importance ${j.importance})`);
      if (j.when || j.outcome) lines.push(`      ${[j.when, j.outcome].filter(Boolean).join(', ')}`);
    }
  }
  if (p.pains.length) lines.push('Pains:', ...p.pains.map((x) => `  [${x.kind}] ${x.text} (severity ${x.severity})`));
  if (p.gains.length) lines.push('Gains:', ...p.gains.map((x) => `  [${x.kind}] ${x.text} (relevance ${x.relevance})`));
  if (p.evidence.length) lines.push('Evidence:', ...p.evidence.map((e) => `  [${e.source}] ${e.ref}${e.date ? ` (${e.date})` : ''}`));
  return lines.join('\n');
}
