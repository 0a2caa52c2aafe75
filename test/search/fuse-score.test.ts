import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../src/search/candidates.js';
import { FUSE_OPTIONS, normaliseWeights, VERBATIM_SCORE } from '../../src/search/fuse-options.js';
import { fuseScores } from '../../src/search/fuse-score.js';
import { seeded, syntheticPersonaFile } from '../../testing/synthetic.js';
import { PERSONA_FUSE_KEYS } from './support.js';

// Synthetic personas laid out as PersonaIndex lays them out: name, product, summary, each
// attribute value, quote (Fuse's keys, in order).
function syntheticDocs(count: number) {
  return syntheticPersonaFile(count, 2, 11).personas.map((p) => ({
    name: p.name,
    product: p.product ?? '',
    summary: p.summary,
    attributes: [String(p.demographics?.role), String(p.demographics?.age), ...((p.psychographics?.motivations ?? []) as string[])],
    quote: p.quote ?? '',
  }));
}

const KEYS = PERSONA_FUSE_KEYS;

describe('fuseScores', () => {
  it('scores documents exactly as Fuse does with its keys, given every field', () => {
    const docs = syntheticDocs(300);
    const texts = docs.map((d) => [d.name, d.product, d.summary, ...d.attributes, d.quote]);
    const index = new CandidateIndex(texts);
    const weights = normaliseWeights(KEYS.map((k) => k.weight));
    const key = (doc: number, field: number) => (field < 3 ? field : field === texts[doc]!.length - 1 ? 4 : 3);
    const everyField = texts.map((fields, doc) => ({ doc, fields: fields.map((_, i) => i) }));
    const fuse = new Fuse(docs, { ...FUSE_OPTIONS, keys: KEYS });
    const rnd = seeded(5);
    const queries = ['Tasklane', 'client invoices', 'nurse', 'the weekly budget', 'save time on admin', 'frugal chef 12', 'overboked nurse', 'zzqxv'];
    for (let i = 0; i < 12; i++) {
      const name = docs[Math.floor(rnd() * docs.length)]!.name;
      queries.push(name.slice(0, 3) + name.slice(4)); // a typo
    }
    for (const q of queries) {
      const expected = fuse.search(q).map((r) => [r.refIndex, r.score]);
      const actual = fuseScores(q, index, everyField, (doc, field) => weights[key(doc, field)]!, docs.length).map((r) => [r.doc, r.score]);
      expect(actual, q).toEqual(expected);
    }
  });

  it('gives a text holding the query verbatim the score Fuse gives it', () => {
    const rnd = seeded(9);
    const options = { ...FUSE_OPTIONS, isCaseSensitive: true };
    for (const d of syntheticDocs(100)) {
      const text = d.summary.toLowerCase();
      const start = Math.floor(rnd() * (text.length - 3));
      const pattern = text.slice(start, start + 3 + Math.floor(rnd() * 29));
      expect(Fuse.match(pattern, text, options).score, pattern).toBe(VERBATIM_SCORE);
      expect(Fuse.match(text.slice(0, 32), text.slice(0, 32), options).score).toBe(0);
    }
  });

  it('leaves out documents none of whose fields match', () => {
    const index = new CandidateIndex([['Night nurse'], ['Freelance designer']]);
    const scores = fuseScores(
      'nurse',
      index,
      [
        { doc: 0, fields: [0] },
        { doc: 1, fields: [0] },
      ],
      () => 1,
      10,
    );
    expect(scores.map((s) => s.doc)).toEqual([0]);
  });
});
