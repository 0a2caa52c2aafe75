// The body of a Web API call or response_url post as the bot sends it, read back by whatever
// stands in for Slack: the local console's stand-in, the tests' fake Slack and the benchmarks'.
// One parser, so the three read the bot's calls the same way.
import type { IncomingMessage } from 'node:http';

/** JSON, or a form whose structured fields (blocks, view …) the Web API client sent as JSON strings. */
export function parseWebApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* a plain string that happens to start with a bracket */
      }
    }
    out[k] = v;
  }
  return out;
}

/** The whole request body as text; more than `limit` bytes is refused. */
export async function readRequestBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
