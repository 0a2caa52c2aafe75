// A TCP proxy in front of the test Postgres: `cut()` drops every connection and refuses new
// ones, as a database outage looks to the bot; `restore()` lets connections through again;
// `slow(ms)` holds every chunk, each way, for `ms` (a slow store that still answers).
// The real server keeps running for the other test files.
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): void;
  restore(): void;
  /** Delays every chunk each way by `ms` (0: as fast as it comes). Set it while nothing is in flight. */
  slow(ms: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let up = true;
  let latencyMs = 0;
  // Chunks forwarded in order, each held for the latency (equal delays keep the order).
  const relay = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (latencyMs === 0) to.write(chunk);
      else setTimeout(() => void (to.destroyed || to.write(chunk)), latencyMs);
    });
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      up = true;
    },
    slow(ms) {
      latencyMs = ms;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
