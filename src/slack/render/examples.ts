// `/persona examples <persona>`: the ads the team marked for a persona (or as generic), who
// marked them and where they came from; a Remove button for the persona's owner and admins.
import type { KnownBlock } from '@slack/types';
import { ACTION_IDS } from '../ids.js';
import { actions, button, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';

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

/** Examples shown in one message (each takes a section and possibly a button). */
export const EXAMPLES_SHOWN = 20;

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
  for (const r of rows.slice(0, EXAMPLES_SHOWN)) {
    const what = r.text ? `“${esc(r.text.replace(/\s+/g, ' '), 300)}”` : '_(the text is not kept: REVIEW_STORE_TEXT is off)_';
    const jobs = r.jobs && r.jobs.length ? `\nJobs: ${r.jobs.map((j) => esc(j, 120)).join('; ')}` : '';
    const from =
      r.source === 'slack'
        ? `corrected in Slack by <@${r.createdBy}>`
        : r.source === 'assistant'
          ? `taught by an AI assistant (${esc(r.sourceRef ?? 'MCP', 100)})`
          : `learned from ${esc(r.sourceRef ?? 'a file', 100)}`;
    blocks.push(section(`${what}${jobs}`));
    blocks.push(context([`${from} · ${r.createdAt.toISOString().slice(0, 10)}`]));
    if (opts.canRemove) blocks.push(actions([button('Remove', ACTION_IDS.removeExample, r.id, 'danger')]));
  }
  if (rows.length > EXAMPLES_SHOWN) blocks.push(context([`… and ${rows.length - EXAMPLES_SHOWN} more (npm run cli -- learn --list shows all).`]));
  if (!opts.canRemove) blocks.push(context(['Only the persona’s owner or an admin can remove examples.']));
  return { text: fallback(`${esc(title, 150)}: ${rows.length}`), blocks };
}
