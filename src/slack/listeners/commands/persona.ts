import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorMessage, tooLongMessage } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { MAX_COMMAND_TEXT, slashCommandSchema } from '../../payloads.js';
import { personaCommandReply } from '../replies/persona-command.js';
import { insightsReply, isInsightsCommand } from '../replies/insights.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/persona …`: acknowledge at once, answer through response_url, visible to the asker only. */
export function personaCommand(deps: AppDeps) {
  const sorry = ({ respond }: CommandArgs) => respond({ response_type: 'ephemeral', ...errorMessage() });
  return handled<CommandArgs>({ name: '/persona', log: deps.log, onError: sorry }, async ({ command, respond, context, client }) => {
    const cmd = slashCommandSchema.parse(command);
    if (cmd.text.length > MAX_COMMAND_TEXT)
      return void (await respond({ response_type: 'ephemeral', ...tooLongMessage(cmd.command, cmd.text.length, MAX_COMMAND_TEXT) }));
    // `/persona insights [persona]` uploads a chart, so it needs the Web API client as well.
    if (isInsightsCommand(cmd.text)) return void (await respond({ response_type: 'ephemeral', ...(await insightsReply(deps, client, teamOf(context), cmd)) }));
    const reply = await personaCommandReply(deps, { teamId: teamOf(context), userId: cmd.user_id, channelId: cmd.channel_id, command: cmd.command }, cmd.text);
    await respond({ response_type: 'ephemeral', ...reply });
  });
}
