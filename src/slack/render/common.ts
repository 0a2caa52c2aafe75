// Small typed constructors shared by the builders; each keeps its text inside LIMITS.
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS, mrkdwnSafe, plainSafe, truncate, truncateMrkdwn } from './limits.js';

export interface SlackMessage {
  /** Fallback for notifications and clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: plainSafe(text, LIMITS.headerText) || '…', emoji: true } };
}

/** A section of mrkdwn the builder wrote itself (user text inside must already be escaped). */
export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, LIMITS.sectionText) || ' ' } };
}

export function fields(items: string[]): SectionBlock {
  return {
    type: 'section',
    fields: items.slice(0, LIMITS.fieldsPerSection).map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, LIMITS.fieldText) || ' ' })),
  };
}

export function context(parts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: parts
      .filter((p) => p.length > 0)
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, LIMITS.contextText) })),
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: plainSafe(text, LIMITS.buttonText) || '…', emoji: true },
    action_id: actionId,
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/**
 * Buttons in an actions block. Slack wants action ids unique within a block, so repeated ids
 * get a numeric suffix; listeners match them with a pattern.
 */
export function actions(buttons: Button[]): ActionsBlock {
  const seen = new Map<string, number>();
  const elements = buttons.slice(0, LIMITS.actionsElements).map((b) => {
    const n = seen.get(b.action_id!) ?? 0;
    seen.set(b.action_id!, n + 1);
    return n === 0 ? b : { ...b, action_id: `${b.action_id}:${n}` };
  });
  return { type: 'actions', elements };
}

/**
 * Joins `lines` under `title` while they fit in one section; the rest become "… and N more".
 */
export function bulletList(title: string, lines: string[], max: number = LIMITS.sectionText): string {
  let out = title;
  for (let i = 0; i < lines.length; i++) {
    const next = `\n• ${lines[i]}`;
    const more = `\n_… and ${lines.length - i} more_`;
    if (out.length + next.length + (i < lines.length - 1 ? more.length : 0) > max) return out + more;
    out += next;
  }
  return out;
}

/**
 * The one way user text (names, queries, drafts, anything from a request or the store) gets
 * into mrkdwn: escaped, so `<!channel>`, `<@U…>` and `<https://…|…>` show as typed instead of
 * notifying or linking, and shortened to `max` characters. Every `text` field Slack shows is
 * mrkdwn, fallback texts and ephemeral answers included.
 */
export const esc = (text: string, max = 300): string => mrkdwnSafe(text, max);

/**
 * A message's fallback text, from mrkdwn the builder wrote (user text in it already through
 * `esc`, never escaped twice): on one line, within the limit.
 */
export function fallback(mrkdwn: string): string {
  return truncateMrkdwn(mrkdwn.replace(/\s+/g, ' ').trim(), LIMITS.fallbackText);
}
