import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { StoreOwner } from './store-lock.js';

// src/db and dist/db sit at the same depth, so one relative path serves both.
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any constant works; it only has to be the same for every replica of the bot.
const MIGRATION_LOCK = 7_331_001;

export async function migratePgliteClient(client: PGlite): Promise<void> {
  await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR });
}

/**
 * Replicas starting together would race to create the same tables. Drizzle's migrator runs
 * its own transaction, so hold a session-level advisory lock around it, on a client of its
 * own with a single connection so that the lock and the migration share one session.
 */
export async function migratePostgresUrl(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_DIR });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    // Ending the session releases the lock too, should the migration have failed.
    await client.end({ timeout: 5 });
  }
}

export class SchemaBehindError extends Error {
  override name = 'SchemaBehindError';
}

/**
 * A process that joins an embedded store another process owns cannot migrate it (the owner
 * holds the only session, and migrated it when it took the store). It checks instead that
 * the owner is not older than itself, and says what to do when it is.
 */
export async function assertMigrated(client: postgres.Sql, location: string, owner: StoreOwner | null): Promise<void> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const newest = files.at(-1)?.folderMillis ?? 0;
  const [row] = await client<Array<{ applied: string | null }>>`select max(created_at)::text as applied from drizzle.__drizzle_migrations`;
  if (Number(row?.applied ?? 0) >= newest) return;
  const who = owner ? `process ${owner.pid} (${owner.command})` : 'the process that holds it';
  throw new SchemaBehindError(
    `The store ${location} is held by ${who}, an older version of Persona Bot whose database lacks this version's changes. Stop it, then run this again: the first process to open the store brings it up to date.`,
  );
}
