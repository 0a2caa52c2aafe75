import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { homeReply } from '../replies/home.js';
import { loadingModal, personaModal } from '../../render/persona-modal.js';
import { goneMessage } from '../../render/notices.js';
import { esc, fallback, section } from '../../render/common.js';
import type { AppDeps } from '../../deps.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';
import { handledBefore } from './once.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Edit: a loading modal opens at once (the trigger lives 3 s), then fills with the stored persona. */
export function editPersona(deps: AppDeps) {
  return async ({ ack, body, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    let viewId: string | undefined;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: loadingModal() });
      viewId = opened.view?.id;
      const { value } = parseButtonAction(body);
      const teamId = teamOf(context);
      const persona = await deps.editing.load(teamId, value);
      const view = persona ? personaModal(persona) : { ...loadingModal(), blocks: goneMessage('persona').blocks };
      if (viewId) await client.views.update({ view_id: viewId, view });
    } catch (err) {
      deps.log.error({ err }, 'opening the edit modal failed');
      if (viewId)
        await client.views
          .update({ view_id: viewId, view: { ...loadingModal(), blocks: [section(':warning: Could not load the persona. Please try again in a moment.')] } })
          .catch(() => {});
    }
  };
}

/**
 * Still accurate: confirms today, then refreshes where it was clicked (a reminder, the App Home).
 * Once per click: a redelivery records no second confirmation.
 */
export function confirmPersona(deps: AppDeps) {
  return async ({ ack, body, context, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      const { userId, value } = parseButtonAction(body);
      const teamId = teamOf(context);
      if (await handledBefore(deps, teamId, body)) return;
      const persona = await deps.lookup.persona(teamId, value);
      const ok = await deps.editing.confirm(teamId, value, userId);
      if (body.container?.type === 'message' && body.response_url) {
        const name = persona?.name ?? 'The persona';
        await respond({
          replace_original: false,
          response_type: 'ephemeral',
          text: ok ? fallback(`:white_check_mark: ${esc(name, 100)} is confirmed as of today. Thanks for keeping it honest.`) : goneMessage('persona').text,
        });
      }
      await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId) });
    } catch (err) {
      deps.log.error({ err }, 'confirm failed');
    }
  };
}
