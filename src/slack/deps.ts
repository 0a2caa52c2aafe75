import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { LookupService } from '../services/lookup.js';
import type { PersonaEditing } from '../services/persona-editing.js';

/** What listeners may use: services, settings and the clock; never the raw Bolt app. */
export interface AppDeps {
  db: Db;
  lookup: LookupService;
  editing: PersonaEditing;
  clock: Clock;
  log: Logger;
  settings: {
    staleAfterDays: number;
    adminUserIds: string[];
  };
}
