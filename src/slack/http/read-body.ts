// Reads a request body with two limits, so that memory stays bounded whatever arrives:
// one request may not exceed `maxBytes`, and all requests not yet authenticated together may
// not hold more than a shared budget. Reading stops at the first byte over either.
import type { IncomingMessage } from 'node:http';

/** Bytes held by requests whose signature is not checked yet, across the whole server. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }

  get inUse(): number {
    return this.used;
  }
}

export type ReadOutcome =
  | { ok: true; body: Buffer /** Returns the body's bytes to the budget (once it is authenticated or refused). */; release(): void }
  | { ok: false; reason: 'too large' | 'busy' | 'aborted' };

export interface ReadOptions {
  maxBytes: number;
  budget: ByteBudget;
  /** Sees every chunk as it arrives (the signature is computed while the body streams in). */
  onChunk(chunk: Buffer): void;
}

export function readBody(req: IncomingMessage, opts: ReadOptions): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let taken = 0;
    let settled = false;
    const finish = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      if (!outcome.ok) {
        // Stop reading: the caller answers with `Connection: close`, so the rest is never read.
        req.pause();
        chunks.length = 0;
        opts.budget.give(taken);
      }
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBytes) return finish({ ok: false, reason: 'too large' });
      if (!opts.budget.take(chunk.length)) return finish({ ok: false, reason: 'busy' });
      taken += chunk.length;
      opts.onChunk(chunk);
      chunks.push(chunk);
    };
    const onEnd = () => {
      let released = false;
      finish({
        ok: true,
        body: Buffer.concat(chunks, size),
        release: () => {
          if (released) return;
          released = true;
          opts.budget.give(taken);
        },
      });
    };
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
