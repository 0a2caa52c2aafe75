// node-postgres (`pg`, which the job queue uses) wants a stream it can `connect()` synchronously;
// the embedded store hands out sockets asynchronously (connecting may first take ownership of
// the store, embedded-store.ts). This Duplex bridges the two: `connect()` asks the store for a
// socket and relays bytes both ways once it has one.
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export class DeferredSocket extends Duplex {
  private inner: Socket | null = null;
  private pending: Array<{ chunk: Buffer; callback: (err?: Error | null) => void }> = [];

  constructor(private readonly open: () => Promise<Socket>) {
    super();
  }

  /** pg calls `connect(port, host)`; both are ignored, the store knows where it is. */
  connect(): this {
    this.open().then(
      (socket) => {
        if (this.destroyed) {
          socket.destroy();
          return;
        }
        this.inner = socket;
        socket.on('data', (data: Buffer) => {
          if (!this.push(data)) socket.pause();
        });
        socket.on('end', () => this.push(null));
        socket.on('error', (err) => this.destroy(err));
        socket.on('close', () => {
          if (!this.destroyed) this.destroy();
        });
        for (const { chunk, callback } of this.pending.splice(0)) socket.write(chunk, callback);
        this.emit('connect');
      },
      (err: Error) => this.destroy(err),
    );
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    this.inner?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.inner) this.inner.write(chunk, callback);
    else this.pending.push({ chunk, callback });
  }

  override _final(callback: (err?: Error | null) => void): void {
    if (this.inner) this.inner.end(callback);
    else callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.inner?.destroy();
    for (const { callback: cb } of this.pending.splice(0)) cb(err ?? new Error('socket closed'));
    callback(err);
  }
}
