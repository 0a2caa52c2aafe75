// The remote MCP endpoint on the real bot (runtime + receiver), through the SDK's Streamable
// HTTP client: tools work with the token, and nothing works without it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const TOKEN = 'mcp-test-token-0123456789abcdef0123456789';

async function connect(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {});
  await client.connect(transport);
  return client;
}

function rpc(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return fetch(`${url}/mcp`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('the MCP endpoint at /mcp, with MCP_TOKEN set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ personaFiles: ['examples/personas.yaml'], env: { MCP_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves the SDK's client with the token: tools, a review, the workspace's personas", async () => {
    const client = await connect(app.url, TOKEN);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('review_copy');
      const list = (await client.callTool({ name: 'list_personas', arguments: {} })) as CallToolResult;
      expect((list.structuredContent as { count: number }).count).toBe(7);
      const review = (await client.callTool({
        name: 'review_copy',
        arguments: { text: 'Get paid on time by every client, without chasing invoices.', channel: 'email' },
      })) as CallToolResult;
      expect(review.isError).toBeFalsy();
      expect(reviewResultSchema.parse(review.structuredContent).channel).toBe('email');
      const bad = (await client.callTool({ name: 'get_persona', arguments: { name: 'Nobody' } })) as CallToolResult;
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('refuses a missing or wrong token with 401 before reading anything', async () => {
    await expect(connect(app.url)).rejects.toThrow(/401|Unauthorized/);
    await expect(connect(app.url, `${TOKEN}x`)).rejects.toThrow(/401|Unauthorized/);
    const none = await rpc(app.url, { body: INIT });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await rpc(app.url, { body: INIT, headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const basic = await rpc(app.url, { body: INIT, headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  it('answers other methods, bad JSON and an oversized body with clear HTTP errors, and keeps serving', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await rpc(app.url, { method: 'GET', headers: auth })).status).toBe(405);
    expect((await rpc(app.url, { method: 'DELETE', headers: auth })).status).toBe(405);
    const garbage = await rpc(app.url, { headers: auth, body: '{"jsonrpc":' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const huge = await rpc(app.url, {
      headers: auth,
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'review_copy', arguments: { text: 'x'.repeat(600_000) } } }),
    });
    expect(huge.status).toBe(413);
    const ok = await rpc(app.url, { headers: auth, body: INIT });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('persona-bot');
  });

  it("still answers Slack on the same port (the endpoint is beside Slack's, not in its way)", async () => {
    const { res } = await app.command('busy');
    expect(res.status).toBe(200);
  });
});

describe('without MCP_TOKEN', () => {
  it('has no MCP endpoint at all', async () => {
    const app = await startTestApp({});
    try {
      const res = await rpc(app.url, { body: INIT, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
