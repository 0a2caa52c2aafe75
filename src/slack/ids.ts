// Every slash command, callback id and action id the app answers to, in one place:
// builders export them into payloads and listeners register on them.

export const SLASH_COMMAND = '/persona';

export const ACTION_IDS = {
  /** Posts the card the asker sees to the channel. Value: a CardRef. */
  shareCard: 'card_share',
  /** Shows another persona's card (a search's other matches, a job card's hirers). Value: persona id. */
  showPersona: 'persona_show',
  /** Pages through `/persona list`. Value: page number. */
  listPage: 'persona_list_page',
} as const;

export const CALLBACK_IDS = {
  /** Message shortcut "Review copy". */
  reviewCopy: 'review_copy',
  /** Global shortcut "Create persona". */
  createPersona: 'create_persona',
} as const;

/** What a Share button points at: `persona:<id>` or `job:<id>`. */
export type CardRef = { kind: 'persona' | 'job'; id: string };

export function encodeCardRef(ref: CardRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function decodeCardRef(value: string): CardRef | null {
  const match = /^(persona|job):([0-9a-f-]{36})$/i.exec(value);
  return match ? { kind: match[1] as CardRef['kind'], id: match[2]! } : null;
}
