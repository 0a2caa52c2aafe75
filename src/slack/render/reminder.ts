// The weekly reminder: one message per owner listing their stale personas, each with
// Still accurate and Edit; personas nobody owns go into one digest for a channel.
import type { KnownBlock } from '@slack/types';
import { freshness } from '../../domain/freshness.js';
import type { Persona } from '../../domain/persona.js';
import { ACTION_IDS } from '../ids.js';
import { actions, button, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS } from './limits.js';

export interface ReminderOptions {
  now: Date;
  staleAfterDays: number;
  /** Set for the channel digest of personas without an owner. */
  digest?: boolean;
  /** Persona name → trend shifts in its campaign results, said under its age. */
  trends?: Record<string, string[]>;
}

/** Characters of trend lines in one reminder (LIMITS.messageTotalText is 11,000 for everything). */
const TREND_TEXT_BUDGET = 4000;

export function reminderMessage(personas: Persona[], opts: ReminderOptions): SlackMessage {
  const intro = opts.digest
    ? `${personas.length} persona${personas.length === 1 ? ' has' : 's have'} no owner and ${personas.length === 1 ? 'has' : 'have'} not been confirmed for over ${opts.staleAfterDays} days. Is each still accurate?`
    : `${personas.length === 1 ? 'One of your personas has' : `${personas.length} of your personas have`} not been confirmed for over ${opts.staleAfterDays} days. Is each still accurate?`;
  const blocks: KnownBlock[] = [header(opts.digest ? 'Personas without an owner need a check' : 'Your personas need a check'), section(intro)];
  // Two blocks a persona; keep room for the header, intro and the "more" note.
  const room = Math.floor((LIMITS.blocksPerMessage - 3) / 2);
  const shown = personas.slice(0, room);
  // Trend lines share one budget, so a long list stays under the message's total text.
  let trendBudget = TREND_TEXT_BUDGET;
  for (const p of shown) {
    const { ageDays } = freshness(p.reviewedAt, opts.now, opts.staleAfterDays);
    const moved: string[] = [];
    for (const m of (opts.trends?.[p.name] ?? []).slice(0, 2)) {
      const line = `\n:ocean: _Results moved:_ ${esc(m, 400)}`;
      if (line.length > trendBudget) break;
      trendBudget -= line.length;
      moved.push(line);
    }
    blocks.push(
      section(`*${esc(p.name, 100)}*${p.product ? ` · ${esc(p.product, 60)}` : ''} · last confirmed ${p.reviewedAt} (${ageDays} days ago)` + moved.join('')),
      actions([button('Still accurate', ACTION_IDS.confirmPersona, p.id, 'primary'), button('Edit', ACTION_IDS.editPersona, p.id)]),
    );
  }
  if (personas.length > shown.length) blocks.push(context([`… and ${personas.length - shown.length} more: see the Persona Bot App Home.`]));
  return { text: fallback(`${intro} ${personas.map((p) => esc(p.name, 100)).join(', ')}`), blocks };
}
