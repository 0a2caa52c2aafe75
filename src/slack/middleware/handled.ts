// What every listener did by hand: acknowledge first, run, and on failure log the error and
// tell the user something friendly (never a stack trace). `handled()` does it once.
import type { Logger } from '../../logger.js';

type AckFn = (...answer: never[]) => Promise<void>;

export interface HandledOptions<A> {
  /** Names the listener in the error log. */
  name: string;
  log: Logger;
  /**
   * View submissions answer in their ack (`response_action: errors | update`), so their body
   * acks itself. `handled()` still makes sure Slack gets exactly one ack: after a failure the
   * error handler may ack with an answer, and if nothing acked, a plain ack closes the request.
   */
  bodyAcks?: boolean;
  /**
   * Says sorry to the user after a failure; its own failure is ignored. `acked` says whether the
   * request was already acknowledged (a view submission can still answer with `errors`).
   */
  onError?: (args: A, err: unknown, state: { acked: boolean }) => Promise<unknown>;
}

/**
 * Wraps a listener body: `ack()` (when the request has one) before anything else, then the
 * body; an error is logged with `name` and answered with `onError`. With `bodyAcks`, the body
 * acks when it has its answer, and the wrapper acks once if the body failed before it did.
 */
export function handled<A extends { ack?: unknown }>(opts: HandledOptions<A>, body: (args: A) => Promise<void>): (args: A) => Promise<void> {
  return async (original) => {
    const state = { acked: false };
    const ack = typeof original.ack === 'function' ? (original.ack as AckFn) : undefined;
    const once: AckFn | undefined = ack
      ? async (...answer) => {
          if (state.acked) return;
          state.acked = true;
          await ack(...answer);
        }
      : undefined;
    const args = once ? ({ ...original, ack: once } as A) : original;
    if (once && !opts.bodyAcks) await once();
    try {
      await body(args);
      if (once && !state.acked) {
        opts.log.warn(`${opts.name} returned without an answer; acknowledged`);
        await once();
      }
    } catch (err) {
      opts.log.error({ err }, `${opts.name} failed`);
      if (opts.onError) await opts.onError(args, err, { acked: state.acked }).catch(() => {});
      if (once && !state.acked) await once().catch(() => {});
    }
  };
}
