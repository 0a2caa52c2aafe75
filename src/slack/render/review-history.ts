// `/persona history`: the latest reviews, each saying which draft it was about: a snippet of
// the draft when its text is stored, else where it was posted, with a link to the message.
import type { ReviewRow } from '../../db/queries/reviews.js';
import { bulletList, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { channelName } from '../../domain/persona.js';

const SNIPPET = 80;

/** A Slack permalink of a message by channel and ts (Slack redirects it to the workspace). */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

/** Which draft a review was about, as mrkdwn. */
function draftOf(r: ReviewRow): string {
  const isPrivate = r.messageTs === '' || r.messageTs.startsWith('private:');
  const snippet = r.draftText ? `“${esc(r.draftText.replace(/\s+/g, ' ').trim(), SNIPPET)}”` : '';
  if (isPrivate) return `${snippet || 'pasted draft'} · private review${r.channelId ? ` in <#${r.channelId}>` : ''}`;
  const link = /^[CGD][A-Z0-9]+$/.test(r.channelId) && /^\d+\.\d+$/.test(r.messageTs) ? `<${messageLink(r.channelId, r.messageTs)}|message>` : 'message';
  return `${snippet ? `${snippet} · ` : ''}${link} in <#${r.channelId}>`;
}

export function reviewHistoryMessage(rows: ReviewRow[], persona?: string): SlackMessage {
  const title = persona ? `Latest reviews for ${persona}` : 'Latest reviews';
  if (rows.length === 0) {
    return {
      text: fallback(`${esc(title, 150)}: none yet.`),
      blocks: [section(`*${esc(title, 150)}*: none yet. Use *Review copy* on a draft, or \`/persona review\` with the text, to get one.`)],
    };
  }
  const lines = rows.map((r) => {
    const when = r.updatedAt.toISOString().slice(0, 10);
    const fit = r.personaName ? `${esc(r.personaName, 100)} (${r.match}, ${r.fit}/100)` : 'no persona fit';
    const corrected = r.correction ? ` · ${correctionWords(r.correction)}` : '';
    return `${when} · <@${r.requestedBy}> · ${draftOf(r)}\n   ${fit} · ${channelName(r.adChannel)}: ${r.verdict} · ${r.jobsAddressed} job${r.jobsAddressed === 1 ? '' : 's'}${corrected}`;
  });
  return { text: fallback(`${esc(title, 150)}: ${rows.length}`), blocks: [header(title), section(bulletList('', lines).replace(/^\n/, ''))] };
}

/** A stored correction is "<user id> <what they said>": the user is mentioned, the words escaped. */
function correctionWords(stored: string): string {
  const m = /^([UW][A-Z0-9]{2,20}) (.+)$/s.exec(stored);
  return m ? `corrected by <@${m[1]}>: ${esc(m[2]!, 200)}` : `corrected: ${esc(stored, 200)}`;
}
