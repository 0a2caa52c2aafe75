// Two bot replicas against one database: a week's reminders go out once per owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createTestDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

for (const driver of ['pglite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !TEST_DATABASE_URL)(`two replicas [${driver}]`, () => {
    let target: TestDatabase;
    let shared: DatabaseHandle | undefined;
    let fake: FakeSlack;
    let a: TestApp;
    let b: TestApp;
    const clock = fixedClock('2026-11-23T09:00:00Z');

    beforeAll(async () => {
      target = await createTestDatabase(driver);
      fake = await startFakeSlack();
      // PGlite lives in one process, so the replicas share its handle; on Postgres each has its own pool.
      if (driver === 'pglite') {
        shared = await openDatabase(target.url);
        await shared.migrate();
      }
      a = await startTestApp({
        personaFiles: ['examples/personas.yaml'],
        fake,
        clock,
        replica: 'a',
        ...(shared ? { handle: shared } : { databaseUrl: target.url }),
      });
      b = await startTestApp({ fake, clock, replica: 'b', ...(shared ? { handle: shared } : { databaseUrl: target.url }) });
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await shared?.close();
      await fake?.close();
      await target?.drop();
    });

    it('send one message per owner per week, whichever fires first', async () => {
      const [ra, rb] = await Promise.all([a.runtime.runReminders(), b.runtime.runReminders()]);
      // One of them planned the week; both queued its deliveries (the same jobs, by their keys)
      // and saw them sent, by whichever replica's job runner took each.
      expect(
        ra
          .map((r) => r.started)
          .concat(rb.map((r) => r.started))
          .sort(),
      ).toEqual([false, true]);
      for (const r of [...ra, ...rb]) expect(r.sent.sort()).toEqual(['U07EXAMPLE1', 'U07EXAMPLE2', 'U07EXAMPLE3', 'U07EXAMPLE4']);
      expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
      expect(new Set(fake.callsTo('chat.postMessage').map((c) => c.body.channel)).size).toBe(4);
      // Firing again the same week, on either replica, sends nothing more.
      await Promise.all([a.runtime.runReminders(), b.runtime.runReminders()]);
      expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
      expect(fake.violations()).toEqual([]);
    });
  });
}
