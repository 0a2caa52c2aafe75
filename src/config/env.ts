// Settings come from the environment and are checked with zod once, at start-up:
// a bad setting stops the process with one message naming every problem.
import { z } from 'zod';
import { parseDatabaseUrl } from '../db/client.js';

export const DEFAULT_TEAM_ID = 'T_LOCAL';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const storeEnvSchema = z.object({
  DATABASE_URL: optionalString.superRefine((v, ctx) => {
    try {
      parseDatabaseUrl(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  }),
  SLACK_TEAM_ID: optionalString.pipe(
    z
      .string()
      .regex(/^T[A-Z0-9_]+$/, 'must be a Slack workspace id such as T012ABCDEF')
      .optional(),
  ),
});

export type StoreEnv = z.output<typeof storeEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` with `schema`; the error lists every bad setting, one per line, with `hint` lines for where to get them. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, hints: Record<string, string> = {}): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '(environment)');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is not set' : issue.message;
    const hint = hints[key];
    return `  ${key} ${message}${hint ? `. ${hint}` : ''}`;
  });
  throw new ConfigError(`Configuration problems:\n${lines.join('\n')}`);
}
