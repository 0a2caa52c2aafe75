// The profile card `/persona` answers with: who the persona is, the jobs they hire products
// for (by kind), their top pains and gains, channels, evidence and freshness.
import type { Button } from '@slack/types';
import { channelName, JOB_KINDS } from '../../domain/persona.js';
import type { JobKind, Persona } from '../../domain/persona.js';
import { freshness } from '../../domain/freshness.js';
import { ACTION_IDS, encodeCardRef } from '../ids.js';
import { actions, bulletList, button, context, esc, fallback, fields, header, section } from './common.js';
import type { SlackMessage } from './common.js';

export interface CardOptions {
  now: Date;
  staleAfterDays: number;
  /** Ephemeral cards offer "Share in channel"; shared ones say who shared them instead. */
  shareable: boolean;
  sharedBy?: string;
  /** Other good matches of the search, offered as buttons. */
  others?: Persona[];
}

export const KIND_LABEL: Record<JobKind, string> = { functional: 'Functional jobs', emotional: 'Emotional jobs', social: 'Social jobs' };
export function freshnessLine(reviewedAt: string, now: Date, staleAfterDays: number): string {
  const { ageDays, stale } = freshness(reviewedAt, now, staleAfterDays);
  const age = ageDays === 0 ? 'today' : ageDays === 1 ? '1 day ago' : `${ageDays} days ago`;
  return `Confirmed ${reviewedAt} (${age})${stale ? ` · :warning: *Stale*: older than ${staleAfterDays} days` : ''}`;
}

// Budgets per part keep a whole card under the message's total-text limit (about 11,000
// characters) even when every field is at its maximum: 1,000 + 300 + 3 × 2,000 + 2 × 1,000
// plus headers, context and buttons.
const BUDGET = { summary: 1000, quote: 300, jobsPerKind: 2000, painsOrGains: 1000 } as const;

/** "Updated by @user on 2026-11-20", or by a persona file import. */
export function updatedLine(p: Pick<Persona, 'updatedBy' | 'updatedAt'>): string {
  if (!p.updatedBy) return '';
  const day = p.updatedAt.toISOString().slice(0, 10);
  return /^[UW][A-Z0-9]+$/.test(p.updatedBy) ? `Updated by <@${p.updatedBy}> on ${day}` : `Updated from a persona file on ${day}`;
}

export function personaCard(persona: Persona, opts: CardOptions): SlackMessage {
  const blocks: SlackMessage['blocks'] = [header(persona.name)];

  const about = [esc(persona.summary, BUDGET.summary)];
  if (persona.quote) about.push(`> _“${esc(persona.quote, BUDGET.quote)}”_`);
  blocks.push(section(about.join('\n')));

  const meta = [
    persona.product ? `*Product:* ${esc(persona.product, 100)}` : '',
    persona.owner ? `*Owner:* <@${persona.owner}>` : '*Owner:* nobody yet',
    persona.channels.length ? `*Channels:* ${persona.channels.map(channelName).join(', ')}` : '',
  ];
  blocks.push(context(meta));

  for (const kind of JOB_KINDS) {
    const jobs = persona.jobs.filter((j) => j.kind === kind).sort((a, b) => b.importance - a.importance);
    if (jobs.length === 0) continue;
    blocks.push(
      section(
        bulletList(
          `*${KIND_LABEL[kind]}*`,
          jobs.map((j) => `${esc(j.statement)} · importance ${j.importance}/5`),
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
        bulletList('*Top pains*', pains.length ? pains.map((p) => `${esc(p.text)} (severity ${p.severity})`) : ['none recorded'], BUDGET.painsOrGains),
        bulletList('*Top gains*', gains.length ? gains.map((g) => `${esc(g.text)} (relevance ${g.relevance})`) : ['none recorded'], BUDGET.painsOrGains),
      ]),
    );
  }

  const evidence = persona.evidence.length === 1 ? '1 piece of evidence' : `${persona.evidence.length} pieces of evidence`;
  const footer = [`:books: ${evidence}`, freshnessLine(persona.reviewedAt, opts.now, opts.staleAfterDays)];
  const updated = updatedLine(persona);
  if (updated) footer.push(updated);
  if (opts.sharedBy) footer.push(`Shared by <@${opts.sharedBy}>`);
  blocks.push(context(footer));

  const buttons: Button[] = [];
  if (opts.shareable) buttons.push(button('Share in channel', ACTION_IDS.shareCard, encodeCardRef({ kind: 'persona', id: persona.id }), 'primary'));
  buttons.push(button('Edit', ACTION_IDS.editPersona, persona.id));
  for (const other of opts.others ?? []) buttons.push(button(other.name, ACTION_IDS.showPersona, other.id));
  if (buttons.length) blocks.push(actions(buttons));

  return { text: fallback(`${esc(persona.name, 100)}: ${esc(persona.summary, 1000)}`), blocks };
}
