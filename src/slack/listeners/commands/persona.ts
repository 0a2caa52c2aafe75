import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorMessage, tooLongMessage } from '../../blocks/notices.js';
import type { AppDeps } from '../../deps.js';
import { MAX_COMMAND_TEXT, slashCommandSchema } from '../../payloads.js';
import { personaCommandReply } from '../../replies/persona-command.js';

/** `/persona …`: acknowledge at once, answer through response_url, visible to the asker only. */
export function personaCommand(deps: AppDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const cmd = slashCommandSchema.parse(command);
      if (cmd.text.length > MAX_COMMAND_TEXT) return void (await respond({ response_type: 'ephemeral', ...tooLongMessage(cmd.command, cmd.text.length, MAX_COMMAND_TEXT) }));
      const reply = await personaCommandReply(deps, { teamId: cmd.team_id, userId: cmd.user_id, channelId: cmd.channel_id, command: cmd.command }, cmd.text);
      await respond({ response_type: 'ephemeral', ...reply });
    } catch (err) {
      deps.log.error({ err, team: command.team_id }, '/persona failed');
      await respond({ response_type: 'ephemeral', ...errorMessage() }).catch(() => {});
    }
  };
}
