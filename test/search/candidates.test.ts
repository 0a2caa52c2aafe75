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

describe('CandidateIndex estimates', () => {
  it('ranks a field holding the query as a phrase before one holding its words apart', () => {
    const index = new CandidateIndex([['save the commute and find time on admin'], ['save time on admin before lunch'], ['nothing to see']]);
    expect(index.candidates('save time on admin', 10)).toEqual([1, 0]);
  });

  it('weighs fields by their weight and names the fields worth scoring', () => {
    const index = new CandidateIndex(
      [
        ['Night nurse', 'Works nights'],
        ['Day worker', 'Used to be a night nurse'],
      ],
      { weight: (_doc, field) => (field === 0 ? 3 : 1) },
    );
    expect(index.rank('night nurse', 10)).toEqual([
      { doc: 0, fields: [0] },
      { doc: 1, fields: [1] },
    ]);
  });

  it('gives the same answer whatever was searched before, and after its stamps wrap', () => {
    const file = syntheticPersonaFile(500, 3, 7);
    const texts = file.personas.map((p) => [p.name, p.summary, p.quote ?? '']);
    const queries = ['busy team lead', 'overboked nurse', 'the weekly budget', 'curious studnt 42', 'zzqxv', 'and'];
    const fresh = queries.map((q) => new CandidateIndex(texts).rank(q, 15));
    const used = new CandidateIndex(texts);
    for (let round = 0; round < 3; round++) expect(queries.map((q) => used.rank(q, 15))).toEqual(fresh);
    (used as unknown as { epoch: number }).epoch = (1 << 25) - 2;
    for (let round = 0; round < 2; round++) expect(queries.map((q) => used.rank(q, 15))).toEqual(fresh);
  });
});
