// How the CLI names the store it read or wrote: `./data/pglite` (the directory, relative to
// where the command runs when it is below it), `memory`, or the server without credentials.
import { isAbsolute, relative, sep } from 'node:path';
import type { DatabaseHandle } from '../db/client.js';

export function storeLabel(handle: Pick<DatabaseHandle, 'driver' | 'location'>, cwd = process.cwd()): string {
  if (handle.driver !== 'pglite' || handle.location === 'memory') return handle.location;
  const rel = relative(cwd, handle.location);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return handle.location;
  return `.${sep}${rel}`;
}
