import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { CHANNEL_IDS } from '../../../domain/persona.js';
import type { ChannelId } from '../../../domain/persona.js';
import { plainNotice } from '../../render/notices.js';
import { AUTO } from '../../render/review-modal.js';
import type { AppDeps } from '../../deps.js';
import { FORM_INPUT_ACTION, REVIEW_FORM } from '../../ids.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseMetadata } from '../../payloads.js';
import { fetchMessage, threadPoster } from '../../web/thread-poster.js';

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const submissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        [REVIEW_FORM.persona]: z.object({ [FORM_INPUT_ACTION]: selected }),
        [REVIEW_FORM.channel]: z.object({ [FORM_INPUT_ACTION]: selected }),
      }),
    }),
  }),
});

/** The modal closes at once; the review message in the thread then changes in place. */
export function reviewAgainSubmission(deps: AppDeps) {
  return handled<ViewArgs>({ name: 'review again', log: deps.log, bodyAcks: true }, async ({ ack, body, client, context }) => {
    const parsed = submissionSchema.safeParse(body);
    const meta = parsed.success ? parseMetadata(parsed.data.view.private_metadata, z.object({ reviewId: z.string() })) : null;
    if (!parsed.success || !meta) {
      await ack({ response_action: 'errors', errors: { [REVIEW_FORM.persona]: 'This form could not be read. Please close it and open it again.' } });
      return;
    }
    await ack();
    const { user, view } = parsed.data;
    const teamId = teamOf(context);
    const { reviewId } = meta;
    const personaId = view.state.values[REVIEW_FORM.persona][FORM_INPUT_ACTION].selected_option?.value ?? AUTO;
    const channel = view.state.values[REVIEW_FORM.channel][FORM_INPUT_ACTION].selected_option?.value ?? AUTO;
    const review = await deps.reviews.getReview(teamId, reviewId);
    if (!review) return;
    const persona = personaId === AUTO ? undefined : (await deps.lookup.persona(teamId, personaId))?.name;
    const adChannel = (CHANNEL_IDS as readonly string[]).includes(channel) ? (channel as ChannelId) : undefined;
    const text = review.draftText ?? (await fetchMessage(client, review.channelId, review.messageTs))?.text ?? null;
    const outcome = await deps.reviews.reviewAgain(teamId, reviewId, { persona, adChannel, userId: user.id, text }, threadPoster(client));
    if (outcome.kind === 'problem') await client.chat.postEphemeral({ channel: review.channelId, user: user.id, ...plainNotice(outcome.message) });
  });
}
