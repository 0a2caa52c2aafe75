import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { deletePersonaByName } from '../../src/db/queries/persona-writes.js';
import { WorkspaceIndexes } from '../../src/search/workspace-indexes.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const clock = fixedClock('2026-11-02T10:00:00Z');
const fixture = readFileSync('test/fixtures/personas-small.yaml', 'utf8');

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDriver('search index follows the database', ({ handle, driver, url }) => {
  it('a persona changed through another connection shows up in search', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    const indexes = new WorkspaceIndexes(handle().db, silentLogger());
    const unlisten = await indexes.listen(handle());
    // PGlite is one in-process database: "another connection" is another writer on it that
    // does not tell the index. On Postgres it is a separate pool, as another replica would be.
    const other = driver === 'postgres' ? await openDatabase(url(), { maxConnections: 1 }) : handle();
    try {
      const before = await indexes.get(team);
      expect(before.search('lighthouse keeper').personas).toEqual([]);

      const added = 'version: 1\npersonas:\n  - { name: Lighthouse Keeper, summary: Keeps the light on through winter storms. }\n';
      await importPersonaText(other.db, team, added, 'g.yaml', clock);
      await eventually(async () => (await indexes.get(team)).search('lighthouse keeper').personas[0]?.item.name === 'Lighthouse Keeper');

      await deletePersonaByName(other.db, { teamId: team, name: 'Night Shift Nurse' });
      await eventually(async () => !(await indexes.get(team)).personas.some((p) => p.name === 'Night Shift Nurse'));
      // The job only the deleted persona hired is gone from job search too.
      expect((await indexes.get(team)).search('sleep well after a night shift').jobs.map((j) => j.item.statement)).not.toContain(
        'Sleep well after a night shift',
      );
    } finally {
      await unlisten();
      if (other !== handle()) await other.close();
    }
  });

  it('a change in one workspace leaves another workspace index alone', async () => {
    const a = newTeamId();
    const b = newTeamId();
    await importPersonaText(handle().db, a, fixture, 'f.yaml', clock);
    await importPersonaText(handle().db, b, fixture, 'f.yaml', clock);
    const indexes = new WorkspaceIndexes(handle().db, silentLogger());
    const unlisten = await indexes.listen(handle());
    try {
      const bIndex = await indexes.get(b);
      await deletePersonaByName(handle().db, { teamId: a, name: 'Shift Planner' });
      await eventually(async () => (await indexes.get(a)).personas.length === 1);
      expect(await indexes.get(b)).toBe(bIndex);
      expect(bIndex.personas).toHaveLength(2);
    } finally {
      await unlisten();
    }
  });
});
