// The examples store: one example per text and workspace (relearning changes nothing, a new
// label replaces the old), every read and delete scoped to its workspace, and the cache that
// hands reviews the same array until the examples change.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ExampleCache } from '../../../src/copy-review/examples.js';
import { deleteExamples, examplesStamp, getExample, listExamples, upsertExamples } from '../../../src/db/queries/examples.js';
import type { NewExample } from '../../../src/db/queries/examples.js';
import { importPersonaText } from '../../../src/personas/import-export.js';
import { listPersonas } from '../../../src/db/queries/personas.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

const clock = fixedClock('2026-11-20T12:00:00Z');
const FILE = 'test/fixtures/review/calibration/personas.yaml';

const ad = (textHash: string, personaId: string | null, extra: Partial<NewExample> = {}): NewExample => ({
  textHash,
  personaId,
  jobs: [],
  jobsKnown: false,
  adChannel: null,
  externalId: null,
  source: 'file',
  sourceRef: 'ads.yaml',
  draftText: null,
  model: 'm@1',
  vector: [0.6, 0.8],
  terms: [['abc', 0.5]],
  createdBy: 'cli',
  ...extra,
});

describeEachDriver('examples', ({ handle }) => {
  it('keeps one example per text; relearning changes nothing, a new label replaces the old', async () => {
    const teamId = newTeamId();
    await importPersonaText(handle().db, teamId, readFileSync(FILE, 'utf8'), FILE, clock);
    const [a, b] = await listPersonas(handle().db, { teamId });
    const now = clock.now();
    expect(await upsertExamples(handle().db, { teamId, examples: [ad('h1', a!.id), ad('h2', null)], now })).toMatchObject({
      added: 2,
      changed: 0,
      unchanged: 0,
    });
    expect(await upsertExamples(handle().db, { teamId, examples: [ad('h1', a!.id), ad('h2', null)], now })).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 2,
    });
    expect(await upsertExamples(handle().db, { teamId, examples: [ad('h1', b!.id)], now })).toMatchObject({ added: 0, changed: 1 });
    const rows = (await listExamples(handle().db, { teamId })).sort((x, y) => x.textHash.localeCompare(y.textHash));
    expect(rows.map((r) => [r.textHash, r.personaName])).toEqual([
      ['h1', b!.name],
      ['h2', null],
    ]);
    expect(rows[0]!.vector).toEqual(Float32Array.from([0.6, 0.8]));
    expect(await listExamples(handle().db, { teamId, personaId: null })).toHaveLength(1);
  });

  it('never reads, counts or deletes another workspace’s examples', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    await upsertExamples(handle().db, { teamId: t1, examples: [ad('same', null)], now: clock.now() });
    const { ids } = await upsertExamples(handle().db, { teamId: t2, examples: [ad('same', null)], now: clock.now() });
    expect(await listExamples(handle().db, { teamId: t1 })).toHaveLength(1);
    expect(await getExample(handle().db, { teamId: t1, id: ids[0]! })).toBeNull();
    expect(await deleteExamples(handle().db, { teamId: t1, ids })).toBe(0);
    expect((await examplesStamp(handle().db, { teamId: t2 })).count).toBe(1);
    expect(await deleteExamples(handle().db, { teamId: t2, ids })).toBe(1);
    expect((await examplesStamp(handle().db, { teamId: t2 })).count).toBe(0);
    expect(await listExamples(handle().db, { teamId: t1 })).toHaveLength(1);
  });

  it('the cache hands out the same array until the examples change', async () => {
    const teamId = newTeamId();
    const cache = new ExampleCache(handle().db);
    expect(await cache.get(teamId)).toEqual([]);
    await upsertExamples(handle().db, { teamId, examples: [ad('x', null)], now: clock.now() });
    const first = await cache.get(teamId);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ personaId: null, jobsKnown: false, model: 'm@1' });
    expect(await cache.get(teamId)).toBe(first);
    await upsertExamples(handle().db, { teamId, examples: [ad('y', null)], now: new Date(clock.now().getTime() + 1000) });
    expect(await cache.get(teamId)).toHaveLength(2);
  });
});
