// "Review for another persona or channel": a persona select and a channel select.
import type { ModalView, PlainTextOption } from '@slack/types';
import { CHANNEL_IDS } from '../../domain/persona.js';
import { CALLBACK_IDS, FORM_INPUT_ACTION, REVIEW_FORM } from '../ids.js';
import { LIMITS, plainSafe } from './limits.js';
import { channelName } from '../../domain/persona.js';

export const AUTO = '__auto__';

export interface ReviewAgainMetadata {
  reviewId: string;
}

const text = (t: string) => ({ type: 'plain_text' as const, text: t, emoji: true });
const option = (label: string, value: string): PlainTextOption => ({ text: text(plainSafe(label, LIMITS.optionText)), value });

/** Persona options by id (names can exceed an option value's 75 characters); at most 99 plus "best fit". */
export function reviewAgainModal(
  reviewId: string,
  personas: Array<{ id: string; name: string }>,
  current: { personaId?: string; channel?: string },
): ModalView {
  const personaOptions = [option('Best fit (automatic)', AUTO), ...personas.slice(0, LIMITS.optionsPerSelect - 1).map((p) => option(p.name, p.id))];
  const channelOptions = [option('Best for the draft (automatic)', AUTO), ...CHANNEL_IDS.map((c) => option(channelName(c), c))];
  const initialPersona = personaOptions.find((o) => o.value === current.personaId) ?? personaOptions[0]!;
  const initialChannel = channelOptions.find((o) => o.value === current.channel) ?? channelOptions[0]!;
  const metadata: ReviewAgainMetadata = { reviewId };
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.reviewAgainForm,
    title: text('Review again'),
    submit: text('Review'),
    close: text('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: REVIEW_FORM.persona,
        label: text('Persona'),
        element: { type: 'static_select', action_id: FORM_INPUT_ACTION, options: personaOptions, initial_option: initialPersona },
      },
      {
        type: 'input',
        block_id: REVIEW_FORM.channel,
        label: text('Channel'),
        element: { type: 'static_select', action_id: FORM_INPUT_ACTION, options: channelOptions, initial_option: initialChannel },
      },
    ],
  };
}
