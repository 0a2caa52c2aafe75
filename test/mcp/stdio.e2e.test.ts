// `npm run -s mcp` as a desktop assistant starts it: a real process on an embedded store,
// driven by the SDK's stdio client. Standard output must carry the protocol and nothing else.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { fixedClock } from '../../src/domain/clock.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';

const TEAM = 'TSTDIO';
let dir: string;

function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, DATABASE_URL: `pglite:${join(dir, 'store')}`, SLACK_TEAM_ID: TEAM, REVIEW_MODEL: 'off', LOG_LEVEL: 'warn', ...extra };
}

/** Runs `npm run -s mcp` with stdin closed at once; resolves with its exit code and output. */
function runMcp(args: string[], env: Record<string, string>): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'mcp', ...(args.length ? ['--', ...args] : [])], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    child.stdin.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-mcp-'));
  const handle = await openDatabase(`pglite:${join(dir, 'store')}`);
  await handle.migrate();
  await importPersonaText(handle.db, TEAM, readFileSync('examples/personas.yaml', 'utf8'), 'examples/personas.yaml', fixedClock('2026-11-20T12:00:00Z'));
  await handle.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run -s mcp (stdio)', () => {
  it('initializes, lists its tools, finds and reviews, and refuses a draft over the limit', async () => {
    const transport = new StdioClientTransport({ command: 'npm', args: ['run', '-s', 'mcp'], env: serverEnv(), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('persona-bot');
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(6);
      const found = (await client.callTool({ name: 'find_persona', arguments: { query: 'cargo bike' } })) as CallToolResult;
      expect((found.structuredContent as { personas: Array<{ name: string }> }).personas[0]!.name).toBe('Cargo Bike Parent');
      const review = (await client.callTool({
        name: 'review_copy',
        arguments: { text: 'Haul two kids and the weekly shop without a car.', channel: 'instagram' },
      })) as CallToolResult;
      const result = reviewResultSchema.parse(review.structuredContent);
      expect(result.analysis.mode).toBe('lexical');
      const tooLong = (await client.callTool({ name: 'review_copy', arguments: { text: 'x'.repeat(50_000) } })) as CallToolResult;
      expect(tooLong.isError).toBe(true);
    } finally {
      await client.close();
    }
    expect(stderr).not.toMatch(/error/i);
  });

  it('says what is wrong and exits non-zero when the store does not exist or a setting is bad', async () => {
    const missing = await runMcp([], serverEnv({ DATABASE_URL: `pglite:${join(dir, 'nowhere')}` }));
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/nowhere/);
    const badTeam = await runMcp(['--team', 'not-a-team'], serverEnv());
    expect(badTeam.exitCode).toBe(2);
    expect(badTeam.stderr).toMatch(/--team must be a Slack workspace id/);
  });
});
