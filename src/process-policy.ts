// What the process does with an error nobody caught, decided once, here, for the whole process:
//
// - An unhandled promise rejection is logged with its error and the process keeps serving. A
//   rejection unwinds no stack: whatever failed was one piece of async work, and the state the
//   other requests use is as it was.
// - An uncaught exception is logged as fatal, then the process stops taking requests, finishes
//   the ones in flight and exits with 1, so that the supervisor (Docker, systemd, Kubernetes)
//   starts a fresh one. A synchronous throw that reached the top may have left anything half done.
//
// No dependency may decide otherwise. The sentence model's runtime (@energetic-ai/core, built
// with Emscripten) registers handlers that rethrow, which turns any stray rejection into the
// end of the process. Handlers registered before this policy are removed when it is installed;
// handlers added later are removed right after they are added, before any rejection is
// processed (Node handles rejections only after the tick queue is empty); and this policy's own
// handlers are put back if something removes them.
import type { Logger } from './logger.js';

type GuardedEvent = 'uncaughtException' | 'unhandledRejection';
const GUARDED: readonly GuardedEvent[] = ['uncaughtException', 'unhandledRejection'];
type Listener = (...args: unknown[]) => void;

export interface ProcessPolicyOptions {
  log: Logger;
  /** Stops taking requests, drains and exits non-zero. Called on the first uncaught exception. */
  fatal(err: unknown): void;
}

// The process as the EventEmitter it is: Node's typings overload every event name separately.
const events: NodeJS.EventEmitter = process;

const describeHandler = (listener: Listener) => ({ handler: listener.name || 'anonymous', source: String(listener).replace(/\s+/g, ' ').slice(0, 160) });

/** Installs the policy; returns a function that removes it again. */
export function installProcessPolicy(opts: ProcessPolicyOptions): () => void {
  const { log } = opts;
  let installed = true;
  let fatalSeen = false;
  const onRejection: Listener = (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; serving on (process policy)');
  };
  const onException: Listener = (err, origin) => {
    log.fatal({ err, origin }, 'uncaught exception; draining and exiting with 1 (process policy)');
    if (fatalSeen) return;
    fatalSeen = true;
    opts.fatal(err);
  };
  const ours: Record<GuardedEvent, Listener> = { unhandledRejection: onRejection, uncaughtException: onException };
  const isGuarded = (event: string | symbol): event is GuardedEvent => (GUARDED as readonly (string | symbol)[]).includes(event);

  const removeForeign = (event: GuardedEvent, listener: Listener) => {
    if (listener === ours[event] || !events.listeners(event).includes(listener)) return;
    events.removeListener(event, listener);
    log.warn({ event, ...describeHandler(listener) }, 'removed a process handler a dependency added (process policy)');
  };

  for (const event of GUARDED) for (const listener of events.listeners(event)) removeForeign(event, listener as Listener);
  events.on('unhandledRejection', onRejection);
  events.on('uncaughtException', onException);

  // 'newListener' is emitted before the listener is added: it is removed on the next tick.
  const onNewListener = (event: string | symbol, listener: Listener) => {
    if (isGuarded(event) && listener !== ours[event]) process.nextTick(() => removeForeign(event, listener));
  };
  const onRemoveListener = (event: string | symbol, listener: Listener) => {
    if (!isGuarded(event) || listener !== ours[event] || !installed) return;
    process.nextTick(() => {
      if (installed && !events.listeners(event).includes(listener)) events.on(event, listener);
    });
  };
  events.on('newListener', onNewListener);
  events.on('removeListener', onRemoveListener);

  return () => {
    installed = false;
    events.off('newListener', onNewListener);
    events.off('removeListener', onRemoveListener);
    events.off('unhandledRejection', onRejection);
    events.off('uncaughtException', onException);
  };
}
