import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { homeReply } from '../replies/home.js';
import { personaModal } from '../../render/persona-modal.js';
import { cardReply } from '../replies/cards.js';
import type { AppDeps } from '../../deps.js';
import { CALLBACK_IDS } from '../../ids.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The App Home search box (Enter) and its pages: re-publish the filtered catalog. */
export function homeSearch(deps: AppDeps) {
  return handled<ActionArgs>({ name: 'home search', log: deps.log }, async ({ body, context, client }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId, value) });
  });
}

export function homePage(deps: AppDeps) {
  return handled<ActionArgs>({ name: 'home page', log: deps.log }, async ({ body, context, client }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    const [, page = '1', query = ''] = /^(\d+)(?::([\s\S]*))?$/.exec(value) ?? [];
    await client.views.publish({ user_id: userId, view: await homeReply(deps, teamId, userId, query, Number(page)) });
  });
}

/** Show: the profile card in a modal (App Home has no thread to answer in). */
export function homeShow(deps: AppDeps) {
  return handled<ActionArgs>({ name: 'home show', log: deps.log }, async ({ body, context, client }) => {
    const { value } = parseButtonAction(body);
    const teamId = teamOf(context);
    const card = await cardReply(deps, teamId, { kind: 'persona', id: value }, { shareable: false });
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: {
        type: 'modal',
        callback_id: CALLBACK_IDS.personaCardModal,
        title: { type: 'plain_text', text: 'Persona' },
        close: { type: 'plain_text', text: 'Close' },
        blocks: card.blocks,
      },
    });
  });
}

/** New persona: the create modal, opened before any other I/O while the trigger id is fresh. */
export function homeNewPersona(deps: AppDeps) {
  return async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: personaModal(null) });
    } catch (err) {
      deps.log.error({ err }, 'opening the create modal failed');
    }
  };
}
