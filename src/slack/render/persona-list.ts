// `/persona list`: every persona in one compact message, paged when long.
import type { Button } from '@slack/types';
import type { Persona } from '../../domain/persona.js';
import { freshness } from '../../domain/freshness.js';
import { ACTION_IDS } from '../ids.js';
import { actions, button, context, esc, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS } from './limits.js';

/** Personas per page: keeps a page far below the message's block and total-text limits. */
export const LIST_PAGE_SIZE = 40;

export interface ListOptions {
  page: number;
  now: Date;
  staleAfterDays: number;
  command: string;
}

export function personaList(personas: Persona[], opts: ListOptions): SlackMessage {
  const pages = Math.max(1, Math.ceil(personas.length / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pages);
  if (personas.length === 0) {
    return {
      text: 'No personas yet.',
      blocks: [section('*No personas yet.* Import some with `npm run cli -- import personas.yaml`, or use the *Create persona* shortcut.')],
    };
  }
  const slice = personas.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
  const lines = slice.map((p) => {
    const { stale } = freshness(p.reviewedAt, opts.now, opts.staleAfterDays);
    const jobs = p.jobs.length === 1 ? '1 job' : `${p.jobs.length} jobs`;
    return `• *${esc(p.name, 100)}*${p.product ? ` · ${esc(p.product, 60)}` : ''} · ${jobs}${stale ? ' · :warning: stale' : ''}`;
  });
  // Lines grouped into sections that each stay under the section limit.
  const blocks: SlackMessage['blocks'] = [header(`Personas (${personas.length})`)];
  let chunk = '';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > LIMITS.sectionText) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) blocks.push(section(chunk));
  blocks.push(context([`Page ${page} of ${pages} · \`${opts.command} &lt;name&gt;\` shows a card`]));
  const nav: Button[] = [];
  if (page > 1) nav.push(button('Previous', ACTION_IDS.listPage, String(page - 1)));
  if (page < pages) nav.push(button('Next', ACTION_IDS.listPage, String(page + 1)));
  if (nav.length) blocks.push(actions(nav));
  return { text: `${personas.length} personas, page ${page} of ${pages}`, blocks };
}
