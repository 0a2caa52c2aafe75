// The host that serves one PGlite session to many Postgres clients: each client's batch and
// transaction runs whole, notifications go to whoever listened, and a client that leaves
// or dawdles inside a transaction cannot leave the store in its transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/db/embedded-store.js';

function client(store: EmbeddedStore, max = 1): postgres.Sql {
  const options = { socket: () => store.connect(), user: 'postgres', database: 'postgres', prepare: false, max, onnotice: () => {} };
  return postgres(options as postgres.Options<Record<string, never>>);
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('PGlite host', () => {
  let store: EmbeddedStore;
  const clients: postgres.Sql[] = [];
  const open = (max = 1) => {
    const c = client(store, max);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    store = new EmbeddedStore({ dataDir: null, idleInTransactionMs: 500 });
    const setup = open();
    await setup`create table t (id int primary key, v text)`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
    await store.close(100);
  });

  it('runs every client’s Parse/Bind/Execute batch whole, however many clients ask at once', async () => {
    const pool = open(4);
    const other = open(4);
    const asks = Array.from({ length: 200 }, (_, i) => (i % 2 ? pool : other)`select ${i}::int as n, ${`text ${i}`}::text as s`);
    const answers = await Promise.all(asks);
    answers.forEach((rows, i) => expect(rows[0]).toEqual({ n: i, s: `text ${i}` }));
  });

  it('keeps one client’s transaction to itself: others wait for it, and never run inside it', async () => {
    const a = open();
    const b = open();
    let bDone = false;
    await a
      .begin(async (tx) => {
        await tx`insert into t values (1, 'a')`;
        // b asks while a's transaction is open: it must neither see nor join it.
        const bInsert = b`insert into t values (2, 'b')`.then(() => (bDone = true));
        await new Promise((r) => setTimeout(r, 200));
        expect(bDone).toBe(false);
        await tx`select 1`;
        void bInsert;
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    await waitFor(() => bDone);
    expect(await a`select id, v from t order by id`).toEqual([{ id: 2, v: 'b' }]);
    await a`delete from t`;
  });

  it('rolls back the transaction of a client that goes away, and serves the others', async () => {
    const quitter = open();
    const other = open();
    await quitter`begin`;
    await quitter`insert into t values (3, 'half done')`;
    const waiting = other`select count(*)::int as n from t`;
    await quitter.end({ timeout: 0 });
    expect(await waiting).toEqual([{ n: 0 }]);
    expect(await other`select count(*)::int as n from t where id = 3`).toEqual([{ n: 0 }]);
  });

  it('disconnects a client idle in a transaction while another waits, and rolls it back', async () => {
    // One connection, left inside a transaction, as a hung or careless client would leave it.
    const idler = open(1);
    const other = open();
    await idler`begin`;
    await idler`insert into t values (4, 'idle')`;
    const started = Date.now();
    expect(await other`select count(*)::int as n from t where id = 4`).toEqual([{ n: 0 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // The idler's connection is gone with its transaction; its next query starts afresh.
    expect(await idler`select count(*)::int as n from t where id = 4`).toEqual([{ n: 0 }]);
  });

  it('delivers each notification to the clients that listen on its channel, and only to them', async () => {
    const listener = open();
    const second = open();
    const bystander = open();
    const got: string[] = [];
    const gotSecond: string[] = [];
    const sub = await listener.listen('changes', (p) => got.push(p));
    await second.listen('changes', (p) => gotSecond.push(p));
    const other: string[] = [];
    await bystander.listen('elsewhere', (p) => other.push(p));
    await bystander`select pg_notify('changes', 'one')`;
    await waitFor(() => got.length === 1 && gotSecond.length === 1);
    // One client's UNLISTEN must not stop the shared session listening for the other.
    await sub.unlisten();
    await bystander`select pg_notify('changes', 'two')`;
    await waitFor(() => gotSecond.length === 2);
    expect(got).toEqual(['one']);
    expect(gotSecond).toEqual(['one', 'two']);
    expect(other).toEqual([]);
  });
});

describe('embedded store ownership', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'persona-owner-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second opener of the directory shares the owner’s store, and takes it over when the owner leaves', async () => {
    const first = new EmbeddedStore({ dataDir: join(dir, 'db') });
    const second = new EmbeddedStore({ dataDir: join(dir, 'db') });
    const a = client(first);
    const b = client(second);
    try {
      await a`create table shared (v text)`;
      await a`insert into shared values ('from a')`;
      expect(first.isOwner).toBe(true);
      expect(await b`select v from shared`).toEqual([{ v: 'from a' }]);
      expect(second.isOwner).toBe(false);
      expect(second.owner()).toMatchObject({ pid: process.pid });

      await a.end();
      await first.close(1000);
      // b's idle connection was closed by the leaving owner; its next query finds no owner and becomes it.
      await b`insert into shared values ('from b')`;
      expect(second.isOwner).toBe(true);
      expect(await b`select v from shared order by v`).toEqual([{ v: 'from a' }, { v: 'from b' }]);
    } finally {
      await b.end();
      await second.close(1000);
    }
  }, 180_000);
});
