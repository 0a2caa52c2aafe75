// What every listener did by hand: acknowledge first, run, and on failure log the error and
// tell the user something friendly (never a stack trace). `handled()` does it once.
import type { Logger } from '../../logger.js';

export interface HandledOptions<A> {
  /** Names the listener in the error log. */
  name: string;
  log: Logger;
  /** Says sorry to the user after a failure; its own failure is ignored. */
  onError?: (args: A, err: unknown) => Promise<unknown>;
}

/**
 * Wraps a listener body: `ack()` (when the request has one) before anything else, then the
 * body; an error is logged with `name` and answered with `onError`.
 */
export function handled<A extends { ack?: unknown }>(opts: HandledOptions<A>, body: (args: A) => Promise<void>): (args: A) => Promise<void> {
  return async (args) => {
    if (typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    try {
      await body(args);
    } catch (err) {
      opts.log.error({ err }, `${opts.name} failed`);
      if (opts.onError) await opts.onError(args, err).catch(() => {});
    }
  };
}
