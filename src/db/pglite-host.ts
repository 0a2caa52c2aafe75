// Serves one PGlite database to any number of Postgres clients over a Unix socket.
//
// PGlite is a single Postgres session. Clients take turns on it the way a transaction-pooling
// proxy (PgBouncer's transaction mode) hands out one server connection: a client that sends
// a message holds the session until the server says it is idle again (ReadyForQuery 'I'),
// so an extended-protocol batch (Parse … Sync) or a transaction (BEGIN … COMMIT) runs whole,
// and every other client waits its turn. Session state therefore belongs to nobody: clients
// must not rely on prepared statement names, SET or session advisory locks (postgres.js
// with `prepare: false` does not). LISTEN is the exception the host makes work: the session
// listens for everyone, and each NotificationResponse goes to the clients that listened.
//
// @electric-sql/pglite-socket (0.2.17) does the same job but takes turns per message, so two
// clients' Parse/Bind interleave (electric-sql/pglite#1046), hands notifications to whoever
// happened to commit, and pins exact versions of PGlite and seven extensions as peers.
import { rmSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import {
  CANCEL_REQUEST,
  COPY_FAIL_MESSAGE,
  errorResponse,
  GSSENC_REQUEST,
  listenChanges,
  MessageReader,
  notificationChannel,
  queryMessage,
  quoteIdent,
  SSL_REQUEST,
  statementText,
  SYNC_MESSAGE,
  typedMessageLength,
  untypedMessageLength,
} from './wire.js';

export interface HostOptions {
  /**
   * A client that keeps a transaction open without sending anything for this long, while
   * another client waits for the session, is disconnected and its transaction rolled back
   * (Postgres' idle_in_transaction_session_timeout, applied only when it blocks someone).
   */
  idleInTransactionMs?: number;
}

class Session {
  input: Buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  queued = false;
  /** Transaction status from the last ReadyForQuery: idle, in a transaction, failed transaction. */
  status: 'I' | 'T' | 'E' = 'I';
  /** Messages were executed whose ReadyForQuery has not come yet. */
  inUnit = false;
  readonly channels = new Set<string>();

  constructor(readonly socket: Socket) {}

  /** True when nothing of this client is under way on the session. */
  get idle(): boolean {
    return this.status === 'I' && !this.inUnit;
  }

  hasMessage(): boolean {
    return this.started ? typedMessageLength(this.input) > 0 : untypedMessageLength(this.input) > 0;
  }

  send(data: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(data);
  }
}

export class PgliteHost {
  private readonly sessions = new Set<Session>();
  private holder: Session | null = null;
  private readonly waiting: Session[] = [];
  private pumping: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private leaving = false;
  private readonly idleInTransactionMs: number;
  /** Channels the shared session has LISTENed to. */
  private readonly listening = new Set<string>();
  /** Sockets of terminated clients, until they have closed. */
  private readonly closing: Array<Promise<void>> = [];

  private constructor(
    private readonly pg: PGlite,
    private readonly server: Server,
    private readonly socketPath: string,
    options: HostOptions,
  ) {
    this.idleInTransactionMs = options.idleInTransactionMs ?? 30_000;
  }

  /** Starts serving `pg` on `socketPath` (which must not exist), readable and writable by this user only. */
  static async start(pg: PGlite, socketPath: string, options: HostOptions = {}): Promise<PgliteHost> {
    const server = createServer();
    const host = new PgliteHost(pg, server, socketPath, options);
    server.on('connection', (socket) => host.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await chmod(socketPath, 0o600);
    return host;
  }

  /** Clients connected now. */
  get clientCount(): number {
    return this.sessions.size;
  }

  /** Clients in the middle of something (a transaction, a batch, or waiting for their turn). */
  get busyCount(): number {
    let n = 0;
    for (const s of this.sessions) if (!s.idle || s.queued || s.hasMessage()) n++;
    return n;
  }

  /**
   * Stops serving: no new clients; clients between transactions are told the server is
   * shutting down (postgres.js reconnects on its next query, and finds the next owner);
   * work under way may finish within `graceMs`, after which its client is disconnected and
   * its transaction rolled back. Resolves once nothing touches the database any more.
   */
  async leave(graceMs: number, onWaiting?: (busy: number) => void): Promise<void> {
    this.leaving = true;
    // The path goes first, so that nobody new finds this host: they wait for the lock and take
    // the store over. The listening socket stays until the end, so that a client already in
    // its backlog is answered (57P03, connect again) instead of finding its connection reset.
    rmSync(this.socketPath, { force: true });
    this.evictIdle();
    const deadline = Date.now() + graceMs;
    let told = false;
    while (this.sessions.size > 0 && Date.now() < deadline) {
      if (!told && this.busyCount > 0) {
        told = true;
        onWaiting?.(this.busyCount);
      }
      await new Promise((r) => setTimeout(r, 25));
      this.evictIdle();
    }
    for (const s of [...this.sessions]) this.terminate(s, '57P01', 'terminating connection: the process that holds the store is stopping');
    await this.pump();
    // Let the clients see their connection close before the store changes hands, so that
    // their next query connects afresh instead of being written to a closing socket.
    await Promise.race([Promise.all(this.closing), new Promise((r) => setTimeout(r, 1000))]);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    clearTimeout(this.idleTimer);
  }

  private evictIdle(): void {
    for (const s of [...this.sessions]) {
      if (s.idle && !s.queued && !s.hasMessage() && this.holder !== s) {
        this.terminate(s, '57P01', 'terminating connection: the process that holds the store is stopping');
      }
    }
  }

  private accept(socket: Socket): void {
    if (this.leaving) {
      socket.end(errorResponse('FATAL', '57P03', 'the process that holds the store is stopping; connect again'));
      return;
    }
    const session = new Session(socket);
    this.sessions.add(session);
    socket.on('data', (chunk: Buffer) => {
      session.input = session.input.length === 0 ? chunk : Buffer.concat([session.input, chunk]);
      if (this.holder === session) this.restartIdleTimer();
      this.ready(session);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.dropped(session));
  }

  /** A session with a complete message asks for its turn. */
  private ready(s: Session): void {
    if (s.closed || !s.hasMessage()) return;
    if (this.holder !== s && !s.queued) {
      s.queued = true;
      this.waiting.push(s);
    }
    void this.pump();
  }

  private dropped(s: Session): void {
    if (s.closed) return;
    s.closed = true;
    this.sessions.delete(s);
    if (s.queued) {
      s.queued = false;
      this.waiting.splice(this.waiting.indexOf(s), 1);
    }
    // Its unfinished work, if it holds the session, is undone by the pump.
    void this.pump();
  }

  private terminate(s: Session, code: string, message: string): void {
    if (s.closed) return;
    this.closing.push(new Promise<void>((resolve) => (s.socket.closed ? resolve() : s.socket.once('close', () => resolve()))));
    s.send(errorResponse('FATAL', code, message));
    s.socket.end();
    s.socket.destroySoon();
    this.dropped(s);
  }

  /** Runs turns until nobody can go on; one pump at a time. */
  private pump(): Promise<void> {
    if (!this.pumping) {
      // Assigned before the loop starts: a loop with nothing to do would otherwise finish,
      // and clear the field, before the field is set.
      let done!: () => void;
      this.pumping = new Promise<void>((resolve) => (done = resolve));
      void this.runTurns().finally(() => {
        this.pumping = null;
        this.restartIdleTimer();
        done();
      });
    }
    return this.pumping;
  }

  private async runTurns(): Promise<void> {
    for (;;) {
      const s = this.nextTurn();
      if (!s) return;
      try {
        if (s.closed) await this.undo(s);
        else await this.turn(s);
      } catch (err) {
        // PGlite itself failed: nothing sensible can follow on this session.
        this.terminate(s, 'XX000', `the store failed: ${(err as Error).message}`);
        if (this.holder === s) this.holder = null;
        continue;
      }
      if (s.closed || s.idle) {
        if (this.holder === s) this.holder = null;
        if (s.closed) continue;
        // Its next transaction goes to the back of the line.
        if (this.leaving && !s.hasMessage()) this.terminate(s, '57P01', 'terminating connection: the process that holds the store is stopping');
        else if (s.hasMessage() && !s.queued) {
          s.queued = true;
          this.waiting.push(s);
        }
      }
    }
  }

  private nextTurn(): Session | null {
    const h = this.holder;
    if (h) return h.closed || h.hasMessage() ? h : null;
    while (this.waiting.length > 0) {
      const s = this.waiting.shift()!;
      s.queued = false;
      if (s.closed || !s.hasMessage()) continue;
      this.holder = s;
      return s;
    }
    return null;
  }

  /** Executes every complete message the session has sent. */
  private async turn(s: Session): Promise<void> {
    if (!s.started) {
      const n = untypedMessageLength(s.input);
      const msg = s.input.subarray(0, n);
      s.input = s.input.subarray(n);
      const code = msg.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        s.send(Buffer.from('N'));
        return;
      }
      if (code === CANCEL_REQUEST) {
        // There is no query to cancel from outside: turns are short, or the client's own.
        s.socket.destroy();
        return;
      }
      s.started = true;
      await this.exec(msg, s);
      return;
    }
    const batch: Buffer[] = [];
    let relisten = false;
    for (let n = typedMessageLength(s.input); n > 0; n = typedMessageLength(s.input)) {
      const msg = s.input.subarray(0, n);
      s.input = s.input.subarray(n);
      if (msg[0] === 0x58 /* X: Terminate */) {
        s.socket.end();
        this.dropped(s);
        break;
      }
      const sql = statementText(msg);
      if (sql && /listen/i.test(sql)) {
        for (const change of listenChanges(sql)) {
          if (!change.listen) {
            relisten = true;
            if (change.channel === '*') s.channels.clear();
            else s.channels.delete(change.channel);
          } else {
            s.channels.add(change.channel);
            this.listening.add(change.channel);
          }
        }
      }
      batch.push(msg);
    }
    if (s.input.length === 0) s.input = Buffer.alloc(0);
    if (batch.length > 0) await this.exec(Buffer.concat(batch), s);
    if (s.closed) await this.undo(s);
    // Someone's UNLISTEN stopped the shared session from listening; listen again for the others.
    if (relisten && s.idle) await this.relisten();
  }

  /** Rolls back whatever a departed client left open on the session. */
  private async undo(s: Session): Promise<void> {
    if (s.idle) return;
    await this.exec(Buffer.concat([COPY_FAIL_MESSAGE, SYNC_MESSAGE, queryMessage('ROLLBACK')]), null);
    s.status = 'I';
    s.inUnit = false;
  }

  private async relisten(): Promise<void> {
    const wanted = new Set<string>();
    for (const x of this.sessions) for (const c of x.channels) wanted.add(c);
    const statements = [...wanted].map((c) => `LISTEN ${quoteIdent(c)}`);
    for (const c of this.listening) if (!wanted.has(c)) statements.push(`UNLISTEN ${quoteIdent(c)}`);
    this.listening.clear();
    for (const c of wanted) this.listening.add(c);
    if (statements.length > 0) await this.exec(queryMessage(statements.join('; ')), null);
  }

  /**
   * Runs `message` on the session and sends the answer to `s` (null: the host's own
   * housekeeping, whose answer is dropped). Notifications go to whoever listens for them.
   */
  private async exec(message: Buffer, s: Session | null): Promise<void> {
    const reader = new MessageReader();
    let sawReady = false;
    await this.pg.execProtocolRawStream(new Uint8Array(message.buffer, message.byteOffset, message.length), {
      onRawData: (chunk) => {
        const out: Buffer[] = [];
        for (const msg of reader.push(chunk)) {
          const type = msg[0];
          if (type === 0x41 /* A: NotificationResponse */) {
            this.notify(msg);
            continue;
          }
          sawReady = type === 0x5a; /* Z: ReadyForQuery */
          if (sawReady && s) s.status = String.fromCharCode(msg[5]!) as Session['status'];
          if (s) out.push(msg);
        }
        if (s && out.length > 0) s.send(out.length === 1 ? out[0]! : Buffer.concat(out));
      },
    });
    if (s) s.inUnit = !sawReady;
  }

  private notify(msg: Buffer): void {
    const channel = notificationChannel(msg);
    const copy = Buffer.from(msg);
    for (const s of this.sessions) if (s.channels.has(channel)) s.send(copy);
  }

  /** Arms the idle-in-transaction timer while the holder is silent and others wait. */
  private restartIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const h = this.holder;
    if (!h || h.hasMessage() || this.waiting.length === 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.holder === h && !h.hasMessage() && this.waiting.length > 0) {
        this.terminate(h, '25P03', 'terminating connection: idle in transaction while another client waited for the store');
      }
    }, this.idleInTransactionMs);
    this.idleTimer.unref();
  }
}
