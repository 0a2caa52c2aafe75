// What the CLI says when a command fails for a reason other than the user's input: one line
// that says what happened and, where it can, what to do. Never SQL, parameters or a stack.
import { StoreNotFoundError } from '../db/client.js';
import { StoreBusyError } from '../db/embedded-store.js';
import { SchemaBehindError } from '../db/migrate.js';

const CONNECTION_LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', '57P01', '57P03', '25P03']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'CONNECT_TIMEOUT', '3D000', '28P01', '28000']);

/** The innermost error: drizzle wraps the driver's error in one whose message holds the SQL. */
function rootCause(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause !== undefined && /^Failed query/.test(e.message); i++) e = e.cause;
  return e;
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the connection to the store went away under a command (its owner stopped or died). */
export function isConnectionLoss(err: unknown): boolean {
  const code = codeOf(rootCause(err));
  return code !== undefined && CONNECTION_LOST.has(code);
}

export function describeFailure(err: unknown, store: string): string {
  if (err instanceof StoreNotFoundError) {
    return `${err.message} Run the command where the bot runs, or say where the store is: DATABASE_URL=pglite:<dir> (or postgres://…).`;
  }
  if (err instanceof StoreBusyError || err instanceof SchemaBehindError) return err.message;
  const cause = rootCause(err);
  const code = codeOf(cause);
  if (code && CONNECTION_LOST.has(code)) return `The connection to the store ${store} was lost (${code}); nothing more was written. Run the command again.`;
  if (code && UNREACHABLE.has(code)) return `Cannot reach the store ${store} (${code}). Is the server running, and is DATABASE_URL right?`;
  const message = cause instanceof Error ? cause.message.split('\n')[0]!.trim() : String(cause);
  // A Postgres error's message is the server's sentence; anything else is a bug worth reporting.
  if ((cause as { name?: string } | null)?.name === 'PostgresError') return `The store ${store} refused this: ${message}${code ? ` (SQLSTATE ${code})` : ''}.`;
  return `Unexpected error: ${message.slice(0, 300)}`;
}
