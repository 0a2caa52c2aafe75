import type { ReviewRow } from '../../db/queries/reviews.js';
import { bulletList, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { channelName } from '../../domain/persona.js';

export function reviewHistoryMessage(rows: ReviewRow[], persona?: string): SlackMessage {
  const title = persona ? `Latest reviews for ${persona}` : 'Latest reviews';
  if (rows.length === 0) {
    return { text: fallback(`${esc(title, 150)}: none yet.`), blocks: [section(`*${esc(title, 150)}*: none yet. Use *Review copy* on a draft to get one.`)] };
  }
  const lines = rows.map((r) => {
    const when = r.updatedAt.toISOString().slice(0, 10);
    const where = r.channelId ? ` in <#${r.channelId}>` : '';
    const fit = r.personaName ? `${esc(r.personaName, 100)} (${r.match}, ${r.fit}/100)` : 'no persona fit';
    const corrected = r.correction ? ` · ${correctionWords(r.correction)}` : '';
    return `${when} · <@${r.requestedBy}>${where} · ${fit} · ${channelName(r.adChannel)}: ${r.verdict} · ${r.jobsAddressed} job${r.jobsAddressed === 1 ? '' : 's'}${corrected}`;
  });
  return { text: fallback(`${esc(title, 150)}: ${rows.length}`), blocks: [header(title), section(bulletList('', lines).replace(/^\n/, ''))] };
}

/** A stored correction is "<user id> <what they said>": the user is mentioned, the words escaped. */
function correctionWords(stored: string): string {
  const m = /^([UW][A-Z0-9]{2,20}) (.+)$/s.exec(stored);
  return m ? `corrected by <@${m[1]}>: ${esc(m[2]!, 200)}` : `corrected: ${esc(stored, 200)}`;
}
