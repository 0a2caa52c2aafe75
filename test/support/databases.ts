// Runs a suite against every store driver: PGlite always, PostgreSQL when TEST_DATABASE_URL
// is set. Each Postgres suite gets a database of its own, created and dropped here, so test
// files can run in parallel and "migrations apply to an empty database" means what it says.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database: a fresh Postgres database, or an in-memory PGlite. */
export async function createTestDatabase(driver: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (driver === 'pglite') return { url: 'pglite:memory', drop: async () => {} };
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `persona_bot_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const conn = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await conn.unsafe(`drop database if exists ${name} with (force)`);
      await conn.end();
    },
  };
}

export const DRIVERS = ['pglite', 'postgres'] as const;
export type Driver = (typeof DRIVERS)[number];

/**
 * Declares `body` once per driver. `handle()` gives the suite's migrated database; tests
 * keep apart by using their own workspace ids (see `newTeamId`).
 */
export function describeEachDriver(title: string, body: (ctx: { handle: () => DatabaseHandle; driver: Driver; url: () => string }) => void): void {
  for (const driver of DRIVERS) {
    const skip = driver === 'postgres' && !TEST_DATABASE_URL;
    describe.skipIf(skip)(`${title} [${driver}]`, () => {
      let db: TestDatabase;
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        db = await createTestDatabase(driver);
        handle = await openDatabase(db.url, { maxConnections: 4 });
        await handle.migrate();
      });
      afterAll(async () => {
        await handle?.close();
        await db?.drop();
      });
      body({
        driver,
        url: () => db.url,
        handle: () => {
          if (!handle) throw new Error('database not ready');
          return handle;
        },
      });
    });
  }
}

let teamCounter = 0;
/** A workspace id no other test uses. */
export function newTeamId(): string {
  teamCounter += 1;
  return `T${randomBytes(3).toString('hex').toUpperCase()}${teamCounter}`;
}
