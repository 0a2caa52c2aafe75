// Which messages in an auto-review channel are drafts worth reviewing. Quiet by default:
// anything that is not clearly a draft is left alone.
import { slackTextToPlain } from './draft-checks.js';

export const MIN_AUTOREVIEW_CHARACTERS = 20;

export interface ChannelMessageEvent {
  type?: string;
  subtype?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
  app_id?: string;
  user?: string;
  files?: unknown[];
}

export type AutoReviewDecision = { review: true; text: string } | { review: false; why: string };

const EMOJI_ONLY = /^(?:\s|:[a-z0-9_+'-]+:|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Emoji_Component}|\u200d|\ufe0f)*$/u;
const LINK_ONLY = /^\s*<https?:\/\/[^>]+>\s*$|^\s*https?:\/\/\S+\s*$/;

/** Decides for a message as posted (or as it reads after an edit). */
export function autoReviewDecision(message: ChannelMessageEvent, botUserId?: string): AutoReviewDecision {
  if (message.bot_id || message.app_id || message.subtype === 'bot_message') return { review: false, why: 'a bot wrote it' };
  if (botUserId && message.user === botUserId) return { review: false, why: 'the bot wrote it' };
  if (message.subtype && message.subtype !== 'file_share' && message.subtype !== 'thread_broadcast')
    return { review: false, why: `a ${message.subtype} message` };
  if (message.thread_ts && message.thread_ts !== message.ts) return { review: false, why: 'a thread reply' };
  const raw = message.text ?? '';
  if (raw.trimStart().startsWith('//')) return { review: false, why: 'an aside (starts with //)' };
  if (LINK_ONLY.test(raw)) return { review: false, why: 'only a link' };
  const text = slackTextToPlain(raw).trim();
  if (text.length === 0) return { review: false, why: message.files?.length ? 'only a file' : 'no text' };
  if (EMOJI_ONLY.test(text)) return { review: false, why: 'only emoji' };
  if (text.length < MIN_AUTOREVIEW_CHARACTERS) return { review: false, why: `shorter than ${MIN_AUTOREVIEW_CHARACTERS} characters` };
  return { review: true, text };
}
