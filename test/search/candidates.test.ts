import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, words } from '../../src/search/candidates.js';
import { seeded, syntheticPersonaFile } from '../../bench/support/synthetic.js';

describe('CandidateIndex', () => {
  it('splits words across scripts and accents', () => {
    expect(words('Überholt café, 42 naïve—Teams')).toEqual(['uberholt', 'cafe', '42', 'naive', 'teams']);
  });

  it('does not let words found everywhere decide: the rare word does', () => {
    const docs = Array.from({ length: 50 }, (_, i) => [`the plan and the team ${i}`]);
    docs.push(['the plan and the lighthouse']);
    const index = new CandidateIndex(docs);
    expect(index.candidates('the lighthouse and the plan', 1)).toEqual([50]);
  });

  it('keeps documents whose words are a typo or two away', () => {
    const index = new CandidateIndex([['Overbooked Team Lead'], ['Freelance Designer'], ['Night nurse']]);
    expect(index.candidates('overboked lead', 10)[0]).toBe(0);
    expect(index.candidates('freelanse', 10)).toEqual([1]);
    expect(index.candidates('zzqxv', 10)).toEqual([]);
  });

  it('drops no match Fuse would rank first (1,000 synthetic personas, 60 typo queries)', () => {
    const file = syntheticPersonaFile(1000, 3, 7);
    const docs = file.personas.map((p) => ({ name: p.name, summary: p.summary }));
    const options = { keys: ['name', 'summary'], includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: 0.4 };
    const full = new Fuse(docs, options);
    const index = new CandidateIndex(docs.map((d) => [d.name, d.summary]));
    const rnd = seeded(3);
    for (let i = 0; i < 60; i++) {
      const name = docs[Math.floor(rnd() * docs.length)]!.name;
      // Drop one letter of a random word: a typo.
      const parts = name.split(' ');
      const w = Math.floor(rnd() * parts.length);
      const word = parts[w]!;
      if (word.length > 4) parts[w] = word.slice(0, 2) + word.slice(3);
      const query = parts.join(' ');
      const expected = full.search(query, { limit: 1 })[0];
      const narrowed = new Fuse(index.candidates(query, 40).map((d) => docs[d]!), options).search(query, { limit: 1 })[0];
      expect(narrowed?.score, query).toBe(expected?.score);
    }
  });
});
