// Buttons with side effects act once, however often Slack delivers the click: a retry or a
// replay carries the same payload, and acting on it again would post the same card twice or
// record the same confirmation twice. The key is stored (handled_actions), so it holds across
// replicas and restarts, as reviews do.
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Action keys already acted on (the runtime gives one backed by the database). */
export interface ActionLog {
  /** Records an action key; false when it was recorded before (a redelivery). */
  firstDelivery(teamId: string, actionKey: string): Promise<boolean>;
}

const clickSchema = z.object({
  user: z.object({ id: z.string() }),
  container: z.object({ type: z.string(), channel_id: z.string().optional(), message_ts: z.string().optional(), view_id: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), action_ts: z.string().optional(), value: z.string().optional() })).min(1),
});

/**
 * - `click`: this click, as Slack stamped it (action_ts), by this user, on this message or view.
 * - `message`: this button on this message, whoever's click and whenever: for an action that
 *   can only be meant once per message (sharing a private card, which goes away once shared),
 *   so a double click counts once too.
 */
export type OnceScope = 'click' | 'message';

/** The key an action is remembered by, or null when the payload lacks what would identify it. */
export function actionKey(body: unknown, scope: OnceScope): string | null {
  const parsed = clickSchema.safeParse(body);
  if (!parsed.success) return null;
  const { user, container, actions } = parsed.data;
  const action = actions[0]!;
  const where = container ? [container.type, container.channel_id ?? '', container.message_ts ?? container.view_id ?? ''] : [];
  let parts: string[];
  if (scope === 'message') {
    if (!container?.message_ts) return null;
    parts = ['message', ...where, action.action_id, action.value ?? ''];
  } else {
    if (!action.action_ts) return null;
    parts = ['click', user.id, ...where, action.action_id, action.action_ts];
  }
  // Hashed: the parts come from the payload and may be long; the key must fit an index.
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** True when this action was acted on before (by this or another replica); records it otherwise. */
export async function handledBefore(deps: { actions: ActionLog }, teamId: string, body: unknown, scope: OnceScope = 'click'): Promise<boolean> {
  const key = actionKey(body, scope) ?? actionKey(body, 'click');
  if (!key) return false;
  return !(await deps.actions.firstDelivery(teamId, key));
}
