import { expect, it } from 'vitest';
import { countTextVectors, dbVectorStore, deleteTextVectors, loadTextVectors, saveTextVectors } from '../../src/db/queries/text-vectors.js';
import { textHash, VectorCache, vectorsFor } from '../../src/review-engine/vector-store.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';
import { FakeEmbedder } from './support.js';

it('hashes texts by their normalised form', () => {
  expect(textHash('Cover  surprise vet bills ')).toBe(textHash('Cover surprise vet bills'));
  expect(textHash('Cover surprise vet bills')).not.toBe(textHash('cover surprise vet bills'));
});

it('keeps a bounded number of vectors in memory, per workspace', () => {
  const cache = new VectorCache(2);
  cache.set('T1', 'm', 'a', Float32Array.of(1));
  cache.set('T1', 'm', 'b', Float32Array.of(2));
  cache.set('T1', 'm', 'c', Float32Array.of(3));
  expect(cache.size).toBe(2);
  expect(cache.get('T1', 'm', 'a')).toBeUndefined();
  expect(cache.get('T2', 'm', 'c')).toBeUndefined();
});

describeEachDriver('text_embeddings', ({ handle }) => {
  it('stores and loads vectors scoped by workspace and model; a second workspace sees nothing', async () => {
    const db = handle().db;
    const [t1, t2] = [newTeamId(), newTeamId()];
    await saveTextVectors(db, {
      teamId: t1,
      model: 'm1',
      entries: [
        { hash: 'h1', vector: [0.5, -0.25] },
        { hash: 'h2', vector: [1, 0] },
      ],
    });
    await saveTextVectors(db, { teamId: t1, model: 'm1', entries: [{ hash: 'h1', vector: [9, 9] }] }); // kept as first stored
    const loaded = await loadTextVectors(db, { teamId: t1, model: 'm1', hashes: ['h1', 'h2', 'h3'] });
    expect([...loaded.keys()].sort()).toEqual(['h1', 'h2']);
    expect(Array.from(loaded.get('h1')!)).toEqual([0.5, -0.25]);
    expect((await loadTextVectors(db, { teamId: t2, model: 'm1', hashes: ['h1'] })).size).toBe(0);
    expect((await loadTextVectors(db, { teamId: t1, model: 'm2', hashes: ['h1'] })).size).toBe(0);
    expect(await deleteTextVectors(db, { teamId: t1, model: 'm1' })).toBe(2);
    expect(await countTextVectors(db, { teamId: t1 })).toBe(0);
  });

  it('computes each text once: memory first, then the database, then the model', async () => {
    const db = handle().db;
    const teamId = newTeamId();
    const fake = new FakeEmbedder();
    const texts = ['Book a sitter tonight', 'Feel at ease', 'Book a sitter tonight'];
    const first = await vectorsFor({ embedder: fake, teamId, texts, cache: new VectorCache(), store: dbVectorStore(db) });
    expect(first).toMatchObject({ computed: 2, fromDatabase: 0, fromMemory: 0 });
    expect(first.vectors).toHaveLength(3);
    expect(first.vectors[0]).toEqual(first.vectors[2]);
    expect(await countTextVectors(db, { teamId })).toBe(2);

    const cache = new VectorCache();
    const second = await vectorsFor({ embedder: fake, teamId, texts, cache, store: dbVectorStore(db) });
    expect(second).toMatchObject({ computed: 0, fromDatabase: 3 });
    const third = await vectorsFor({ embedder: fake, teamId, texts, cache, store: dbVectorStore(db) });
    expect(third).toMatchObject({ computed: 0, fromMemory: 3 });
    expect(fake.texts).toBe(2);
    expect(Array.from(third.vectors[1]!)).toEqual(Array.from(first.vectors[1]!).map((x) => Math.fround(x)));
  });
});
