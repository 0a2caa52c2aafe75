import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../render/notices.js';
import { reviewAgainModal } from '../../render/review-modal.js';
import type { AppDeps } from '../../deps.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';
import { identityKey } from '../../../domain/persona.js';
import { z } from 'zod';
import { ACTION_IDS } from '../../ids.js';
import type { Correction } from '../../../copy-review/service.js';
import { fetchMessage, threadPoster } from '../../web/thread-poster.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type AnyActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

const sorry = ({ respond }: { respond: ButtonArgs['respond'] }) => respond({ response_type: 'ephemeral', replace_original: false, ...errorMessage() });

/** "Review for another persona or channel": the choice opens in a modal, from memory only. */
export function reviewAgain(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'review again', log: deps.log, onError: sorry }, async ({ body, context, client, respond }) => {
    const { value } = parseButtonAction(body);
    const teamId = teamOf(context);
    const [personas, review] = await Promise.all([deps.lookup.all(teamId), deps.reviews.getReview(teamId, value)]);
    if (!review) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That review is gone; run Review copy on the draft again.' });
      return;
    }
    const current = personas.find((p) => review.personaKey && identityKey(p.name) === review.personaKey);
    const sorted = [...personas].sort((a, b) => a.name.localeCompare(b.name));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: reviewAgainModal(review.id, sorted, { personaId: current?.id, channel: review.adChannelKey || undefined }),
    });
  });
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const selectActionSchema = z.object({
  user: z.object({ id: z.string().regex(/^[A-Z0-9_]+$/) }),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().max(2000).optional(), selected_option: z.object({ value: z.string().max(200) }).nullish() }))
    .min(1),
});

/** A correction's review and what it says, from a button (`<review id>`) or a select option. */
export function parseCorrection(actionId: string, value: string): { reviewId: string; correction: Correction } | null {
  if (actionId.startsWith(ACTION_IDS.reviewRight)) {
    const m = new RegExp(`^(${UUID})$`, 'i').exec(value);
    return m ? { reviewId: m[1]!, correction: { kind: 'right' } } : null;
  }
  if (actionId.startsWith(ACTION_IDS.reviewWrong)) {
    const m = new RegExp(`^(${UUID}):(${UUID}|generic)$`, 'i').exec(value);
    return m ? { reviewId: m[1]!, correction: { kind: 'persona', personaId: m[2] === 'generic' ? null : m[2]! } } : null;
  }
  if (actionId.startsWith(ACTION_IDS.reviewJob)) {
    const m = new RegExp(`^(${UUID}):([+-]):(\\d{1,3})$`, 'i').exec(value);
    return m ? { reviewId: m[1]!, correction: { kind: 'job', add: m[2] === '+', index: Number(m[3]) } } : null;
  }
  return null;
}

/** Right persona / Wrong persona → / a job correction: kept as an example; the post changes in place. */
export function correctReview(deps: AppDeps) {
  return handled<AnyActionArgs>({ name: 'review correction', log: deps.log, onError: sorry }, async ({ body, context, client, respond }) => {
    const parsed = selectActionSchema.parse(body);
    const action = parsed.actions[0]!;
    const found = parseCorrection(action.action_id, action.selected_option?.value ?? action.value ?? '');
    if (!found) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That choice could not be read; run Review copy on the draft again.' });
      return;
    }
    const teamId = teamOf(context);
    const review = await deps.reviews.getReview(teamId, found.reviewId);
    if (!review) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That review is gone; run Review copy on the draft again.' });
      return;
    }
    const text = review.draftText ?? (await fetchMessage(client, review.channelId, review.messageTs))?.text ?? null;
    const outcome = await deps.reviews.correct(teamId, found.reviewId, found.correction, { userId: parsed.user.id, text }, threadPoster(client));
    if (outcome.kind === 'problem') await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.message });
  });
}

/** Remove on `/persona examples`: the owner of the example's persona or an admin; the list is answered again. */
export function removeExample(deps: AppDeps) {
  return handled<ButtonArgs>({ name: 'removing an example', log: deps.log, onError: sorry }, async ({ body, context, respond }) => {
    const { userId, value } = parseButtonAction(body);
    const teamId = teamOf(context);
    const outcome = await deps.reviews.removeExample(teamId, value, userId, deps.settings.adminUserIds);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: outcome.ok ? 'Removed: reviews no longer learn from that ad.' : outcome.message,
    });
  });
}
