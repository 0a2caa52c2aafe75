// A local Socket Mode server, Slack's part of it: `apps.connections.open` (answered by the fake
// Slack) hands out a ws:// URL here; on connect it says hello, then sends envelopes (a slash
// command, an interaction, an event) and resolves each with the bot's acknowledgement.
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

export interface FakeSocketMode {
  /** `apps.connections.open` calls so far (one per connection and reconnection). */
  opens(): number;
  /** Resolves once a bot is connected (after the hello); `n` counts connections since start. */
  connected(n?: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the connected bot; resolves with its ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<Ack>;
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
      const socket = current;
      if (!socket || socket.readyState !== 1) return Promise.reject(new Error('fake Socket Mode: no bot connected'));
      const envelopeId = randomUUID();
      return new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`fake Socket Mode: no ack for ${type} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(
          JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }),
        );
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
