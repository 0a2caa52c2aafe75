// OAuth installations. Tokens arrive and leave here already encrypted: this file never sees a
// token in the clear (src/slack/oauth/ encrypts and decrypts).
import { eq, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { slackInstallations } from '../schema.js';

export type InstallationRow = typeof slackInstallations.$inferSelect;

/** A workspace install is keyed by its team id, an org-wide install by its enterprise id. */
export function installKey({
  teamId,
  enterpriseId,
  isEnterpriseInstall,
}: {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}): string {
  if (isEnterpriseInstall && enterpriseId) return enterpriseId;
  if (teamId) return teamId;
  throw new Error('an installation needs a team id, or an enterprise id for an org-wide install');
}

/** Stores an install, replacing the previous one of the same workspace (or org): a reinstall brings a new token. */
export async function saveInstallation(db: Db, row: InstallationRow): Promise<void> {
  const { installKey: _key, ...rest } = row;
  await db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.installKey, set: rest });
}

/**
 * The install that serves a request: the workspace's own, else its org's org-wide install
 * (Enterprise Grid: workspaces of an org share it).
 */
export async function findInstallation(
  db: Db,
  { teamId, enterpriseId }: { teamId?: string | null; enterpriseId?: string | null },
): Promise<InstallationRow | null> {
  const keys = [teamId, enterpriseId].filter((k): k is string => typeof k === 'string' && k.length > 0);
  if (keys.length === 0) return null;
  const rows = await db
    .select()
    .from(slackInstallations)
    .where(or(...keys.map((k) => eq(slackInstallations.installKey, k))));
  return rows.find((r) => r.installKey === teamId) ?? rows.find((r) => r.installKey === enterpriseId) ?? null;
}

/** Forgets the token of a workspace (or of an org-wide install): uninstalled or revoked. Returns how many were removed. */
export async function deleteInstallation(db: Db, { key }: { key: string }): Promise<number> {
  const rows = await db.delete(slackInstallations).where(eq(slackInstallations.installKey, key)).returning({ key: slackInstallations.installKey });
  return rows.length;
}

/** Every install (for reminders per workspace, and key rotation). */
export function listInstallations(db: Db): Promise<InstallationRow[]> {
  return db.select().from(slackInstallations);
}

/** Replaces one install's encrypted token (key rotation). */
export async function updateInstallationToken(db: Db, { key, botTokenEnc, keyId }: { key: string; botTokenEnc: string; keyId: string }): Promise<void> {
  await db.update(slackInstallations).set({ botTokenEnc, keyId }).where(eq(slackInstallations.installKey, key));
}
