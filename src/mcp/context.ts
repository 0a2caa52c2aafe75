// What the MCP tools read: one workspace's store, its search index and the review engine.
// The stdio server (main.ts) and the HTTP endpoint (http.ts) build one each; tests build their own.
import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import type { WorkspaceIndexes } from '../search/workspace-indexes.js';

export interface McpContext {
  db: Db;
  /** Every tool is scoped to this one workspace: a client never names another. */
  teamId: string;
  indexes: WorkspaceIndexes;
  /** The engine may still be loading its sentence model; a review waits for it. */
  engine: () => Promise<ReviewEngine>;
  clock: Clock;
  log: Logger;
  staleAfterDays: number;
}

/** A refusal the client caused (unknown persona, bad text): its message goes back as the tool's error. */
export class ToolInputError extends Error {
  override name = 'ToolInputError';
}
