// The card for a query that matches a job better than any persona: the job and who hires it.
import type { Button } from '@slack/types';
import type { JobEntry } from '../../search/persona-index.js';
import type { PersonaHit } from '../../personas/lookup.js';
import { ACTION_IDS, encodeCardRef, encodeShowRef } from '../ids.js';
import { whyLine } from './persona-card.js';
import { truncateMrkdwn } from './limits.js';
import { actions, bulletList, button, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';

export interface JobCardOptions {
  shareable: boolean;
  sharedBy?: string;
  /** The search this card answers, and personas that matched it otherwise than through this job. */
  query?: string;
  others?: readonly PersonaHit[];
}

const MAX_HIRER_BUTTONS = 5;

export function jobCard(job: JobEntry, opts: JobCardOptions): SlackMessage {
  const blocks: SlackMessage['blocks'] = [header(job.statement)];
  const jtbd = [job.when ? `_${esc(job.when)}_` : '', job.outcome ? `_${esc(job.outcome)}_` : ''].filter(Boolean).join(' · ');
  blocks.push(context([`*${job.kind[0]!.toUpperCase()}${job.kind.slice(1)} job*`, jtbd, opts.sharedBy ? `Shared by <@${opts.sharedBy}>` : '']));
  const hirers = job.hirers.map((h) => `*${esc(h.persona.name, 100)}* · importance ${h.importance}/5`);
  blocks.push(section(bulletList(`*Hired by ${job.hirers.length === 1 ? '1 persona' : `${job.hirers.length} personas`}*`, hirers)));
  const buttons: Button[] = [];
  if (opts.shareable) buttons.push(button('Share in channel', ACTION_IDS.shareCard, encodeCardRef({ kind: 'job', id: job.id }), 'primary'));
  for (const h of job.hirers.slice(0, MAX_HIRER_BUTTONS))
    buttons.push(button(`Show ${h.persona.name}`, ACTION_IDS.showPersona, encodeShowRef(h.persona.id, opts.query)));
  const others = opts.others ?? [];
  if (others.length) {
    const lines = others.map((o) => `*${esc(o.persona.name, 80)}* (${truncateMrkdwn(whyLine(o.reasons), 200)})`);
    blocks.push(context([`*Also matching${opts.query ? ` “${esc(opts.query, 60)}”` : ''}:* ${lines.join(' · ')}`]));
    for (const o of others) buttons.push(button(`Show ${o.persona.name}`, ACTION_IDS.showPersona, encodeShowRef(o.persona.id, opts.query)));
  }
  blocks.push(actions(buttons));
  return { text: fallback(`${job.kind} job: ${esc(job.statement)} (hired by ${job.hirers.map((h) => esc(h.persona.name, 100)).join(', ')})`), blocks };
}
