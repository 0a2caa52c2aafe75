import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { savedModal } from '../../render/persona-modal.js';
import type { PersonaFormMetadata } from '../../render/persona-modal.js';
import { confirmedBlocks, noticeModal, notAllowedBlocks } from '../../render/confirm-persona.js';
import type { ConfirmFormMetadata } from '../../render/confirm-persona.js';
import { goneMessage } from '../../render/notices.js';
import { cardReply } from '../replies/cards.js';
import type { AppDeps } from '../../deps.js';
import { CALLBACK_IDS, CONFIRM_FORM, FORM_INPUT_ACTION, PERSONA_FORM } from '../../ids.js';
import { RECORD_BUDGET_MS, withinBudget } from '../../jobs/queue.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseMetadata } from '../../payloads.js';
import { homeReply } from '../replies/home.js';
import { readPersonaForm, viewStateSchema } from '../../forms/persona-form.js';
import { reviewAgainSubmission } from './review-again.js';

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

// A failure before the answer keeps the modal open with what the user typed, and says so.
const savingFailed = async ({ ack }: ViewArgs, _err: unknown, { acked }: { acked: boolean }) => {
  if (!acked) await ack({ response_action: 'errors', errors: { name: 'Saving failed on our side. Your input is still here; please try again in a moment.' } });
};
const confirmingFailed = async ({ ack }: ViewArgs, _err: unknown, { acked }: { acked: boolean }) => {
  if (!acked) await ack({ response_action: 'errors', errors: { [CONFIRM_FORM.note]: 'Confirming failed on our side. Please try again in a moment.' } });
};

const submissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({ private_metadata: z.string().default('{}'), state: z.object({ values: viewStateSchema }) }),
});

const metadataSchema = z.object({
  personaId: z.string().uuid().optional(),
  card: z.object({ responseUrl: z.url(), ephemeral: z.boolean() }).optional(),
}) satisfies z.ZodType<PersonaFormMetadata>;

const confirmMetadataSchema = z.object({ personaId: z.string().uuid() }) satisfies z.ZodType<ConfirmFormMetadata>;

/**
 * Saves the persona form. Problems go back next to their fields (`response_action: errors`),
 * which leaves everything the user typed in place; a saved form closes.
 */
export function personaFormSubmission(deps: AppDeps) {
  return handled<ViewArgs>({ name: 'saving a persona', log: deps.log, bodyAcks: true, onError: savingFailed }, async ({ ack, body, client, context }) => {
    const parsed = submissionSchema.safeParse(body);
    if (!parsed.success) {
      deps.log.warn({ issues: parsed.error.issues.length }, 'malformed view submission');
      await ack({ response_action: 'errors', errors: { [PERSONA_FORM.name]: 'Something in this form could not be read. Please try again.' } });
      return;
    }
    const teamId = teamOf(context);
    const userId = parsed.data.user.id;
    const meta = parseMetadata(parsed.data.view.private_metadata, metadataSchema);
    if (!meta) {
      deps.log.warn('persona form with unreadable private_metadata');
      await ack({ response_action: 'errors', errors: { [PERSONA_FORM.name]: 'This form could not be read. Please close it and open it again.' } });
      return;
    }
    const state = parsed.data.view.state.values;
    // Each database call has its deadline (DB_DEADLINE_MS), but a save is several (the persona,
    // then the transaction): on a slow store they add up past Slack's 3 s. Past the budget the
    // modal stays open with "try again"; a save that commits after all is found by the retry
    // (same content: unchanged; a new persona: the one this person's same form made, so saved).
    const outcome = await withinBudget(
      deps.editing.save(teamId, userId, meta.personaId ?? null, (existing, today) => readPersonaForm(state, existing, today)),
      RECORD_BUDGET_MS,
    );
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    const name = textOfName(parsed.data.view.state.values);
    const updateCard = meta.card !== undefined && !outcome.archived;
    await ack({ response_action: 'update', view: savedModal(name, { created: !meta.personaId, archived: outcome.archived, cardUpdated: updateCard }) });
    // After the ack (Slack's 3 s): the card Edit was clicked on shows the saved persona in its
    // place. Its response_url lives 30 minutes; after that the card stays as it was.
    if (updateCard) {
      const card = await cardReply(deps, teamId, { kind: 'persona', id: outcome.personaId }, { shareable: meta.card!.ephemeral });
      await postToResponseUrl(meta.card!.responseUrl, { replace_original: true, ...card }).catch((err: unknown) =>
        deps.log.warn({ err }, 'updating the edited card failed'),
      );
    }
    await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId) }).catch(() => {});
  });
}

const textOfName = (values: z.output<typeof viewStateSchema>): string => values[PERSONA_FORM.name]?.[FORM_INPUT_ACTION]?.value?.trim() || 'The persona';

/** A response_url post (a card replaced in place); true when Slack took it. */
async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<boolean> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(2000),
  });
  return res.ok;
}

/** Still accurate, confirmed in its modal: with the note, then the modal says so. */
export function confirmFormSubmission(deps: AppDeps) {
  return handled<ViewArgs>(
    { name: 'confirming a persona', log: deps.log, bodyAcks: true, onError: confirmingFailed },
    async ({ ack, body, client, context }) => {
      const parsed = submissionSchema.safeParse(body);
      const meta = parsed.success ? parseMetadata(parsed.data.view.private_metadata, confirmMetadataSchema) : null;
      if (!parsed.success || !meta) {
        await ack({ response_action: 'errors', errors: { [CONFIRM_FORM.note]: 'This form could not be read. Please close it and open it again.' } });
        return;
      }
      const teamId = teamOf(context);
      const userId = parsed.data.user.id;
      const note = parsed.data.view.state.values[CONFIRM_FORM.note]?.[FORM_INPUT_ACTION]?.value?.trim() || null;
      // As the save: several calls, bounded together by Slack's 3 s.
      const { outcome, persona } = await withinBudget(deps.editing.confirm(teamId, meta.personaId, userId, note), RECORD_BUDGET_MS);
      const blocks =
        outcome === 'confirmed' ? confirmedBlocks(persona!.name, note) : outcome === 'not_allowed' ? notAllowedBlocks(persona!) : goneMessage('persona').blocks;
      await ack({ response_action: 'update', view: noticeModal(outcome === 'confirmed' ? 'Confirmed' : 'Still accurate?', blocks) });
      await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId) }).catch(() => {});
    },
  );
}

export function register(app: App, deps: AppDeps): void {
  app.view(CALLBACK_IDS.confirmPersonaForm, confirmFormSubmission(deps));
  app.view(CALLBACK_IDS.personaForm, personaFormSubmission(deps));
  app.view(CALLBACK_IDS.reviewAgainForm, reviewAgainSubmission(deps));
}
