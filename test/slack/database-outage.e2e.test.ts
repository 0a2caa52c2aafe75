// While Postgres is unreachable the bot answers quickly and kindly and /healthz says 503;
// when it is back, everything works again without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import type { TcpProxy } from '../support/tcp-proxy.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe.skipIf(!TEST_DATABASE_URL)('database outage [postgres]', () => {
  let target: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    const real = new URL(target.url);
    proxy = await startTcpProxy(real.hostname, Number(real.port || 5432));
    const viaProxy = new URL(target.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    app = await startTestApp({ personaFiles: ['examples/personas.yaml'], databaseUrl: viaProxy.toString() });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await target?.drop();
  });

  async function ask(text: string) {
    const sent = performance.now();
    const { res, responseUrl } = await app.command(text);
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 5000);
    return { status: res.status, body: JSON.stringify(answer.body), ms: answer.at - sent };
  }

  it('answers, then during the outage says to try again in a moment within 3 s, then recovers', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await ask('busy')).body).toContain('Overbooked Team Lead');

    proxy.cut();
    // A change elsewhere means the search index must be reloaded from the database, which is down.
    app.runtime.indexes.invalidate('TTEST');
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false });
    const during = await ask('busy');
    expect(during.status).toBe(200);
    expect(during.body).toContain('try again in a moment');
    expect(during.body).not.toMatch(/ECONN|Error:|at .*\(/);
    expect(during.ms).toBeLessThan(3000);

    proxy.restore();
    let healthy = false;
    for (let i = 0; i < 50 && !healthy; i++) {
      healthy = (await fetch(`${app.url}/healthz`)).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(true);
    expect((await ask('busy')).body).toContain('Overbooked Team Lead');
  });
});
