// What a request must look like before Bolt sees it. Bolt decides what a body is by which
// fields it has (`event`, then `command`, then `name`, then `actions`…) and reads the fields
// that routing needs without checking their types: `{"event": null}` or `actions: [null]`
// throw inside Bolt, before any listener could acknowledge. So the body is classified the way
// Bolt classifies it, and the fields Bolt and the listeners read before their ack are checked.
// Unknown fields pass: Slack adds fields over time. Listeners still parse what they use.
import { z } from 'zod';

/** Workspace, user and channel ids: upper-case letters and digits (T012AB3C4D, U…, W…, C…, D…, G…). */
const slackId = z.string().regex(/^[A-Z0-9][A-Z0-9_]{0,39}$/);
const url = z.url({ protocol: /^https?$/ });
const text = z.string();
/** Present and an object, or absent; `null` breaks Bolt's `'x' in value` checks. */
const objectOrAbsent = z.looseObject({}).optional();

const team = z.looseObject({ id: slackId }).nullish();
const user = z.looseObject({ id: slackId, team_id: slackId.optional() });
const enterprise = z.looseObject({ id: slackId }).nullish();

/** The view of a modal or App Home as interactivity payloads carry it. */
const view = z.looseObject({
  id: text.optional(),
  callback_id: text.optional(),
  private_metadata: text.optional(),
  app_installed_team_id: slackId.nullish(),
  state: z.looseObject({ values: z.record(text, z.record(text, z.looseObject({ type: text }))) }).optional(),
});

const interactive = {
  team,
  user,
  enterprise,
  view: view.optional(),
  response_url: url.optional(),
  response_urls: z.array(z.looseObject({ response_url: url })).optional(),
  trigger_id: text.optional(),
  // Bolt reads `channel.id` whenever `channel` is not undefined.
  channel: z.looseObject({ id: text }).optional(),
  container: objectOrAbsent,
  // Workflow functions (not used here) would make Bolt call the Web API with a token from the body.
  function_data: z.never({ error: 'workflow functions are not used by this app' }).optional(),
};

const command = z.looseObject({
  command: z.string().regex(/^\/\S{1,80}$/),
  text: text.optional(),
  team_id: slackId,
  user_id: slackId,
  channel_id: slackId.optional(),
  enterprise_id: slackId.optional(),
  response_url: url,
  trigger_id: text.optional(),
  is_enterprise_install: z.enum(['true', 'false']).optional(),
});

const blockActions = z.looseObject({
  ...interactive,
  type: z.literal('block_actions'),
  actions: z
    .array(
      z.looseObject({
        type: text,
        action_id: z.string().max(255),
        block_id: z.string().max(255).optional(),
        action_ts: text.optional(),
        value: text.optional(),
      }),
    )
    .min(1)
    .max(25),
});

const blockSuggestion = z.looseObject({
  ...interactive,
  type: z.literal('block_suggestion'),
  action_id: z.string().max(255),
  block_id: z.string().max(255),
  value: text,
});

const shortcut = z.looseObject({ ...interactive, type: z.literal('shortcut'), callback_id: z.string().max(255), trigger_id: text });

const messageAction = z.looseObject({
  ...interactive,
  type: z.literal('message_action'),
  callback_id: z.string().max(255),
  trigger_id: text,
  channel: z.looseObject({ id: slackId }),
  message: z.looseObject({ ts: text }),
});

const viewAction = z.looseObject({
  ...interactive,
  type: z.enum(['view_submission', 'view_closed']),
  view: view.extend({ id: text, callback_id: z.string().max(255) }),
});

/** An event's fields that Bolt reads to route it: each either absent or of the type Bolt assumes. */
const event = z.looseObject({
  type: z.string().min(1).max(255),
  user: z.union([text, z.looseObject({})]).optional(),
  channel: z.union([text, z.looseObject({})]).optional(),
  item: objectOrAbsent,
  subteam: objectOrAbsent,
  message: objectOrAbsent,
  previous_message: objectOrAbsent,
  assistant_thread: objectOrAbsent,
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: slackId.optional(),
  enterprise_id: slackId.nullish(),
  event_id: z.string().min(1).max(255),
  // Bolt leaves function_executed unacknowledged for a listener this app does not have.
  event: event.refine((e) => e.type !== 'function_executed', 'workflow functions are not used by this app'),
  authorizations: z
    .array(
      z.looseObject({
        team_id: slackId.nullish(),
        enterprise_id: slackId.nullish(),
        user_id: slackId.optional(),
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .optional(),
});

export type RequestKind = 'ssl_check' | 'url_verification' | 'rate_limited' | 'event' | 'command' | 'options' | 'action' | 'shortcut' | 'view';

export type Classified = { ok: true; kind: RequestKind } | { ok: false; reason: string };

const ok = (kind: RequestKind, schema: z.ZodType, body: unknown): Classified => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, kind };
  const issue = parsed.error.issues[0]!;
  return { ok: false, reason: `${kind}: ${issue.path.join('.') || '(body)'} ${issue.message}` };
};

/** What the request is, in Bolt's order of precedence, and whether it is well formed for that. */
export function classify(body: Record<string, unknown>): Classified {
  if (body.ssl_check === '1') return { ok: true, kind: 'ssl_check' };
  if (body.type === 'url_verification') return ok('url_verification', z.looseObject({ challenge: z.string().max(1000) }), body);
  // Slack tells the Events URL it dropped events; Bolt has no listener for it and would not answer.
  if (body.type === 'app_rate_limited') return { ok: true, kind: 'rate_limited' };
  if (body.event !== undefined) return ok('event', eventCallback, body);
  if (body.type === 'event_callback') return { ok: false, reason: 'event_callback without an event' };
  if (body.command !== undefined) return ok('command', command, body);
  if (body.name !== undefined || body.type === 'block_suggestion') return ok('options', blockSuggestion, body);
  if (body.actions !== undefined) return ok('action', blockActions, body);
  if (body.type === 'shortcut') return ok('shortcut', shortcut, body);
  if (body.type === 'message_action') return ok('shortcut', messageAction, body);
  if (body.type === 'view_submission' || body.type === 'view_closed') return ok('view', viewAction, body);
  return { ok: false, reason: `unknown request type ${typeof body.type === 'string' ? JSON.stringify(body.type.slice(0, 60)) : typeof body.type}` };
}
