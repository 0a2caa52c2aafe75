import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ByteBudget, readBody } from '../../../src/slack/http/read-body.js';
import type { ReadOutcome } from '../../../src/slack/http/read-body.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server that reads each request with `readBody` and answers at once; successful bodies keep their budget until `releaseAll`. */
async function serve(opts: { maxBytes: number; budget: ByteBudget }) {
  const outcomes: ReadOutcome[] = [];
  server = createServer(async (req, res) => {
    const outcome = await readBody(req, { ...opts, onChunk: () => {} });
    outcomes.push(outcome);
    res.writeHead(outcome.ok ? 200 : outcome.reason === 'busy' ? 503 : 413, { connection: 'close' }).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
  return {
    send: async (bytes: number) => (await fetch(url, { method: 'POST', body: 'a'.repeat(bytes) })).status,
    outcomes,
    releaseAll: () => outcomes.forEach((o) => o.ok && o.release()),
  };
}

describe('reading a body', () => {
  it('stops at the first byte over the limit, and gives the budget back', async () => {
    const budget = new ByteBudget(10_000_000);
    const s = await serve({ maxBytes: 1000, budget });
    expect(await s.send(1000)).toBe(200);
    expect(await s.send(1001)).toBe(413);
    expect(s.outcomes[1]).toEqual({ ok: false, reason: 'too large' });
    s.releaseAll();
    expect(budget.inUse).toBe(0);
  });

  it('refuses a body beyond the budget shared by bodies not yet released, until they are', async () => {
    const budget = new ByteBudget(150_000);
    const s = await serve({ maxBytes: 1_000_000, budget });
    expect(await s.send(100_000)).toBe(200);
    expect(budget.inUse).toBe(100_000);
    expect(await s.send(100_000)).toBe(503);
    expect(budget.inUse).toBe(100_000);
    s.releaseAll();
    expect(await s.send(100_000)).toBe(200);
    s.releaseAll();
    expect(budget.inUse).toBe(0);
  });
});
