// First start on the embedded store: an empty workspace gets the example personas, so a
// new user has something to look up straight away. A real server is never seeded.
import { fileURLToPath } from 'node:url';
import type { Clock } from '../domain/clock.js';
import type { DatabaseHandle } from '../db/client.js';
import type { Logger } from '../logger.js';
import { importPersonaPath } from './import-export.js';
import { countPersonas } from '../db/queries/personas.js';

export const EXAMPLES_PATH = fileURLToPath(new URL('../../examples/personas.yaml', import.meta.url));

export async function seedExamplesIfEmpty(handle: DatabaseHandle, teamId: string, clock: Clock, log: Logger): Promise<number> {
  if (handle.driver !== 'pglite') return 0;
  if ((await countPersonas(handle.db, { teamId })) > 0) return 0;
  const { created } = await importPersonaPath(handle.db, teamId, EXAMPLES_PATH, clock);
  log.info(
    { team: teamId, personas: created.length, store: handle.location },
    `Loaded ${created.length} example persona${created.length === 1 ? '' : 's'} into the empty workspace ${teamId} (embedded store). Replace them with yours: npm run cli -- import --replace your-personas.yaml (a plain import adds to them; delete one with npm run cli -- delete "NAME").`,
  );
  return created.length;
}
