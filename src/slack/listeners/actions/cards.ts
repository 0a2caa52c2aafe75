import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { decodeCardRef, decodeShowRef, SLASH_COMMAND } from '../../ids.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';
import { cardReply } from '../replies/cards.js';
import { listReply } from '../replies/persona-command.js';
import { handledBefore } from './once.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const sorry = ({ respond }: ButtonArgs) => respond({ response_type: 'ephemeral', replace_original: false, ...errorMessage() });

/**
 * "Share in channel": the card goes to the channel for everyone, the private copy goes away.
 * Once per private card: a redelivered click or a double click posts nothing more.
 */
export function shareCard(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'share', log: deps.log, onError: sorry }, async ({ body, context, respond }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    if (await handledBefore(deps, teamId, body, 'message')) return;
    const ref = decodeCardRef(value);
    if (!ref) throw new Error(`bad card reference ${JSON.stringify(value.slice(0, 80))}`);
    const card = await cardReply(deps, teamId, ref, { shareable: false, sharedBy: userId });
    await respond({ response_type: 'in_channel', replace_original: false, ...card });
    await respond({ delete_original: true });
  });
}

/**
 * A persona's card, for the clicker only. `inPlace`: a search's other matches and a job's
 * hirers replace the private answer with that card (shareable in turn), which keeps offering
 * the search's other matches. Otherwise (Show persona on a review) the card comes as a new
 * private message and the review stays.
 */
export function showPersona(deps: AppDeps, opts: { inPlace: boolean }) {
  return handled<ButtonArgs>({ name: 'show persona', log: deps.log, onError: sorry }, async ({ body, context, respond }) => {
    const { value } = parseButtonAction(body);
    const { id, query } = decodeShowRef(value);
    const card = await cardReply(deps, teamOf(context), { kind: 'persona', id }, { shareable: opts.inPlace }, query);
    await respond({ response_type: 'ephemeral', replace_original: opts.inPlace, ...card });
  });
}

export function listPage(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'list page', log: deps.log, onError: sorry }, async ({ body, context, respond }) => {
    const { value } = parseButtonAction(body);
    const page = /^\d+$/.test(value) ? Number(value) : 1;
    await respond({ response_type: 'ephemeral', replace_original: true, ...(await listReply(deps, teamOf(context), page, SLASH_COMMAND)) });
  });
}
