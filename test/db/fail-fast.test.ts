// The serving process's view of the store: queries and transactions work as on the plain
// handle; a call past its deadline is given up (and cancelled on the server); an unreachable
// store opens the breaker, calls then fail at once, and the first answer closes it again.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { isStoreClosed, isStoreUnavailable } from '../../src/db/fail-fast.js';
import { processedEvents } from '../../src/db/schema.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDatabase, describeEachDriver, DRIVERS, newTeamId, TEST_DATABASE_URL } from '../support/databases.js';
import { createProxiedDatabase } from '../support/outage.js';
import type { ProxiedDatabase } from '../support/outage.js';

const log = silentLogger();
const at = new Date('2026-11-20T12:00:00Z');

/** The rows of a raw query (drizzle types them as unknown on our Db type). */
async function rowsOf<T>(query: Promise<unknown>): Promise<T[]> {
  return [...((await query) as Iterable<T>)];
}

/** How long `work` took to settle, and how. */
async function timed(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = performance.now();
  let error: unknown = null;
  await work.catch((err: unknown) => {
    error = err;
  });
  return { ms: performance.now() - start, error };
}

describeEachDriver('the fail-fast view of the store', ({ handle }) => {
  it('reads, writes and runs transactions (nested ones too) as the plain handle does', async () => {
    const { db } = handle().failFast({ deadlineMs: 2000, log });
    const teamId = newTeamId();
    await db.insert(processedEvents).values({ teamId, eventId: 'Ev1', at });
    await db.transaction(async (tx) => {
      await tx.insert(processedEvents).values({ teamId, eventId: 'Ev2', at });
      // A nested transaction (a savepoint) that fails rolls back alone.
      await tx
        .transaction(async (inner) => {
          await inner.insert(processedEvents).values({ teamId, eventId: 'Ev3', at });
          throw new Error('changed my mind');
        })
        .catch(() => {});
    });
    const rows = await db.select({ eventId: processedEvents.eventId }).from(processedEvents).where(eq(processedEvents.teamId, teamId));
    expect(rows.map((r) => r.eventId).sort()).toEqual(['Ev1', 'Ev2']);
    expect(await rowsOf(db.execute(sql`select count(*)::int as n from processed_events where team_id = ${teamId}`))).toEqual([{ n: 2 }]);
    // The plain handle sees the same rows: one pool.
    const plain = await handle()
      .db.select()
      .from(processedEvents)
      .where(and(eq(processedEvents.teamId, teamId), eq(processedEvents.eventId, 'Ev2')));
    expect(plain).toHaveLength(1);
  });

  it("keeps the breaker closed on the caller's own errors", async () => {
    const ff = handle().failFast({ deadlineMs: 2000, log });
    const teamId = newTeamId();
    await ff.db.insert(processedEvents).values({ teamId, eventId: 'EvDup', at });
    for (let i = 0; i < 5; i++) {
      await expect(ff.db.insert(processedEvents).values({ teamId, eventId: 'EvDup', at })).rejects.toThrow();
      await expect(ff.db.execute(sql`select no_such_column from processed_events`)).rejects.toThrow();
    }
    expect(ff.isOpen()).toBe(false);
    expect(await ff.db.select().from(processedEvents).where(eq(processedEvents.teamId, teamId))).toHaveLength(1);
  });
});

