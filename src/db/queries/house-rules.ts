// A workspace's house rules: one set per workspace, replaced whole by each import.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { houseRules } from '../schema.js';

export type HouseRulesRow = typeof houseRules.$inferSelect;

export async function getHouseRules(db: Db, { teamId }: { teamId: string }): Promise<HouseRulesRow | null> {
  const [row] = await db.select().from(houseRules).where(eq(houseRules.teamId, teamId));
  return row ?? null;
}

/** When the workspace's house rules last changed (null: it has none); cheap enough to ask per review. */
export async function houseRulesImportedAt(db: Db, { teamId }: { teamId: string }): Promise<Date | null> {
  const [row] = await db.select({ at: houseRules.importedAt }).from(houseRules).where(eq(houseRules.teamId, teamId));
  return row?.at ?? null;
}

export async function saveHouseRules(
  db: Db,
  { teamId, fileName, body, rules, by, now }: { teamId: string; fileName: string; body: string; rules: unknown; by: string; now: Date },
): Promise<void> {
  await db
    .insert(houseRules)
    .values({ teamId, fileName, body, rules, importedBy: by, importedAt: now })
    .onConflictDoUpdate({ target: houseRules.teamId, set: { fileName, body, rules, importedBy: by, importedAt: now } });
}

export async function deleteHouseRules(db: Db, { teamId }: { teamId: string }): Promise<boolean> {
  const gone = await db.delete(houseRules).where(eq(houseRules.teamId, teamId)).returning({ teamId: houseRules.teamId });
  return gone.length > 0;
}
