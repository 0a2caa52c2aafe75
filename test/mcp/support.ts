// A migrated in-memory store with the example personas in one workspace, and an MCP context on it.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { dbVectorStore } from '../../src/db/queries/text-vectors.js';
import { fixedClock } from '../../src/domain/clock.js';
import { silentLogger } from '../../src/logger.js';
import type { McpContext } from '../../src/mcp/context.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { WorkspaceIndexes } from '../../src/search/workspace-indexes.js';

export const MCP_TEAM = 'TMCP';
export const OTHER_TEAM = 'TOTHER';
export const EXAMPLES = 'examples/personas.yaml';

export async function exampleStore(): Promise<DatabaseHandle> {
  const clock = fixedClock('2026-11-20T12:00:00Z');
  const handle = await openDatabase('pglite:memory');
  await handle.migrate();
  await importPersonaText(handle.db, MCP_TEAM, readFileSync(EXAMPLES, 'utf8'), EXAMPLES, clock);
  // Another workspace's persona: no tool of MCP_TEAM may ever show it.
  await importPersonaText(
    handle.db,
    OTHER_TEAM,
    'version: 1\npersonas:\n  - name: Secret Other Persona\n    summary: Belongs to another workspace entirely.\n    jobs: [{ kind: functional, statement: Hide from other teams, importance: 3 }]\n',
    'other.yaml',
    clock,
  );
  return handle;
}

/** The engine reviews by word overlap (no model): fast and deterministic. */
export function contextFor(handle: DatabaseHandle, teamId = MCP_TEAM): McpContext {
  const clock = fixedClock('2026-11-20T12:00:00Z');
  const log = silentLogger();
  const engine = Promise.resolve(createReviewEngine({ embedder: null, embedderReason: 'REVIEW_MODEL=off', store: dbVectorStore(handle.db), clock }));
  return { db: handle.db, teamId, indexes: new WorkspaceIndexes(handle.db, log), engine: () => engine, clock, log, staleAfterDays: 90 };
}
