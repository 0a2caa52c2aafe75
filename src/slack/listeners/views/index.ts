import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { PersonaFormMetadata } from '../../render/persona-modal.js';
import type { AppDeps } from '../../deps.js';
import { CALLBACK_IDS, PERSONA_FORM } from '../../ids.js';
import { teamOf } from '../../middleware/team.js';
import { parseMetadata } from '../../payloads.js';
import { homeReply } from '../replies/home.js';
import { readPersonaForm, viewStateSchema } from '../../forms/persona-form.js';
import { reviewAgainSubmission } from './review-again.js';

const submissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({ private_metadata: z.string().default('{}'), state: z.object({ values: viewStateSchema }) }),
});

const metadataSchema = z.object({ personaId: z.string().uuid().optional() }) satisfies z.ZodType<PersonaFormMetadata>;

/**
 * Saves the persona form. Problems go back next to their fields (`response_action: errors`),
 * which leaves everything the user typed in place; a saved form closes.
 */
export function personaFormSubmission(deps: AppDeps) {
  return async ({ ack, body, client, context }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
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
    try {
      const state = parsed.data.view.state.values;
      const outcome = await deps.editing.save(teamId, userId, meta.personaId ?? null, (existing, today) => readPersonaForm(state, existing, today));
      if (!outcome.ok) {
        await ack({ response_action: 'errors', errors: outcome.errors });
        return;
      }
      await ack();
      await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId) }).catch(() => {});
    } catch (err) {
      deps.log.error({ err }, 'saving a persona failed');
      await ack({ response_action: 'errors', errors: { name: 'Saving failed on our side. Your input is still here; please try again in a moment.' } }).catch(
        () => {},
      );
    }
  };
}

export function register(app: App, deps: AppDeps): void {
  app.view(CALLBACK_IDS.personaForm, personaFormSubmission(deps));
  app.view(CALLBACK_IDS.reviewAgainForm, reviewAgainSubmission(deps));
}
