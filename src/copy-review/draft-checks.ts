// What makes a message reviewable, said kindly when it is not.

export const MAX_DRAFT_CHARACTERS = 10_000;

export type DraftCheck = { ok: true; text: string } | { ok: false; reason: 'empty' | 'file_only' | 'too_long' | 'deleted'; message: string };

export interface MessageLike {
  text?: string | null;
  files?: unknown[] | null;
  subtype?: string | null;
}

/** Slack's escapes and user/channel mentions back to what the writer typed. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function checkDraft(message: MessageLike | null | undefined): DraftCheck {
  if (!message || message.subtype === 'tombstone' || message.subtype === 'message_deleted') {
    return { ok: false, reason: 'deleted', message: 'I can’t find that message any more; it may have been deleted. Paste the draft again and I’ll review it.' };
  }
  const text = slackTextToPlain(message.text ?? '').trim();
  if (text.length === 0) {
    if (message.files && message.files.length > 0) {
      return { ok: false, reason: 'file_only', message: 'That message is only a file. Paste the copy as text in a message and I’ll review it.' };
    }
    return { ok: false, reason: 'empty', message: 'That message has no text to review. Paste the draft copy and try again.' };
  }
  if (text.length > MAX_DRAFT_CHARACTERS) {
    return {
      ok: false,
      reason: 'too_long',
      message: `That draft is ${text.length.toLocaleString('en-US')} characters; I review up to ${MAX_DRAFT_CHARACTERS.toLocaleString('en-US')}. Paste the part that will run as the ad.`,
    };
  }
  return { ok: true, text };
}
