// One search index per workspace, kept in memory and rebuilt when that workspace's personas
// change: through this process, or through any other connected to the same database
// (NOTIFY persona_changed, sent by triggers, reaches every replica).
import type { DatabaseHandle, Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { listPersonas } from '../db/queries/personas.js';
import { PersonaIndex } from './persona-index.js';

interface Entry {
  index?: PersonaIndex;
  /** Bumped on every change; an index is current when it was built from this version. */
  version: number;
  builtVersion: number;
  building?: Promise<void>;
}

export const PERSONA_CHANGED_CHANNEL = 'persona_changed';

export class WorkspaceIndexes {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Subscribes to change notifications; returns the unsubscribe function. */
  listen(handle: DatabaseHandle): Promise<() => Promise<void>> {
    return handle.listen(
      PERSONA_CHANGED_CHANNEL,
      (teamId) => this.invalidate(teamId),
      () => {
        this.log.info('change notifications reconnected; refreshing every search index');
        for (const teamId of this.entries.keys()) this.invalidate(teamId);
      },
    );
  }

  /** Marks a workspace's index out of date and rebuilds it in the background if one was in use. */
  invalidate(teamId: string): void {
    const entry = this.entries.get(teamId);
    if (!entry) return;
    entry.version += 1;
    if (entry.index) void this.refresh(teamId, entry).catch((err: unknown) => this.log.warn({ err, team: teamId }, 'search index rebuild failed'));
  }

  /** The workspace's current index, built or rebuilt first when needed. */
  async get(teamId: string): Promise<PersonaIndex> {
    let entry = this.entries.get(teamId);
    if (!entry) {
      entry = { version: 1, builtVersion: 0 };
      this.entries.set(teamId, entry);
    }
    while (!entry.index || entry.builtVersion !== entry.version) await this.refresh(teamId, entry);
    return entry.index;
  }

  /**
   * The workspace's index as it is, without waiting for a rebuild under way; undefined when none
   * was built yet. For checks that the store backs up anyway (a name already taken).
   */
  current(teamId: string): PersonaIndex | undefined {
    return this.entries.get(teamId)?.index;
  }

  private refresh(teamId: string, entry: Entry): Promise<void> {
    // One build at a time per workspace; a change during a build triggers one more.
    entry.building ??= (async () => {
      try {
        const version = entry.version;
        const started = performance.now();
        const personas = await listPersonas(this.db, { teamId });
        entry.index = new PersonaIndex(personas);
        entry.builtVersion = version;
        this.log.debug({ team: teamId, personas: personas.length, ms: Math.round(performance.now() - started) }, 'search index built');
      } finally {
        entry.building = undefined;
      }
    })();
    return entry.building;
  }
}
