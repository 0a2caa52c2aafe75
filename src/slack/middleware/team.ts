// The workspace of a request, read in one place. Bolt takes it from the payload (the event's
// authorization, `team_id`, `team.id` or `user.team_id`) and puts it on `context.teamId`; this
// middleware checks it, so listeners never see an empty or malformed workspace. A request
// without one is acknowledged (Slack expects an answer) and goes no further.
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const TEAM_ID = /^T[A-Z0-9_]+$/;

export function requireTeam(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const teamId = args.context.teamId;
    if (typeof teamId !== 'string' || !TEAM_ID.test(teamId)) {
      log.warn({ type: (args.body as { type?: unknown }).type }, 'slack request without a workspace id: ignored');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}

/** The workspace `requireTeam` checked; listeners read it here and nowhere else. */
export function teamOf(context: Context): string {
  const teamId = context.teamId;
  if (!teamId) throw new Error('no workspace on the context: is the requireTeam middleware installed?');
  return teamId;
}
