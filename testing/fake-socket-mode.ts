// A local Socket Mode server, Slack's part of it: `apps.connections.open` (answered by the fake
// Slack) hands out a ws:// URL here; on connect it says hello, then sends envelopes (a slash
// command, an interaction, an event) and resolves each with the bot's acknowledgement. As Slack
// does, `deliver` sends an envelope again (retry_attempt + 1, retry_reason "timeout") while the
// bot leaves it unacknowledged.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Ack {
  envelope_id: string;
  payload?: unknown;
}

export interface Delivery {
  ack: Ack;
  /** Envelopes sent until one was acknowledged (1: acknowledged at once). */
  deliveries: number;
}

export interface FakeSocketMode {
  /** `apps.connections.open` calls so far (one per connection and reconnection). */
  opens(): number;
  /** Resolves once a bot is connected (after the hello); `n` counts connections since start. */
  connected(n?: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the connected bot; resolves with its ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<Ack>;
  /**
   * Sends an envelope, and again every `retryAfterMs` while none of its deliveries is
   * acknowledged, up to `attempts` deliveries. Resolves with the ack and the deliveries it took;
   * rejects when none was acknowledged.
   */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, opts: { retryAfterMs: number; attempts: number }): Promise<Delivery>;
  /** Cuts the current connection without a word, as a network failure would. */
  dropConnection(): void;
  /** Resolves when the bot has closed its connection (a clean shutdown). */
  closedByClient(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(fake: FakeSlack): Promise<FakeSocketMode> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: '/link' });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const wsUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/link`;

  let opens = 0;
  let connections = 0;
  let current: WebSocket | undefined;
  let clientClosed = false;
  const pending = new Map<string, (ack: Ack) => void>();
  const wake = new Set<() => void>();

  fake.on('apps.connections.open', () => {
    opens += 1;
    return { ok: true, url: `${wsUrl}?ticket=${randomUUID()}` };
  });

  wss.on('connection', (socket) => {
    current = socket;
    connections += 1;
    clientClosed = false;
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-socket-mode' }, connection_info: { app_id: 'A0TEST' } }));
    socket.on('message', (data) => {
      let msg: Ack;
      try {
        msg = JSON.parse(String(data)) as Ack;
      } catch {
        return;
      }
      pending.get(msg.envelope_id)?.(msg);
      pending.delete(msg.envelope_id);
    });
    socket.on('close', (code) => {
      // 1000/1001/1005: the bot said goodbye; a terminate() from here is 1006.
      if (socket === current && code !== 1006) clientClosed = true;
      for (const w of wake) w();
    });
    for (const w of wake) w();
  });

  /** Sends one envelope to the connected bot; its id, or undefined when no bot is connected. */
  const sendEnvelope = (type: EnvelopeType, payload: Record<string, unknown>, retryAttempt: number, onAck: (ack: Ack) => void): string | undefined => {
    const socket = current;
    if (socket?.readyState !== 1) return undefined;
    const envelopeId = randomUUID();
    pending.set(envelopeId, onAck);
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? 'timeout' : '',
      }),
    );
    return envelopeId;
  };

  const until = (check: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const done = () => {
        if (!check()) return false;
        wake.delete(done);
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        wake.delete(done);
        reject(new Error(`fake Socket Mode: waited ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      if (!done()) wake.add(done);
    });

  return {
    opens: () => opens,
    connected: (n = 1, timeoutMs = 30_000) => until(() => connections >= n && current?.readyState === 1, `connection ${n}`, timeoutMs),
    send(type, payload, timeoutMs = 10_000) {
      return new Promise<Ack>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const envelopeId = sendEnvelope(type, payload, 0, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        if (!envelopeId) return reject(new Error('fake Socket Mode: no bot connected'));
        timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`fake Socket Mode: no ack for ${type} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    deliver(type, payload, { retryAfterMs, attempts }) {
      const sent: string[] = [];
      return new Promise<Delivery>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const finish = (ack: Ack | undefined) => {
          clearTimeout(timer);
          for (const id of sent) pending.delete(id);
          if (ack) resolve({ ack, deliveries: sent.length });
          else reject(new Error(`fake Socket Mode: none of ${sent.length} deliveries of ${type} was acknowledged`));
        };
        // Each delivery is a new envelope of the same payload; an ack of any of them counts.
        const attempt = (n: number) => {
          if (n >= attempts) return finish(undefined);
          const id = sendEnvelope(type, payload, n, finish);
          if (id) sent.push(id);
          timer = setTimeout(() => attempt(n + 1), retryAfterMs);
        };
        attempt(0);
      });
    },
    dropConnection() {
      current?.terminate();
    },
    closedByClient: (timeoutMs = 15_000) => until(() => clientClosed, 'the bot to close its connection', timeoutMs),
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