describe.each(DRIVERS)('the fail-fast view of a closed handle [%s]', (driver) => {
  it.skipIf(driver === 'postgres' && !TEST_DATABASE_URL)(
    'refuses calls as closed (a stop), not as a failing store or opossum\'s "circuit has been shutdown"',
    async () => {
      const target = await createTestDatabase(driver);
      const own = await openDatabase(target.url);
      try {
        await own.migrate();
        const ff = own.failFast({ deadlineMs: 2000, log });
        await ff.db.select().from(processedEvents).limit(1);
        await own.close();
        const errors = [
          (await timed(ff.db.select().from(processedEvents).limit(1))).error,
          (await timed(ff.db.transaction(async (tx) => tx.select().from(processedEvents).limit(1)))).error,
        ];
        for (const err of errors) {
          expect(isStoreClosed(err)).toBe(true);
          // Still a refusal a person's request answers with "try again".
          expect(isStoreUnavailable(err)).toBe(true);
          expect(String((err as Error).message) + String((err as Error).cause)).not.toContain('circuit');
        }
        // An error of the store itself is not a stop.
        expect(isStoreClosed(new Error('Failed query: select 1', { cause: new Error('ECONNREFUSED') }))).toBe(false);
      } finally {
        await own.close().catch(() => {});
        await target.drop();
      }
    },
  );
});

async function closesWithin(ff: { isOpen(): boolean }, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (ff.isOpen() && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  return !ff.isOpen();
}

describe.skipIf(!TEST_DATABASE_URL)('deadlines and the breaker [postgres]', () => {
  let db: ProxiedDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    db = await createProxiedDatabase();
    handle = await openDatabase(db.url);
    await handle.migrate();
  });
  afterEach(() => db.proxy.restore());
  afterAll(async () => {
    await handle?.close();
    await db?.close();
  });

  it('gives up a statement past its deadline and cancels it on the server', async () => {
    const { db: fast } = handle.failFast({ deadlineMs: 400, resetMs: 300, log });
    const late = await timed(fast.execute(sql`select pg_sleep(5) as slept_for_the_deadline_test`));
    expect(isStoreUnavailable(late.error)).toBe(true);
    expect(late.ms).toBeGreaterThanOrEqual(390);
    expect(late.ms).toBeLessThan(1500);
    // The server stops the statement (CancelRequest) rather than running it out.
    let running = 1;
    for (let i = 0; i < 30 && running > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const rows = await rowsOf<{ n: number }>(
        handle.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where query like '%slept_for_the_deadline_test%' and state = 'active' and pid <> pg_backend_pid()`,
        ),
      );
      running = rows[0]!.n;
    }
    expect(running).toBe(0);
    // A transaction as a whole is under the deadline too.
    const tx = await timed(fast.transaction(async (t) => t.execute(sql`select pg_sleep(5)`)));
    expect(isStoreUnavailable(tx.error)).toBe(true);
    expect(tx.ms).toBeLessThan(1500);
  });

  it('fails at once while the store is unreachable, and closes on its first answer', async () => {
    // The breaker of the test above may still be open: its probe closes it.
    const ff = handle.failFast({ deadlineMs: 400, resetMs: 300, log });
    expect(await closesWithin(ff, 3000)).toBe(true);
    await ff.db.execute(sql`select 1`);

    db.proxy.cut();
    for (let i = 0; i < 10 && !ff.isOpen(); i++) await ff.db.execute(sql`select 1`).catch(() => {});
    expect(ff.isOpen()).toBe(true);
    const fast = await timed(ff.db.execute(sql`select 1`));
    expect(isStoreUnavailable(fast.error)).toBe(true);
    expect(fast.ms).toBeLessThan(100);
    const fastTx = await timed(ff.db.transaction(async (t) => t.execute(sql`select 1`)));
    expect(isStoreUnavailable(fastTx.error)).toBe(true);
    expect(fastTx.ms).toBeLessThan(100);

    // It stays open while the store is unreachable: the probes every resetMs meet the outage.
    await new Promise((r) => setTimeout(r, 1000));
    expect(ff.isOpen()).toBe(true);
    expect(isStoreUnavailable((await timed(ff.db.execute(sql`select 1`))).error)).toBe(true);

    db.proxy.restore();
    // The next probe gets its answer, and the breaker closes without anyone's call.
    expect(await closesWithin(ff, 3000)).toBe(true);
    expect(await rowsOf(ff.db.execute(sql`select 2 as two`))).toEqual([{ two: 2 }]);
  });
});
