// `/persona examples <persona>`: the ads the team marked for a persona (or as generic), who
// marked them and where they came from; a Remove button for the persona's owner and admins.
import type { KnownBlock } from '@slack/types';
import { ACTION_IDS } from '../ids.js';
import { actions, button, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { blockText, LIMITS } from './limits.js';

export interface ExampleLine {
  id: string;
  /** The ad's text when REVIEW_STORE_TEXT keeps it, else null. */
  text: string | null;
  jobs: readonly string[] | null;
  source: 'file' | 'persona-file' | 'slack' | 'assistant';
  sourceRef: string | null;
  createdBy: string;
  createdAt: Date;
}

/** Examples shown in one message at most (each takes a section, a context and possibly a button). */
export const EXAMPLES_SHOWN = 15;
/** Jobs named per example; the rest are counted. */
const JOBS_SHOWN = 5;
/** Room left for the header and the closing lines, in characters of text. */
const CLOSING_ROOM = 600;

export function examplesMessage(title: string, rows: readonly ExampleLine[], opts: { canRemove: boolean }): SlackMessage {
  if (rows.length === 0)
    return {
      text: fallback(`${esc(title, 150)}: no examples yet.`),
      blocks: [
        section(
          `*${esc(title, 150)}*: no examples yet. Correct a review with *Right persona* or *Wrong persona →*, or learn a file with \`npm run cli -- learn ads.yaml\`.`,
        ),
      ],
    };
  const blocks: KnownBlock[] = [header(title)];
  // Long ads and many jobs fill a message long before the count does: rows go in while the
  // whole message stays inside Slack's total text, and the rest are counted.
  let textLeft = LIMITS.messageTotalText - CLOSING_ROOM;
  let shown = 0;
  for (const r of rows.slice(0, EXAMPLES_SHOWN)) {
    const row = exampleBlocks(r, opts.canRemove);
    const size = row.reduce((n, b) => n + blockText(b), 0);
    if (size > textLeft) break;
    textLeft -= size;
    blocks.push(...row);
    shown++;
  }
  if (rows.length > shown) blocks.push(context([`… and ${rows.length - shown} more (npm run cli -- learn --list shows all).`]));
  if (!opts.canRemove) blocks.push(context(['Only the persona’s owner or an admin can remove examples.']));
  return { text: fallback(`${esc(title, 150)}: ${rows.length}`), blocks };
}

function exampleBlocks(r: ExampleLine, canRemove: boolean): KnownBlock[] {
  const what = r.text ? `“${esc(r.text.replace(/\s+/g, ' '), 300)}”` : '_(the text is not kept: REVIEW_STORE_TEXT is off)_';
  const more = r.jobs && r.jobs.length > JOBS_SHOWN ? `; and ${r.jobs.length - JOBS_SHOWN} more` : '';
  const jobs =
    r.jobs && r.jobs.length
      ? `\nJobs: ${r.jobs
          .slice(0, JOBS_SHOWN)
          .map((j) => esc(j, 120))
          .join('; ')}${more}`
      : '';
  const from =
    r.source === 'slack'
      ? `corrected in Slack by <@${r.createdBy}>`
      : r.source === 'assistant'
        ? `taught by an AI assistant (${esc(r.sourceRef ?? 'MCP', 100)})`
        : `learned from ${esc(r.sourceRef ?? 'a file', 100)}`;
  const out: KnownBlock[] = [section(`${what}${jobs}`), context([`${from} · ${r.createdAt.toISOString().slice(0, 10)}`])];
  if (canRemove) out.push(actions([button('Remove', ACTION_IDS.removeExample, r.id, 'danger')]));
  return out;
}
