// Every tool and the persona resources through the SDK's own client, in memory: happy paths,
// bad input answered as MCP errors (never a crash), and one workspace only.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { createPersonaMcpServer, MAX_DRAFT_CHARACTERS } from '../../src/mcp/tools.js';
import { contextFor, exampleStore } from './support.js';

let handle: DatabaseHandle;
let client: Client;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}
const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

beforeAll(async () => {
  handle = await exampleStore();
  const server = createPersonaMcpServer(contextFor(handle));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client?.close();
  await handle?.close();
});

describe('the MCP server', () => {
  it('introduces itself and lists its tools with JSON Schemas for input and output', async () => {
    expect(client.getServerVersion()?.name).toBe('persona-bot');
    expect(client.getInstructions()).toMatch(/review_copy/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['channel_rules', 'find_persona', 'get_persona', 'list_personas', 'review_copy']);
    for (const t of tools) {
      expect(t.description!.length).toBeGreaterThan(60);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
    }
    const review = tools.find((t) => t.name === 'review_copy')!;
    expect(review.inputSchema.required).toEqual(['text']);
    expect(Object.keys(review.inputSchema.properties ?? {})).toEqual(['text', 'channel', 'persona']);
  });
});

describe('find_persona', () => {
  it('finds a persona from loose words, typos included, and says which fields matched', async () => {
    const r = await call('find_persona', { query: 'overboked lead' });
    expect(r.isError).toBeFalsy();
    const out = r.structuredContent as { personas: Array<{ name: string; matched: string[]; jobs: string[] }> };
    expect(out.personas[0]!.name).toBe('Overbooked Team Lead');
    expect(out.personas[0]!.matched).toContain('name');
    expect(out.personas[0]!.jobs.length).toBeGreaterThan(0);
    expect(text(r)).toMatch(/^Best match: Overbooked Team Lead/);
  });

  it('says plainly when nothing matches', async () => {
    const r = await call('find_persona', { query: 'zzqx vvkw' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ personas: [], jobs: [], note: 'Nothing matched. list_personas shows every persona.' });
  });

  it('refuses an empty query as a tool error', async () => {
    const r = await call('find_persona', { query: '   ' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/query must not be empty/);
  });
});

describe('get_persona and list_personas', () => {
  it('returns the whole persona in the persona file format, by name in any case', async () => {
    const r = await call('get_persona', { name: 'freelance designer' });
    expect(r.isError).toBeFalsy();
    const out = r.structuredContent as { persona: Record<string, unknown>; yaml: string; stale: boolean };
    expect(out.persona.name).toBe('Freelance Designer');
    expect(Object.keys(out.persona)).toEqual(expect.arrayContaining(['demographics', 'psychographics', 'sociographics', 'jobs', 'pains', 'gains']));
    expect(out.yaml).toMatch(/^version: 1\npersonas:\n {2}- name: Freelance Designer/);
  });

  it('answers an unknown name with an error that names the closest personas', async () => {
    const r = await call('get_persona', { name: 'Freelance Desginer X' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^No persona is named "Freelance Desginer X"\. Closest: Freelance Designer/);
  });

  it("lists this workspace's personas only", async () => {
    const r = await call('list_personas', {});
    const out = r.structuredContent as { count: number; personas: Array<{ name: string; stale: boolean; lastConfirmed: string }> };
    expect(out.count).toBe(7);
    expect(out.personas.map((p) => p.name)).not.toContain('Secret Other Persona');
    for (const p of out.personas) expect(p.lastConfirmed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const other = await call('get_persona', { name: 'Secret Other Persona' });
    expect(other.isError).toBe(true);
    const found = await call('find_persona', { query: 'Secret Other Persona' });
    expect(found.structuredContent).toMatchObject({ personas: [], jobs: [] });
  });
});

describe('review_copy', () => {
  it('returns the review JSON contract the CLI prints, with a one-line summary first', async () => {
    const r = await call('review_copy', {
      text: 'Back-to-back meetings all week? Block two focus hours a day automatically and finish the work that matters. Try it free.',
      channel: 'linkedin',
    });
    expect(r.isError).toBeFalsy();
    const result = reviewResultSchema.parse(r.structuredContent);
    expect(result.channel).toBe('linkedin');
    expect(result.personas.map((p) => p.name)).not.toContain('Secret Other Persona');
    expect(result.personas[0]!.name).toBe('Overbooked Team Lead');
    expect(text(r)).toMatch(/^Speaks to Overbooked Team Lead \(fit \d+\/100, (strong|partial)\)\. \d+ jobs? addressed/);
  });

  it('reviews against a named persona, and refuses an unknown one', async () => {
    const named = reviewResultSchema.parse(
      (await call('review_copy', { text: 'Get paid on time by every client.', persona: 'Freelance Designer' })).structuredContent,
    );
    expect(named.persona).toBe('Freelance Designer');
    const r = await call('review_copy', { text: 'Get paid on time.', persona: 'Nobody Here' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/no persona named "Nobody Here"; known: .*Freelance Designer/);
    expect(text(r)).not.toMatch(/Secret Other Persona/);
  });

  it("refuses an empty draft, a draft over Slack's 40,000 characters and an unknown channel as tool errors", async () => {
    const empty = await call('review_copy', { text: ' \n ' });
    expect(empty.isError).toBe(true);
    expect(text(empty)).toMatch(/text must not be empty/);
    const long = await call('review_copy', { text: 'Get paid on time. '.repeat(2800).slice(0, 50_000) });
    expect(long.isError).toBe(true);
    expect(text(long)).toMatch(new RegExp(`at most ${MAX_DRAFT_CHARACTERS.toLocaleString('en-US')} characters`));
    const channel = await call('review_copy', { text: 'Hello', channel: 'myspace' });
    expect(channel.isError).toBe(true);
    expect(text(channel)).toMatch(/channel/);
    const missing = await call('review_copy', {});
    expect(missing.isError).toBe(true);
  });

  it('reviews a draft exactly at the limit', async () => {
    const r = await call('review_copy', { text: 'a'.repeat(MAX_DRAFT_CHARACTERS) });
    expect(r.isError).toBeFalsy();
    expect(reviewResultSchema.parse(r.structuredContent).analysis.characters).toBe(MAX_DRAFT_CHARACTERS);
  });
});

describe('channel_rules', () => {
  it("lists one channel's rules, and the rules for every channel, each with a source and a date", async () => {
    const sms = (await call('channel_rules', { channel: 'sms' })).structuredContent as { rules: Array<{ channel: string; source: string; checked: string }> };
    expect(sms.rules.length).toBeGreaterThan(1);
    expect(new Set(sms.rules.map((r) => r.channel))).toEqual(new Set(['sms', 'any']));
    const all = (await call('channel_rules', {})).structuredContent as { rules: Array<{ channel: string; source: string; checked: string }> };
    expect(all.rules.length).toBeGreaterThan(sms.rules.length);
    for (const r of all.rules) {
      expect(r.source.length).toBeGreaterThan(0);
      expect(r.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('persona resources', () => {
  it('lists one resource per persona of the workspace and reads it as YAML', async () => {
    const { resources } = await client.listResources();
    expect(resources).toHaveLength(7);
    const lead = resources.find((r) => r.name === 'Overbooked Team Lead')!;
    expect(lead.uri).toBe('persona://Overbooked%20Team%20Lead');
    const read = await client.readResource({ uri: lead.uri });
    const content = read.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe('application/yaml');
    expect(content.text).toMatch(/- name: Overbooked Team Lead/);
  });

  it('answers an unknown or malformed persona address with an error', async () => {
    await expect(client.readResource({ uri: 'persona://Secret%20Other%20Persona' })).rejects.toThrow(/No persona is named "Secret Other Persona"/);
    await expect(client.readResource({ uri: 'persona://%E0%A4%A' })).rejects.toThrow(/not a persona address|No persona/);
  });
});
