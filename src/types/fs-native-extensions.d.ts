// The part of fs-native-extensions (which ships no types) that the store lock uses.
declare module 'fs-native-extensions' {
  /** Takes an exclusive lock on the open file; false when another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
