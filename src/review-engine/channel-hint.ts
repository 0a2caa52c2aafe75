// Reads which channel a pasted draft is meant for from the draft itself: a leading tag such as
// "[tiktok]", a "channel: meta" line, or a first line starting "Subject:" (an email). Returns the
// draft without the hint (a subject line stays: it is part of the email).
import { CHANNEL_IDS } from '../domain/persona.js';
import type { ChannelId } from '../domain/persona.js';

const ALIASES: Record<string, ChannelId> = {
  google: 'google_search',
  'google search': 'google_search',
  'google ads': 'google_search',
  search: 'google_search',
  sea: 'google_search',
  facebook: 'meta',
  fb: 'meta',
  ig: 'instagram',
  insta: 'instagram',
  tt: 'tiktok',
  'tik tok': 'tiktok',
  li: 'linkedin',
  twitter: 'x',
  tweet: 'x',
  mail: 'email',
  'e mail': 'email',
  newsletter: 'email',
  text: 'sms',
  'text message': 'sms',
};

/** A channel id from what people type: "TikTok", "google-search", "Facebook", "e-mail". */
export function parseChannelName(raw: string): ChannelId | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const id = key.replace(/ /g, '_');
  if ((CHANNEL_IDS as readonly string[]).includes(id)) return id as ChannelId;
  return ALIASES[key] ?? null;
}

export interface ChannelHint {
  channel: ChannelId | null;
  /** The draft without the hint. */
  text: string;
  /** How the channel was recognised. */
  from: 'tag' | 'line' | 'subject' | null;
}

export function detectChannel(text: string): ChannelHint {
  const tag = /^\s*\[([^\]\n]{1,24})\]\s*/.exec(text);
  if (tag) {
    const channel = parseChannelName(tag[1]!);
    if (channel) return { channel, text: text.slice(tag[0].length), from: 'tag' };
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*channel\s*[:=]\s*(.+?)\s*$/i.exec(lines[i]!);
    if (!m) continue;
    const channel = parseChannelName(m[1]!);
    if (!channel) continue;
    const rest = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    return { channel, text: rest.replace(/^\s*\n/, ''), from: 'line' };
  }
  const first = lines.find((l) => l.trim() !== '');
  if (first && /^\s*subject\s*:/i.test(first)) return { channel: 'email', text, from: 'subject' };
  return { channel: null, text, from: null };
}
