// Who owns an embedded store: the process holding an exclusive OS lock on a file in its
// directory (fcntl open-file-description locks on Linux, flock on macOS). The kernel drops
// the lock when the process ends however it ends, kill -9 included, so a lock is never stale.
// The file's text only says who holds it, for messages; the lock is what counts.
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';
import { z } from 'zod';

export const LOCK_FILE = 'persona-bot.lock';

const ownerSchema = z.object({ pid: z.number(), since: z.string(), command: z.string() });
export type StoreOwner = z.infer<typeof ownerSchema>;

export interface StoreLock {
  release(): void;
}

/** Takes the store's lock, or returns null when another process (or another handle) holds it. */
export function tryLockStore(dir: string, owner: StoreOwner): StoreLock | null {
  const fd = openSync(join(dir, LOCK_FILE), 'a+', 0o600);
  let locked = false;
  try {
    locked = tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) return null;
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify(owner)}\n`, 0);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        ftruncateSync(fd, 0);
        unlock(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Who wrote the lock file last: the owner while it holds the lock. */
export function readStoreOwner(dir: string): StoreOwner | null {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
