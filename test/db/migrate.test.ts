import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config/database-url.js';
import { openDatabase } from '../../src/db/client.js';
import { createTestDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';

const TABLES = ['evidence', 'gains', 'jobs', 'pains', 'persona_jobs', 'personas'];

async function tableNames(url: string): Promise<string[]> {
  const handle = await openDatabase(url);
  try {
    const rows = await handle.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    // postgres.js returns rows as an array, PGlite as { rows }.
    const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: Array<{ table_name: string }> }).rows;
    return list.map((r) => r.table_name);
  } finally {
    await handle.close();
  }
}

describe('parseDatabaseUrl', () => {
  it('defaults to embedded PGlite in ./data/pglite', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ driver: 'pglite', dataDir: './data/pglite' });
    expect(parseDatabaseUrl('')).toEqual({ driver: 'pglite', dataDir: './data/pglite' });
  });
  it('reads pglite:memory, pglite:<dir> and postgres urls', () => {
    expect(parseDatabaseUrl('pglite:memory')).toEqual({ driver: 'pglite', dataDir: null });
    expect(parseDatabaseUrl('pglite:/var/lib/pb')).toEqual({ driver: 'pglite', dataDir: '/var/lib/pb' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ driver: 'postgres', url: 'postgresql://u@h/db' });
  });
  it('refuses anything else', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/must start with postgres/);
    expect(() => parseDatabaseUrl('pglite:')).toThrow(/needs a directory/);
  });
});

for (const driver of ['pglite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !TEST_DATABASE_URL)(`migrations [${driver}]`, () => {
    const created: TestDatabase[] = [];
    afterAll(async () => {
      for (const db of created) await db.drop();
    });

    it('apply to an empty database, and again as a no-op', async () => {
      const target = await createTestDatabase(driver);
      created.push(target);
      const handle = await openDatabase(target.url);
      try {
        await handle.migrate();
        await handle.migrate();
        const rows = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: Array<{ n: number }> }).rows;
        expect((list[0] as { n: number }).n).toBeGreaterThan(0);
      } finally {
        await handle.close();
      }
      if (driver === 'postgres') expect(await tableNames(target.url)).toEqual(expect.arrayContaining(TABLES));
    });

    it.runIf(driver === 'postgres')('are safe when two replicas start at once', async () => {
      const target = await createTestDatabase('postgres');
      created.push(target);
      const [a, b] = await Promise.all([openDatabase(target.url), openDatabase(target.url)]);
      try {
        await Promise.all([a.migrate(), b.migrate()]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      expect(await tableNames(target.url)).toEqual(expect.arrayContaining(TABLES));
    });
  });
}
