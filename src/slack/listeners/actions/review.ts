import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../render/notices.js';
import { reviewAgainModal } from '../../render/review-modal.js';
import type { AppDeps } from '../../deps.js';
import { teamOf } from '../../middleware/team.js';
import { parseButtonAction } from '../../payloads.js';
import { identityKey } from '../../../domain/persona.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Review for another persona or channel": the choice opens in a modal, from memory only. */
export function reviewAgain(deps: AppDeps) {
  return async ({ ack, body, context, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    try {
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
    } catch (err) {
      deps.log.error({ err }, 'review again failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...errorMessage() }).catch(() => {});
    }
  };
}
