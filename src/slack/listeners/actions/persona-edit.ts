import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { loadingModal, personaModal } from '../../render/persona-modal.js';
import { askedBlocks, askOwnerMessage, confirmModal, noticeModal, notAllowedBlocks, notAllowedMessage } from '../../render/confirm-persona.js';
import { errorMessage, goneMessage } from '../../render/notices.js';
import { section } from '../../render/common.js';
import type { AppDeps } from '../../deps.js';
import { decodeEditRef } from '../../ids.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';
import { handledBefore } from './once.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** A failure on a message is answered there; in a modal or the Home tab there is no response_url to answer on. */
const sorry = async ({ body, respond }: ButtonArgs) => {
  if (clickedOnMessage(body)) await respond({ response_type: 'ephemeral', replace_original: false, ...errorMessage() });
};

/** Where a button was clicked: a message (answered through its response_url) or a view. */
function clickedOnMessage(body: BlockButtonAction): boolean {
  return body.container?.type === 'message' && Boolean(body.response_url);
}

/**
 * Edit: a loading modal opens at once (the trigger lives 3 s), then fills with the stored
 * persona. A card's response_url goes along, so saving updates the card that was clicked.
 */
export function editPersona(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'opening the edit modal', log: deps.log }, async ({ body, context, client }) => {
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: loadingModal() });
    const viewId = opened.view?.id;
    try {
      const { value } = parseButtonAction(body);
      const teamId = teamOf(context);
      const { id, fromCard } = decodeEditRef(value);
      const persona = await deps.editing.load(teamId, id);
      const card =
        clickedOnMessage(body) && fromCard
          ? { responseUrl: body.response_url!, ephemeral: (body.container as { is_ephemeral?: boolean }).is_ephemeral !== false }
          : undefined;
      const view = persona ? personaModal(persona, { card }) : { ...loadingModal(), blocks: goneMessage('persona').blocks };
      if (viewId) await client.views.update({ view_id: viewId, view });
    } catch (err) {
      // The loading modal is open: it says what went wrong rather than spinning on.
      if (viewId)
        await client.views
          .update({ view_id: viewId, view: { ...loadingModal(), blocks: [section(':warning: Could not load the persona. Please try again in a moment.')] } })
          .catch(() => {});
      throw err;
    }
  });
}

/**
 * Still accurate: the owner or an admin gets a modal to confirm, with an optional note; anyone
 * else is told who can, with *Ask the owner*. Once per click.
 */
export function confirmPersona(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'confirm', log: deps.log, onError: sorry }, async ({ body, context, client, respond }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    if (await handledBefore(deps, teamId, body)) return;
    const persona = await deps.editing.load(teamId, value);
    const onMessage = clickedOnMessage(body);
    if (!persona || persona.archived) {
      if (onMessage) await respond({ replace_original: false, response_type: 'ephemeral', ...goneMessage('persona') });
      else await client.views.open({ trigger_id: body.trigger_id, view: noticeModal('Persona', goneMessage('persona').blocks) });
      return;
    }
    if (deps.editing.canConfirm(persona, userId)) {
      await client.views.open({ trigger_id: body.trigger_id, view: confirmModal(persona, deps.clock.now(), deps.settings.staleAfterDays) });
      return;
    }
    if (onMessage) await respond({ replace_original: false, response_type: 'ephemeral', ...notAllowedMessage(persona) });
    else await client.views.open({ trigger_id: body.trigger_id, view: noticeModal('Still accurate?', notAllowedBlocks(persona)) });
  });
}

/**
 * Ask the owner: a direct message to the owner with Still accurate, sent once per persona,
 * asker and confirmation date however often it is clicked.
 */
export function askOwner(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'asking the owner', log: deps.log, onError: sorry }, async ({ body, context, client, respond }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    const persona = await deps.editing.load(teamId, value);
    const onMessage = clickedOnMessage(body);
    const show = async (blocks: ReturnType<typeof askedBlocks>) => {
      if (onMessage) await respond({ replace_original: true, response_type: 'ephemeral', text: 'Still accurate?', blocks });
      else if (body.view?.id) await client.views.update({ view_id: body.view.id, view: noticeModal('Still accurate?', blocks) });
    };
    if (!persona || persona.archived) return void (await show(goneMessage('persona').blocks));
    if (!persona.owner) return void (await show(notAllowedBlocks(persona)));
    const first = await deps.actions.firstDelivery(teamId, `ask-owner:${persona.id}:${userId}:${persona.reviewedAt}`);
    if (first) {
      const dm = askOwnerMessage(persona, userId, deps.clock.now(), deps.settings.staleAfterDays);
      await client.chat.postMessage({ channel: persona.owner, ...dm });
    }
    await show(askedBlocks(persona, !first));
  });
}
