// The create/edit persona modal. Pure: returns the view; the form reader turns its state back
// into a persona. Long lists (40 jobs) are split over several inputs of at most 3,000
// characters each, Slack's limit for one text input.
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { Persona } from '../../domain/persona.js';
import { formatAttributeLines, formatEvidenceLines, formatGainLines, formatJobLines, formatPainLines, SHORT_FORM_HELP } from '../../personas/short-form.js';
import { CALLBACK_IDS, FORM_INPUT_ACTION, PERSONA_FORM } from '../ids.js';
import { LIMITS, mrkdwnSafe, plainSafe } from './limits.js';
import { channelName } from '../../domain/persona.js';

export interface PersonaFormMetadata {
  /** The persona being edited; absent when creating. */
  personaId?: string;
  /** The card Edit was clicked on: its response_url, to show the saved persona in its place. */
  card?: { responseUrl: string; ephemeral: boolean };
}

const text = (t: string) => ({ type: 'plain_text' as const, text: t, emoji: true });

function textInput(
  blockId: string,
  label: string,
  opts: { initial?: string | null; multiline?: boolean; optional?: boolean; hint?: string; maxLength?: number; placeholder?: string },
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? true,
    label: text(label),
    ...(opts.hint ? { hint: text(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: FORM_INPUT_ACTION,
      multiline: opts.multiline ?? false,
      max_length: opts.maxLength ?? LIMITS.plainTextInput,
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.placeholder ? { placeholder: text(opts.placeholder) } : {}),
    },
  };
}

/**
 * Splits `lines` into chunks that each fit one text input, on line boundaries. Block ids are
 * `base`, `base:2`, `base:3` …; the reader joins them back in order.
 */
export function chunkLines(lines: string[], max: number = LIMITS.plainTextInput): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? raw.slice(0, max) : raw;
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current || chunks.length === 0) chunks.push(current);
  return chunks;
}

function listInputs(base: string, label: string, value: string, hint: string, placeholder: string): InputBlock[] {
  const chunks = chunkLines(value ? value.split('\n') : []);
  return chunks.map((chunk, i) =>
    textInput(i === 0 ? base : `${base}:${i + 1}`, chunks.length > 1 ? `${label} (${i + 1} of ${chunks.length})` : label, {
      initial: chunk,
      multiline: true,
      hint: i === chunks.length - 1 ? hint : undefined,
      placeholder: i === 0 ? placeholder : undefined,
    }),
  );
}

const channelOption = (id: string): PlainTextOption => ({ text: text(channelName(id)), value: id });

export function personaModal(persona: Persona | null, opts: { card?: PersonaFormMetadata['card'] } = {}): ModalView {
  const p = persona;
  const metadata: PersonaFormMetadata = p ? { personaId: p.id, ...(opts.card ? { card: opts.card } : {}) } : {};
  const blocks: KnownBlock[] = [
    textInput(PERSONA_FORM.name, 'Name', { initial: p?.name, optional: false, maxLength: 100, placeholder: 'Overbooked Team Lead' }),
    textInput(PERSONA_FORM.summary, 'Summary', { initial: p?.summary, optional: false, multiline: true, maxLength: 1000 }),
    textInput(PERSONA_FORM.product, 'Product', { initial: p?.product, maxLength: 100 }),
    {
      type: 'input',
      block_id: PERSONA_FORM.owner,
      optional: true,
      label: text('Owner'),
      hint: text('Who keeps this persona up to date; they get the reminders when it goes stale.'),
      element: { type: 'users_select', action_id: FORM_INPUT_ACTION, ...(p?.owner ? { initial_user: p.owner } : {}) },
    },
    textInput(PERSONA_FORM.quote, 'Quote', { initial: p?.quote, maxLength: 500 }),
    textInput(PERSONA_FORM.successMetric, 'Success metric', { initial: p?.successMetric, maxLength: 500 }),
    textInput(PERSONA_FORM.constraints, 'Constraints', { initial: p?.constraints.join('\n'), multiline: true, hint: 'One per line.' }),
    textInput(PERSONA_FORM.demographics, 'Demographics (circumstances)', {
      initial: p ? formatAttributeLines(p.demographics) : '',
      multiline: true,
      hint: SHORT_FORM_HELP.attributes,
      placeholder: 'role: Team lead',
    }),
    textInput(PERSONA_FORM.psychographics, 'Psychographics', {
      initial: p ? formatAttributeLines(p.psychographics) : '',
      multiline: true,
      hint: 'archetype, worldview, motivations … ' + SHORT_FORM_HELP.attributes,
    }),
    textInput(PERSONA_FORM.sociographics, 'Sociographics', {
      initial: p ? formatAttributeLines(p.sociographics) : '',
      multiline: true,
      hint: 'networks and orbits. ' + SHORT_FORM_HELP.attributes,
    }),
    {
      type: 'input',
      block_id: PERSONA_FORM.channels,
      optional: true,
      label: text('Channels'),
      element: {
        type: 'multi_static_select',
        action_id: FORM_INPUT_ACTION,
        options: CHANNEL_IDS.map(channelOption),
        ...(p && p.channels.length ? { initial_options: p.channels.map(channelOption) } : {}),
      },
    },
    ...listInputs(PERSONA_FORM.jobs, 'Jobs', p ? formatJobLines(p.jobs) : '', SHORT_FORM_HELP.jobs, 'functional | Get more done with less effort | 5'),
    ...listInputs(PERSONA_FORM.pains, 'Pains', p ? formatPainLines(p.pains) : '', SHORT_FORM_HELP.pains, 'obstacle | Back-to-back meetings | 4'),
    ...listInputs(PERSONA_FORM.gains, 'Gains', p ? formatGainLines(p.gains) : '', SHORT_FORM_HELP.gains, 'desired | Leave work on time | 4'),
    ...listInputs(
      PERSONA_FORM.evidence,
      'Evidence',
      p ? formatEvidenceLines(p.evidence) : '',
      SHORT_FORM_HELP.evidence,
      'interview | 12 manager interviews | 2026-09-15',
    ),
  ];
  if (p) {
    blocks.push({
      type: 'input',
      block_id: PERSONA_FORM.archive,
      optional: true,
      label: text('Archive'),
      hint: text('Archived personas leave search, lists and reminders. Only the owner or an admin can archive.'),
      element: {
        type: 'checkboxes',
        action_id: FORM_INPUT_ACTION,
        options: [{ text: text('Archive this persona'), value: 'archive' }],
        ...(p.archived ? { initial_options: [{ text: text('Archive this persona'), value: 'archive' }] } : {}),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.personaForm,
    title: text(plainSafe(p ? 'Edit persona' : 'New persona', LIMITS.viewTitle)),
    submit: text('Save'),
    close: text('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** What opens at once while the persona to edit is fetched: the trigger id lives 3 seconds. */
export function loadingModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.personaForm,
    title: text('Edit persona'),
    close: text('Cancel'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Loading the persona…' } }],
  };
}

/** What the modal turns into once saved: the confirmation the form was missing. */
export function savedModal(name: string, opts: { created: boolean; archived: boolean; cardUpdated: boolean }): ModalView {
  const what = opts.archived ? 'archived' : opts.created ? 'created' : 'saved';
  const lines = [`:white_check_mark: *${mrkdwnSafe(name, 100)}* is ${what}.`];
  if (opts.cardUpdated) lines.push('The card you edited is updated to show the change.');
  else if (!opts.archived) lines.push('Look it up with `/persona` or find it on the App Home.');
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.noticeModal,
    title: text(opts.created ? 'Persona created' : 'Persona saved'),
    close: text('Done'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }],
  };
}
