// The App Home tab: the workspace's persona catalog grouped by product, each with its
// freshness, owner and Still accurate / Edit / Show buttons; the viewer's stale personas
// first; a search box; pages that keep every view within Slack's 100 blocks.
import type { HomeView, KnownBlock } from '@slack/types';
import { freshness } from '../../domain/freshness.js';
import type { Persona } from '../../domain/persona.js';
import type { MatchReason } from '../../personas/lookup.js';
import { ACTION_IDS } from '../ids.js';
import { actions, button, context, esc, header, section } from './common.js';
import { LIMITS, truncateMrkdwn } from './limits.js';
import { whyLine } from './persona-card.js';

/** One entry of the catalog: its group heading, the persona, and why it matched a search. */
export interface HomeEntry {
  group: string;
  persona: Persona;
  why?: readonly MatchReason[];
}

export interface HomeOptions {
  viewer: string;
  now: Date;
  staleAfterDays: number;
  query?: string;
  page?: number;
  /** Set when the list is a search result (already filtered and ranked). */
  total: number;
}

const NO_PRODUCT = 'No product';

function entry(p: Persona, opts: HomeOptions, why?: readonly MatchReason[]): KnownBlock[] {
  const { ageDays, stale } = freshness(p.reviewedAt, opts.now, opts.staleAfterDays);
  const age = ageDays === 0 ? 'confirmed today' : ageDays === 1 ? 'confirmed 1 day ago' : `confirmed ${ageDays} days ago`;
  const line = `*${esc(p.name, 100)}* · ${age}${stale ? ' · :warning: *Stale*' : ''} · ${p.owner ? `owner <@${p.owner}>` : 'no owner'}`;
  return [
    section(`${line}\n${esc(p.summary, 200)}${why?.length ? `\n_Matched on: ${truncateMrkdwn(whyLine(why), 300)}_` : ''}`),
    actions([
      button('Still accurate', ACTION_IDS.confirmPersona, p.id, stale ? 'primary' : undefined),
      button('Edit', ACTION_IDS.editPersona, p.id),
      button('Show', ACTION_IDS.homeShow, p.id),
    ]),
  ];
}

/** Orders the catalog: the viewer's stale personas first, then by product and name. */
export function homeOrder(personas: Persona[], viewer: string, now: Date, staleAfterDays: number): HomeEntry[] {
  const mineStale = personas.filter((p) => p.owner === viewer && freshness(p.reviewedAt, now, staleAfterDays).stale);
  const rest = personas.filter((p) => !mineStale.includes(p));
  const byProduct = [...rest].sort((a, b) => (a.product ?? '\uffff').localeCompare(b.product ?? '\uffff') || a.name.localeCompare(b.name));
  return [
    ...mineStale.map((persona) => ({ group: 'Stale, and yours to check', persona })),
    ...byProduct.map((persona) => ({ group: persona.product ?? NO_PRODUCT, persona })),
  ];
}

export function homeView(ordered: HomeEntry[], opts: HomeOptions): HomeView {
  const top: KnownBlock[] = [
    header('Personas'),
    actions([button('New persona', ACTION_IDS.newPersona, 'new', 'primary')]),
    {
      type: 'input',
      block_id: ACTION_IDS.homeSearch,
      dispatch_action: true,
      optional: true,
      label: { type: 'plain_text', text: 'Search personas and jobs' },
      element: {
        type: 'plain_text_input',
        action_id: ACTION_IDS.homeSearch,
        dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
        ...(opts.query ? { initial_value: opts.query.slice(0, 200) } : {}),
        placeholder: { type: 'plain_text', text: 'Type and press Enter; empty shows everyone' },
      },
    },
  ];
  const stale = ordered.filter(({ persona }) => freshness(persona.reviewedAt, opts.now, opts.staleAfterDays).stale).length;
  const summary = opts.query
    ? `${opts.total} match${opts.total === 1 ? '' : 'es'} for “${esc(opts.query, 100)}”`
    : `${opts.total} persona${opts.total === 1 ? '' : 's'} · ${stale} stale (not confirmed for over ${opts.staleAfterDays} days)`;
  top.push(context([summary]));

  if (ordered.length === 0) {
    top.push(
      section(
        opts.query
          ? 'Nothing matches. Clear the search to see every persona.'
          : 'No personas yet. Add one with *New persona* above (or the *Create persona* shortcut), or import a persona file with the CLI.',
      ),
    );
    return { type: 'home', blocks: top };
  }

  // Pages by block budget: room for the top, a group header per group, two blocks per persona and the navigation.
  const budget = LIMITS.blocksPerView - top.length - 1;
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let group: string | null = null;
  for (const item of ordered) {
    const needHeader = item.group !== group;
    const cost = 2 + (needHeader ? 1 : 0);
    if (current.length + cost > budget) {
      pages.push(current);
      current = [];
      group = null;
    }
    if (item.group !== group) {
      current.push(header(item.group));
      group = item.group;
    }
    current.push(...entry(item.persona, opts, item.why));
  }
  pages.push(current);
  const page = Math.min(Math.max(1, opts.page ?? 1), pages.length);
  const blocks = [...top, ...pages[page - 1]!];
  if (pages.length > 1) {
    const q = opts.query ? `:${opts.query.slice(0, 1900)}` : '';
    const nav = [];
    if (page > 1) nav.push(button(`Previous (page ${page - 1})`, ACTION_IDS.homePage, `${page - 1}${q}`));
    if (page < pages.length) nav.push(button(`Next (page ${page + 1} of ${pages.length})`, ACTION_IDS.homePage, `${page + 1}${q}`));
    blocks.push(actions(nav));
  }
  return { type: 'home', blocks };
}
