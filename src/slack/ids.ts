// Every slash command, callback id and action id the app answers to, in one place:
// builders export them into payloads and listeners register on them.

export const SLASH_COMMAND = '/persona';

export const ACTION_IDS = {
  /** Posts the card the asker sees to the channel. Value: a CardRef. */
  shareCard: 'card_share',
  /** Shows another persona's card (a search's other matches, a job card's hirers). Value: a ShowRef. */
  showPersona: 'persona_show',
  /** Pages through `/persona list`. Value: page number. */
  listPage: 'persona_list_page',
  /** Opens the edit modal. Value: persona id. */
  editPersona: 'persona_edit',
  /** "Still accurate": confirms the persona today. Value: persona id. */
  confirmPersona: 'persona_confirm',
  /** Asks a persona's owner to confirm it (for someone who may not confirm it). Value: persona id. */
  askOwner: 'persona_ask_owner',
  /** App Home: opens the create-persona modal. */
  newPersona: 'home_new_persona',
  /** App Home: shows a persona's card in a modal. Value: persona id. */
  homeShow: 'home_show',
  /** App Home: the search box (dispatches on Enter). */
  homeSearch: 'home_search',
  /** App Home: pages. Value: `<page>` or `<page>:<query>`. */
  homePage: 'home_page',
  /** On a review: opens the persona/channel modal. Value: review id. */
  reviewAgain: 'review_again',
  /** On a review: the persona's card, visible to the clicker only. Value: persona id. */
  showPersonaPrivately: 'review_show_persona',
  /** On a review: "Right persona", kept as an example. Value: review id. */
  reviewRight: 'review_right',
  /**
   * On a review: "Wrong persona →" (a select). Option values: `<review id>:<persona id>` or
   * `<review id>:generic`. A close call adds a button for its other persona as `review_wrong:1`,
   * valued the same way.
   */
  reviewWrong: 'review_wrong',
  /** On a review: per-job corrections (a select). Option values: `<review id>:-:<job index>` (not addressed) or `<review id>:+:<job index>` (missed). */
  reviewJob: 'review_job',
  /** `/persona examples`: removes an example (owner and admins). Value: example id. */
  removeExample: 'example_remove',
} as const;

/** Block ids of the persona modal's inputs; the view-state reader and the error answer use them. */
export const PERSONA_FORM = {
  name: 'name',
  summary: 'summary',
  product: 'product',
  owner: 'owner',
  quote: 'quote',
  successMetric: 'success_metric',
  constraints: 'constraints',
  demographics: 'demographics',
  psychographics: 'psychographics',
  sociographics: 'sociographics',
  channels: 'channels',
  jobs: 'jobs',
  pains: 'pains',
  gains: 'gains',
  evidence: 'evidence',
  archive: 'archive',
} as const;

/** Block ids of the review-again modal. */
export const REVIEW_FORM = { persona: 'review_persona', channel: 'review_channel' } as const;

/** Block id of the note in the Still accurate modal. */
export const CONFIRM_FORM = { note: 'confirm_note' } as const;

/** The single action id inside each input block of the persona modal. */
export const FORM_INPUT_ACTION = 'value';

export const CALLBACK_IDS = {
  /** Message shortcut "Review copy". */
  reviewCopy: 'review_copy',
  /** Global shortcut "Create persona". */
  createPersona: 'create_persona',
  /** The persona modal (create and edit). */
  personaForm: 'persona_form',
  /** "Still accurate" with an optional note, for the owner or an admin. */
  confirmPersonaForm: 'persona_confirm_form',
  /** A modal that only says something (saved, not allowed …). */
  noticeModal: 'notice_modal',
  /** A read-only modal showing a card (from App Home). */
  personaCardModal: 'persona_card_modal',
  /** "Review for another persona or channel". */
  reviewAgainForm: 'review_again_form',
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

/**
 * What an "other match" button shows: a persona, and the search it came from (so the new card
 * offers the remaining matches too). `<persona id>` or `<persona id>|<query>`.
 */
export function encodeShowRef(id: string, query?: string): string {
  return query ? `${id}|${query.slice(0, 200)}` : id;
}

export function decodeShowRef(value: string): { id: string; query?: string } {
  const bar = value.indexOf('|');
  return bar < 0 ? { id: value } : { id: value.slice(0, bar), query: value.slice(bar + 1) || undefined };
}

/**
 * Edit on a persona card says so (`<id>|card`): saving then updates that card in place. Edit
 * elsewhere (App Home, reminders) carries the id alone.
 */
export function encodeEditRef(id: string, fromCard: boolean): string {
  return fromCard ? `${id}|card` : id;
}

export function decodeEditRef(value: string): { id: string; fromCard: boolean } {
  return value.endsWith('|card') ? { id: value.slice(0, -'|card'.length), fromCard: true } : { id: value, fromCard: false };
}
