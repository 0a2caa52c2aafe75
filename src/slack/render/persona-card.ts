// The profile card `/persona` answers with: who the persona is (summary, quote, and the three
// descriptor sets a persona model rests on: demographics, psychographics, sociographics), what
// success means to them and what limits them, the jobs they hire products for (by kind), their
// top pains and gains, the evidence behind it (source, link, date), channels and freshness.
import type { Button, KnownBlock } from '@slack/types';
import { channelName, JOB_KINDS } from '../../domain/persona.js';
import type { Attributes, Evidence, JobKind, Persona } from '../../domain/persona.js';
import { freshness } from '../../domain/freshness.js';
import type { MatchReason, PersonaHit } from '../../personas/lookup.js';
import { ACTION_IDS, encodeCardRef, encodeEditRef, encodeShowRef } from '../ids.js';
import { actions, bulletList, button, context, esc, fallback, fields, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { escapeMrkdwn, truncateMrkdwn } from './limits.js';

/** The latest "Still accurate": who confirmed, and the note they left. */
export interface Confirmation {
  by: string;
  note: string | null;
}

export interface CardOptions {
  now: Date;
  staleAfterDays: number;
  /** Ephemeral cards offer "Share in channel"; shared ones say who shared them instead. */
  shareable: boolean;
  sharedBy?: string;
  /** The search this card answers, so the other matches keep being offered after a click. */
  query?: string;
  /** Why this persona matched the search. */
  reasons?: readonly MatchReason[];
  /** Other matches of the search, offered as buttons, each with why it matched. */
  others?: readonly PersonaHit[];
  confirmation?: Confirmation | null;
}

export const KIND_LABEL: Record<JobKind, string> = { functional: 'Functional jobs', emotional: 'Emotional jobs', social: 'Social jobs' };
export function freshnessLine(reviewedAt: string, now: Date, staleAfterDays: number): string {
  const { ageDays, stale } = freshness(reviewedAt, now, staleAfterDays);
  const age = ageDays === 0 ? 'today' : ageDays === 1 ? '1 day ago' : `${ageDays} days ago`;
  return `Confirmed ${reviewedAt} (${age})${stale ? ` · :warning: *Stale*: older than ${staleAfterDays} days` : ''}`;
}

// Budgets per part keep a whole card under the message's total-text limit (about 11,000
// characters) even when every field is at its maximum: 800 + 300 + 3 × 600 + 800 + 3 × 1,000 +
// 2 × 700 + 1,000, plus header, context lines and the other matches (about 1,300 at most).
const BUDGET = {
  summary: 800,
  quote: 300,
  descriptors: 600,
  successAndConstraints: 800,
  jobsPerKind: 1000,
  painsOrGains: 700,
  evidence: 1000,
  note: 300,
  why: 200,
} as const;

/** "Updated by @user on 2026-11-20", or by a persona file import. */
export function updatedLine(p: Pick<Persona, 'updatedBy' | 'updatedAt'>): string {
  if (!p.updatedBy) return '';
  const day = p.updatedAt.toISOString().slice(0, 10);
  return /^[UW][A-Z0-9]+$/.test(p.updatedBy) ? `Updated by <@${p.updatedBy}> on ${day}` : `Updated from a persona file on ${day}`;
}

/** `key: value` lines of one descriptor set, or a dash when the persona has none. */
function descriptor(title: string, attrs: Attributes): string {
  const lines = Object.entries(attrs).map(([k, v]) => `${esc(k, 60)}: ${esc(Array.isArray(v) ? v.join(', ') : v, 200)}`);
  return bulletList(title, lines.length ? lines : ['_none recorded_'], BUDGET.descriptors);
}

const SOURCE_LABEL: Record<string, string> = {
  interview: 'Interview',
  survey: 'Survey',
  support_ticket: 'Support tickets',
  analytics: 'Analytics',
  other: 'Other',
};

/** A safe link for an http(s) reference, else the escaped text. */
function evidenceRef(ref: string): string {
  const url = /^https?:\/\/[^\s<>|]+$/.exec(ref.trim())?.[0];
  if (url && url.length <= 400) {
    const shown = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
    return `<${escapeMrkdwn(url)}|${esc(shown, 80)}>`;
  }
  return esc(ref, 200);
}

function evidenceLine(e: Evidence): string {
  return `${SOURCE_LABEL[e.source] ?? esc(e.source, 40)}: ${evidenceRef(e.ref)}${e.date ? ` · ${e.date}` : ''}`;
}

/** Why a persona matched, as mrkdwn. */
export function whyLine(reasons: readonly MatchReason[]): string {
  return reasons
    .map((r) => {
      switch (r.on) {
        case 'attribute':
          return `${esc(r.key, 40)} (${r.section})`;
        case 'job':
        case 'pain':
        case 'gain':
        case 'constraint':
          return `${r.on} “${esc(r.text, 60)}”`;
        case 'success_metric':
          return `success metric “${esc(r.text, 60)}”`;
        case 'same_product':
          return `same product (${esc(r.product, 60)})`;
        default:
          return r.on;
      }
    })
    .join(' · ');
}

export function personaCard(persona: Persona, opts: CardOptions): SlackMessage {
  const blocks: KnownBlock[] = [header(persona.name)];

  const about = [esc(persona.summary, BUDGET.summary)];
  if (persona.quote) about.push(`> _“${esc(persona.quote, BUDGET.quote)}”_`);
  blocks.push(section(about.join('\n')));

  const meta = [
    persona.product ? `*Product:* ${esc(persona.product, 100)}` : '',
    persona.owner ? `*Owner:* <@${persona.owner}>` : '*Owner:* nobody yet',
    persona.channels.length ? `*Channels:* ${persona.channels.map(channelName).join(', ')}` : '',
  ];
  if (opts.reasons?.length) meta.push(`*Matched on:* ${truncateMrkdwn(whyLine(opts.reasons), BUDGET.why * 2)}`);
  blocks.push(context(meta));

  blocks.push(
    fields([
      descriptor('*Demographics* · circumstances', persona.demographics),
      descriptor('*Psychographics* · archetype, worldview, motivations', persona.psychographics),
      descriptor('*Sociographics* · networks and orbits', persona.sociographics),
    ]),
  );

  if (persona.successMetric || persona.constraints.length) {
    const parts: string[] = [];
    if (persona.successMetric) parts.push(`*Success metric:* ${esc(persona.successMetric, 300)}`);
    if (persona.constraints.length)
      parts.push(
        bulletList(
          '*Constraints*',
          persona.constraints.map((c) => esc(c, 200)),
          BUDGET.successAndConstraints - 320,
        ),
      );
    blocks.push(section(parts.join('\n')));
  }

  for (const kind of JOB_KINDS) {
    const jobs = persona.jobs.filter((j) => j.kind === kind).sort((a, b) => b.importance - a.importance);
    if (jobs.length === 0) continue;
    blocks.push(
      section(
        bulletList(
          `*${KIND_LABEL[kind]}*`,
          jobs.map((j) => `${esc(j.statement, 200)} · importance ${j.importance}/5`),
          BUDGET.jobsPerKind,
        ),
      ),
    );
  }

  const pains = [...persona.pains].sort((a, b) => b.severity - a.severity).slice(0, 3);
  const gains = [...persona.gains].sort((a, b) => b.relevance - a.relevance).slice(0, 3);
  if (pains.length || gains.length) {
    blocks.push(
      fields([
        bulletList('*Top pains*', pains.length ? pains.map((p) => `${esc(p.text, 200)} (severity ${p.severity})`) : ['none recorded'], BUDGET.painsOrGains),
        bulletList('*Top gains*', gains.length ? gains.map((g) => `${esc(g.text, 200)} (relevance ${g.relevance})`) : ['none recorded'], BUDGET.painsOrGains),
      ]),
    );
  }

  const evidenceTitle = persona.evidence.length === 1 ? ':books: *Evidence* (1 source)' : `:books: *Evidence* (${persona.evidence.length} sources)`;
  const byDate = [...persona.evidence].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  blocks.push(section(bulletList(evidenceTitle, byDate.length ? byDate.map(evidenceLine) : ['none recorded yet'], BUDGET.evidence)));

  const footer = [freshnessLine(persona.reviewedAt, opts.now, opts.staleAfterDays)];
  if (opts.confirmation) {
    const note = opts.confirmation.note ? `: “${esc(opts.confirmation.note, BUDGET.note)}”` : '';
    footer.push(`Last confirmed by <@${opts.confirmation.by}>${note}`);
  }
  const updated = updatedLine(persona);
  if (updated) footer.push(updated);
  if (opts.sharedBy) footer.push(`Shared by <@${opts.sharedBy}>`);
  blocks.push(context(footer));

  const others = opts.others ?? [];
  if (others.length) {
    const q = opts.query ? ` for “${esc(opts.query, 60)}”` : '';
    const lines = others.map((o) => `*${esc(o.persona.name, 80)}* (${truncateMrkdwn(whyLine(o.reasons), BUDGET.why)})`);
    blocks.push(context([`*Other matches${q}:* ${lines.join(' · ')}`]));
  }

  const buttons: Button[] = [];
  if (opts.shareable) buttons.push(button('Share in channel', ACTION_IDS.shareCard, encodeCardRef({ kind: 'persona', id: persona.id }), 'primary'));
  buttons.push(button('Edit', ACTION_IDS.editPersona, encodeEditRef(persona.id, true)));
  for (const other of others) buttons.push(button(`Show ${other.persona.name}`, ACTION_IDS.showPersona, encodeShowRef(other.persona.id, opts.query)));
  blocks.push(actions(buttons));

  return { text: fallback(`${esc(persona.name, 100)}: ${esc(persona.summary, 1000)}`), blocks };
}
