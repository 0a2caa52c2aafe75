// A database the test can take away: a fresh database on the test Postgres, reached through a
// TCP proxy that the test cuts (every connection dropped, new ones refused) and restores.
import { createTestDatabase } from './databases.js';
import { startTcpProxy } from './tcp-proxy.js';
import type { TcpProxy } from './tcp-proxy.js';

export interface ProxiedDatabase {
  /** The database's URL through the proxy. */
  url: string;
  proxy: TcpProxy;
  /** Closes the proxy and drops the database. */
  close(): Promise<void>;
}

export async function createProxiedDatabase(): Promise<ProxiedDatabase> {
  const target = await createTestDatabase('postgres');
  const real = new URL(target.url);
  const proxy = await startTcpProxy(real.hostname, Number(real.port || 5432));
  const viaProxy = new URL(target.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return {
    url: viaProxy.toString(),
    proxy,
    async close() {
      await proxy.close();
      await target.drop();
    },
  };
}
