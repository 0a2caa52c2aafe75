// Helpers for the review tests: personas from the fixture files, and a fake embedder.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Embedder } from '../../src/review-engine/embedder.js';
import { personasFromFile } from '../../tools/eval/eval-set.js';
import type { Persona } from '../../src/domain/persona.js';

// Fitted on (tools/eval/calibrate-review.ts): sibling personas of two products, and six unrelated consumer products.
export const CALIBRATION_DIR = 'test/fixtures/review/calibration';
export const CONSUMER_DIR = 'test/fixtures/review/consumer';
// Never fitted on: sibling personas of two other products, and six unrelated products for people at work.
export const HOLDOUT_DIR = 'test/fixtures/review/holdout';
export const PROFESSIONAL_DIR = 'test/fixtures/review/professional';
/** Real published ads, quoted from public pages (sources.yaml): the half fitting may look at, and the half it never does. */
export const REAL_ADS_DIR = 'test/fixtures/review/real-ads';
export const REAL_ADS_HOLDOUT_DIR = 'test/fixtures/review/real-ads-holdout';

export function fixturePersonas(dir: string, teamId = 'T_TEST'): Persona[] {
  const path = `${dir}/personas.yaml`;
  return personasFromFile(readFileSync(path, 'utf8'), path, teamId);
}

/**
 * A deterministic stand-in for the sentence model: hashed bag of words, unit length. It counts
 * the texts it is asked to embed, so tests can see what was cached.
 */
export class FakeEmbedder implements Embedder {
  readonly model = 'fake-bag-of-words@1';
  calls = 0;
  texts = 0;
  constructor(private readonly dim = 64) {}
  async embed(texts: string[]): Promise<number[][]> {
    this.calls++;
    this.texts += texts.length;
    return texts.map((t) => {
      const v = new Array<number>(this.dim).fill(0);
      for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) {
        const h = createHash('md5').update(w).digest();
        v[h[0]! % this.dim]! += h[1]! % 2 ? 1 : -1;
      }
      const n = Math.hypot(...v) || 1;
      return v.map((x) => x / n);
    });
  }
}

/** An embedder that always fails, like a model whose files are missing. */
export const brokenEmbedder: Embedder = {
  model: 'broken@1',
  embed: async () => {
    throw new Error('ENOENT: model.json not found');
  },
};
