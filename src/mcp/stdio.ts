// `npm run mcp`: the MCP server over stdio, for a desktop assistant that starts it as a command.
// It reads the same store and settings as the CLI; the workspace is --team, else SLACK_TEAM_ID.
// Standard output carries the protocol alone: logs go to standard error.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, DEFAULT_TEAM_ID, mcpEnvSchema, parseEnv } from '../config/env.js';
import { openDatabase, StoreNotFoundError } from '../db/client.js';
import type { DatabaseHandle } from '../db/client.js';
import { dbVectorStore } from '../db/queries/text-vectors.js';
import type { Clock } from '../domain/clock.js';
import { createLogger } from '../logger.js';
import { loadEmbedder } from '../review-engine/embedder.js';
import { createReviewEngine } from '../review-engine/engine.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import { WorkspaceIndexes } from '../search/workspace-indexes.js';
import { createPersonaMcpServer } from './tools.js';

export const MCP_USAGE = `Usage: npm run mcp -- [--team T…]

Serves the team's personas and the reviewer to an AI assistant over MCP (stdio).
The store is DATABASE_URL (unset: the embedded database in ./data/pglite); the workspace is
--team, else SLACK_TEAM_ID, else ${DEFAULT_TEAM_ID}. REVIEW_MODEL=off reviews by word overlap only.`;

export interface StdioIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

/** Serves until the client closes standard input (or a signal); resolves with the exit code. */
export async function serveStdio(argv: string[], io: StdioIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { team: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${MCP_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stderr.write(`${MCP_USAGE}\n`);
    return 0;
  }
  const log = createLogger({ destination: io.stderr });
  let handle: DatabaseHandle | undefined;
  try {
    const env = parseEnv(mcpEnvSchema, io.env);
    const teamId = values.team ?? env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID;
    if (!/^T[A-Z0-9_]+$/.test(teamId)) throw new ConfigError(`--team must be a Slack workspace id such as T012ABCDEF (got "${teamId}")`);
    handle = await openDatabase(env.DATABASE_URL, { mustExist: true });
    await handle.migrate();
    const indexes = new WorkspaceIndexes(handle.db, log);
    const unlisten = await indexes.listen(handle);
    const db = handle.db;
    // The model loads while the client initialises; the first review waits for it.
    const engine: Promise<ReviewEngine> = loadEmbedder({ disabled: !env.REVIEW_MODEL }).then((loaded) => {
      if (!loaded.embedder) log.warn({ reason: loaded.reason }, 'reviewing by word overlap only');
      return createReviewEngine({
        embedder: loaded.embedder,
        embedderReason: loaded.reason,
        store: dbVectorStore(db),
        clock: io.clock,
        staleAfterDays: env.STALE_AFTER_DAYS,
      });
    });
    engine.catch(() => {});
    const server = createPersonaMcpServer({ db, teamId, indexes, engine: () => engine, clock: io.clock, log, staleAfterDays: env.STALE_AFTER_DAYS });
    const transport = new StdioServerTransport(io.stdin as NodeJS.ReadStream & typeof process.stdin, io.stdout as NodeJS.WriteStream & typeof process.stdout);
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      io.stdin.once('end', () => resolve());
      io.stdin.once('close', () => resolve());
    });
    await server.connect(transport);
    log.info({ team: teamId, store: handle.location }, 'MCP server ready on stdio');
    await closed;
    await server.close().catch(() => {});
    await unlisten().catch(() => {});
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof StoreNotFoundError) {
      io.stderr.write(`persona-bot mcp: ${err.message}\n`);
      return 1;
    }
    log.error({ err }, 'MCP server failed');
    return 1;
  } finally {
    await handle?.close();
  }
}
