// The MCP endpoint for remote assistants: Streamable HTTP at POST /mcp on the bot's port, only
// when MCP_TOKEN is set. Stateless: each request gets its own server and transport, so replicas
// need no shared session. Order of refusal: method (405), token (401), rate (429), body (413/400).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import getRawBody from 'raw-body';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { McpContext } from './context.js';
import { createPersonaMcpServer } from './tools.js';

export const MCP_PATH = '/mcp';
/** A 40,000-character draft in JSON-RPC is well under this (4 bytes a character at most, escaped). */
export const MCP_MAX_BODY_BYTES = 512 * 1024;

export interface McpHttpOptions {
  token: string;
  context: McpContext;
  /** Requests per client address per minute. */
  perMinute?: number;
  maxBodyBytes?: number;
}

/** Compares in constant time: both sides are hashed first, so their lengths say nothing either. */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

export function mcpHttpHandler(opts: McpHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { context } = opts;
  const limiter = new RateLimiterMemory({ points: opts.perMinute ?? 120, duration: 60 });
  const maxBody = opts.maxBodyBytes ?? MCP_MAX_BODY_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Stateless: no server-sent stream to open (GET) and no session to end (DELETE).
    if (req.method !== 'POST') return jsonRpcError(res, 405, -32000, 'Method not allowed: send JSON-RPC with POST', { allow: 'POST' });
    const presented = bearer(req);
    if (!presented || !tokenMatches(presented, opts.token)) {
      // Never the token itself in the log: only that one was missing or wrong, and from where.
      context.log.warn({ remote: req.socket.remoteAddress, presented: presented ? 'wrong' : 'none' }, 'mcp: request refused (bearer token)');
      req.resume();
      return jsonRpcError(res, 401, -32001, 'Unauthorized: send the MCP token as "Authorization: Bearer <token>"', {
        'www-authenticate': 'Bearer realm="persona-bot-mcp"',
      });
    }
    try {
      await limiter.consume(req.socket.remoteAddress ?? 'unknown');
    } catch {
      req.resume();
      return jsonRpcError(res, 429, -32000, 'Too many requests: wait a minute', { 'retry-after': '60' });
    }
    let body: unknown;
    try {
      const raw = await getRawBody(req, { limit: maxBody, encoding: 'utf8', length: req.headers['content-length'] });
      body = JSON.parse(raw);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 413) return jsonRpcError(res, 413, -32000, `Request too large: at most ${maxBody} bytes`, { connection: 'close' });
      return jsonRpcError(res, 400, -32700, 'Parse error: the body must be JSON-RPC in UTF-8 JSON');
    }
    const server = createPersonaMcpServer(context);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close().catch(() => {});
      void server.close().catch(() => {});
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      context.log.error({ err }, 'mcp: request failed');
      jsonRpcError(res, 500, -32603, 'Internal error');
    });
  };
}
