// Reads "@Persona Bot review for <persona> on <channel>" out of a mention's text.
import type { ChannelId } from '../domain/persona.js';
import { parseChannelName } from '../review-engine/channel-hint.js';

export type MentionRequest = { kind: 'review'; persona?: string; channel?: ChannelId; unknownChannel?: string; rest: string } | { kind: 'help' };

export function parseMention(text: string): MentionRequest {
  const plain = text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^review\b(.*)$/is.exec(plain);
  if (!m) return { kind: 'help' };
  let rest = m[1]!.trim();
  let persona: string | undefined;
  let channel: ChannelId | undefined;
  let unknownChannel: string | undefined;
  // "on <channel>" at the end (channel names are one or two words: "google search").
  const on = /\bon\s+([a-z][a-z_ -]{0,20}?)\s*$/i.exec(rest);
  if (on) {
    const parsed = parseChannelName(on[1]!);
    if (parsed) channel = parsed;
    else unknownChannel = on[1]!;
    rest = rest.slice(0, on.index).trim();
  }
  const forMatch = /^for\s+(.+)$/is.exec(rest);
  if (forMatch) {
    persona = forMatch[1]!.replace(/^["“](.*)["”]$/, '$1').trim();
    rest = '';
  }
  return { kind: 'review', persona, channel, unknownChannel, rest };
}
