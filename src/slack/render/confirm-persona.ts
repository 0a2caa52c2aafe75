// "Still accurate": the owner's (or an admin's) modal with an optional note, what it says once
// confirmed, and for everyone else the way to ask the owner instead.
import type { KnownBlock, ModalView } from '@slack/types';
import { freshness } from '../../domain/freshness.js';
import type { Persona } from '../../domain/persona.js';
import { ACTION_IDS, CALLBACK_IDS, CONFIRM_FORM, FORM_INPUT_ACTION } from '../ids.js';
import { actions, button, context, esc, fallback, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS, plainSafe } from './limits.js';

const text = (t: string) => ({ type: 'plain_text' as const, text: t, emoji: true });

export const CONFIRM_NOTE_MAX = 300;

export interface ConfirmFormMetadata {
  personaId: string;
}

function age(p: Persona, now: Date, staleAfterDays: number): string {
  const { ageDays, stale } = freshness(p.reviewedAt, now, staleAfterDays);
  const when = ageDays === 0 ? 'today' : ageDays === 1 ? '1 day ago' : `${ageDays} days ago`;
  return `last confirmed ${p.reviewedAt} (${when})${stale ? ', :warning: stale' : ''}`;
}

/** The owner's confirmation, with room for what they checked. */
export function confirmModal(p: Persona, now: Date, staleAfterDays: number): ModalView {
  const metadata: ConfirmFormMetadata = { personaId: p.id };
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.confirmPersonaForm,
    title: text('Still accurate?'),
    submit: text('Confirm'),
    close: text('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(
        `Confirm that *${esc(p.name, 100)}* still holds: its jobs, pains and gains match what research sees today. It was ${age(p, now, staleAfterDays)}.`,
      ),
      {
        type: 'input',
        block_id: CONFIRM_FORM.note,
        optional: true,
        label: text('Note'),
        hint: text('What you checked, shown on the card: "Re-checked against the Q4 interviews".'),
        element: { type: 'plain_text_input', action_id: FORM_INPUT_ACTION, multiline: true, max_length: CONFIRM_NOTE_MAX },
      },
    ],
  };
}

/** A modal that says one thing and closes. */
export function noticeModal(title: string, blocks: KnownBlock[]): ModalView {
  return { type: 'modal', callback_id: CALLBACK_IDS.noticeModal, title: text(plainSafe(title, LIMITS.viewTitle)), close: text('Close'), blocks };
}

export function confirmedBlocks(name: string, note: string | null): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`:white_check_mark: *${esc(name, 100)}* is confirmed as of today. Thanks for keeping it honest.`)];
  if (note) blocks.push(context([`Your note, shown on the card: “${esc(note, CONFIRM_NOTE_MAX)}”`]));
  return blocks;
}

/** For someone who may not confirm: why, and the way to ask the owner. */
export function notAllowedBlocks(p: Persona): KnownBlock[] {
  const name = `*${esc(p.name, 100)}*`;
  if (!p.owner)
    return [
      section(
        `Only a persona's owner or an admin can confirm it is still accurate: it is their promise that ${name} still holds. ${name} has no owner yet: ask an admin, or give it an owner with *Edit*.`,
      ),
    ];
  return [
    section(`Only <@${p.owner}>, who owns ${name}, or an admin can confirm it is still accurate: it is their promise that the persona still holds.`),
    actions([button('Ask the owner', ACTION_IDS.askOwner, p.id, 'primary')]),
  ];
}

export function notAllowedMessage(p: Persona): SlackMessage {
  return { text: fallback(`Only the owner or an admin can confirm ${esc(p.name, 100)}.`), blocks: notAllowedBlocks(p) };
}

/** The direct message the owner gets when someone asks. */
export function askOwnerMessage(p: Persona, asker: string, now: Date, staleAfterDays: number): SlackMessage {
  const line = `<@${asker}> asks whether *${esc(p.name, 100)}* is still accurate. It was ${age(p, now, staleAfterDays)}.`;
  return {
    text: fallback(line),
    blocks: [section(line), actions([button('Still accurate', ACTION_IDS.confirmPersona, p.id, 'primary'), button('Edit', ACTION_IDS.editPersona, p.id)])],
  };
}

/** What the asker sees: asked now, or asked before (the owner is messaged once). */
export function askedBlocks(p: Persona, already: boolean): KnownBlock[] {
  return [
    section(
      already
        ? `<@${p.owner}> was already asked about *${esc(p.name, 100)}*; they have the message.`
        : `:white_check_mark: Asked <@${p.owner}> to confirm *${esc(p.name, 100)}*. They get a direct message with a *Still accurate* button.`,
    ),
  ];
}
