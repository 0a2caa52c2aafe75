// Where the store lives, read from DATABASE_URL. It sits in config (not db) so that settings
// can be checked at start-up without loading a database driver.

export const DEFAULT_PGLITE_DIR = './data/pglite';

export type DatabaseTarget = { driver: 'pglite'; dataDir: string | null } | { driver: 'postgres'; url: string };

/** Reads `DATABASE_URL`: unset → embedded PGlite in ./data/pglite; `pglite:memory`; `pglite:<dir>`; `postgres://…`. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (url === undefined || url.trim() === '') return { driver: 'pglite', dataDir: DEFAULT_PGLITE_DIR };
  if (url.startsWith('pglite:')) {
    const rest = url.slice('pglite:'.length).replace(/^\/\//, '');
    if (rest === 'memory') return { driver: 'pglite', dataDir: null };
    if (rest === '') throw new Error('DATABASE_URL "pglite:" needs a directory or "memory", for example pglite:./data/pglite');
    return { driver: 'pglite', dataDir: rest };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { driver: 'postgres', url };
  throw new Error('DATABASE_URL must start with postgres://, postgresql:// or pglite: (for example pglite:memory)');
}
