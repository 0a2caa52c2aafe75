// One log line per Slack request: its kind, workspace, latency and outcome. Nothing from the
// payload's text, tokens or user content goes into it.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { InFlight } from './in-flight.js';

export type RequestKind = 'command' | 'shortcut' | 'action' | 'view' | 'event' | 'options' | 'other';

type Body = Record<string, unknown>;

export function describeRequest(body: Body): { kind: RequestKind; name: string } {
  if (typeof body.command === 'string') return { kind: 'command', name: body.command };
  switch (body.type) {
    case 'block_actions':
      return { kind: 'action', name: String((body.actions as Array<{ action_id?: string }> | undefined)?.[0]?.action_id ?? '') };
    case 'shortcut':
    case 'message_action':
      return { kind: 'shortcut', name: String(body.callback_id ?? '') };
    case 'view_submission':
    case 'view_closed':
      return { kind: 'view', name: String((body.view as { callback_id?: string } | undefined)?.callback_id ?? '') };
    case 'event_callback':
      return { kind: 'event', name: String((body.event as { type?: string } | undefined)?.type ?? '') };
    case 'block_suggestion':
      return { kind: 'options', name: String(body.action_id ?? '') };
    default:
      return { kind: 'other', name: String(body.type ?? '') };
  }
}

/** Global middleware: logs each request when its listener is done, and tracks it meanwhile. */
export function requestLog(log: Logger, inFlight: InFlight): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const started = performance.now();
    const { kind, name } = describeRequest(body as Body);
    const team = context.teamId; // set by Bolt from the payload; middleware/team.ts checks it
    const done = inFlight.track();
    let outcome = 'ok';
    try {
      await next();
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      done();
      log.info({ kind, name, team, ms: Math.round(performance.now() - started), outcome }, 'slack request');
    }
  };
}
