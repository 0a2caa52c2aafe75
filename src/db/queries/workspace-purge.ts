// Deleting a workspace's data, all of it, in one transaction: every table of the schema that
// has a `team_id` column, found from the schema itself so that a table added later is never
// forgotten. Used after an uninstall, by an admin (`npm run cli -- workspace purge`).
import { eq, getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import * as schema from '../schema.js';

function teamTables(): Array<{ name: string; table: PgTable; teamId: PgColumn }> {
  const out: Array<{ name: string; table: PgTable; teamId: PgColumn }> = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const teamId = (getTableColumns(value) as Record<string, PgColumn>).teamId;
    if (teamId) out.push({ name: getTableName(value), table: value, teamId });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface PurgeCount {
  table: string;
  rows: number;
}

/** How many rows each table holds for the workspace (the dry run), in table order. */
export async function countWorkspaceRows(db: Db, { teamId }: { teamId: string }): Promise<PurgeCount[]> {
  const out: PurgeCount[] = [];
  for (const { name, table, teamId: col } of teamTables()) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(col, teamId));
    out.push({ table: name, rows: Number(row?.n ?? 0) });
  }
  return out;
}

/**
 * Deletes every row of the workspace in one transaction: all or nothing. Child rows go with
 * their parents (the schema's foreign keys cascade); the counts are taken inside the transaction.
 */
export async function purgeWorkspace(db: Db, { teamId }: { teamId: string }): Promise<PurgeCount[]> {
  return db.transaction(async (tx) => {
    const counts = await countWorkspaceRows(tx as unknown as Db, { teamId });
    for (const { table, teamId: col } of teamTables()) await tx.delete(table).where(eq(col, teamId));
    return counts;
  });
}
