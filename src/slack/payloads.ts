// zod schemas for the parts of Slack's payloads the listeners read. Bolt has verified the
// signature; these make sure the fields we rely on are there and well formed.
import { z } from 'zod';

const slackId = z.string().regex(/^[A-Z0-9_]+$/);

/** Slack lets people type about 4,000 characters after a slash command. */
export const MAX_COMMAND_TEXT = 4000;

export const slashCommandSchema = z.object({
  command: z.string().startsWith('/'),
  // Not limited here: a longer text gets an answer that names the limit, not a parse error.
  text: z.string().default(''),
  team_id: slackId,
  user_id: slackId,
  channel_id: z.string().optional(),
  response_url: z.url(),
});

export const buttonActionSchema = z.object({
  team: z.object({ id: slackId }).nullish(),
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() })).min(1),
});

export type ButtonActionBody = z.output<typeof buttonActionSchema>;

/**
 * A view's private_metadata, which the app wrote as JSON when it opened the view; null when it
 * is not what the app writes there (a view this version did not open, or a forged one).
 */
export function parseMetadata<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The clicker and value of a button (or dispatched input) action, checked. The workspace comes from the context (middleware/team.ts). */
export function parseButtonAction(body: unknown): { userId: string; value: string } {
  const parsed = buttonActionSchema.parse(body);
  return { userId: parsed.user.id, value: parsed.actions[0]!.value ?? '' };
}
