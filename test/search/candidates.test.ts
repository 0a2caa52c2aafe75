import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../src/search/candidates.js';
import type { Estimates } from '../../src/search/estimates.js';
import { parseQuery } from '../../src/search/query.js';
import type { SimilarWords } from '../../src/search/similar-words.js';
import type { WordIndex } from '../../src/search/word-index.js';
import { words } from '../../src/search/words.js';
import { seeded, syntheticPersonaFile } from '../../testing/synthetic.js';

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
      const narrowed = new Fuse(
        index.candidates(query, 40).map((d) => docs[d]!),
        options,
      ).search(query, { limit: 1 })[0];
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

describe('CandidateIndex search shortcuts', () => {
  // The threshold search must find what estimating every document would: the same documents
  // estimated to match, in the same order. Near misses (estimated not to match) are left out:
  // the search gives up early on those by design.
  const file = syntheticPersonaFile(1500, 3, 11);
  const texts = file.personas.map((p) => [
    p.name,
    p.product ?? '',
    p.summary,
    String(p.demographics?.role ?? ''),
    ...((p.psychographics?.motivations as string[] | undefined) ?? []),
    p.quote ?? '',
  ]);
  const weight = (_doc: number, field: number) => (field === 0 ? 3 : field === 2 ? 1.5 : 1);
  const group = (doc: number, field: number) => (field === texts[doc]!.length - 1 ? 'quote' : field >= 4 ? 'goal' : field);
  const personaLike = new CandidateIndex(texts, { weight, group });
  const statements = file.personas.flatMap((p) => (p.jobs ?? []).map((j) => [j.statement]));
  const jobLike = new CandidateIndex(statements);

  interface Internals {
    epoch: number;
    index: WordIndex;
    similar: SimilarWords;
    estimates: Estimates;
  }
  // Documents can tie on their estimate, and the search need not look at all of those tied:
  // compared are the estimates of the documents found.
  function everyDocument(index: CandidateIndex, documents: number, query: string, limit: number): number[] {
    const inner = index as unknown as Internals;
    const q = parseQuery(inner.index, query);
    if (!q) return [];
    const epoch = ++inner.epoch;
    // Every query word's similar words, even when they cannot add up to a match.
    const needMatch = q.needMatch;
    q.needMatch = -Infinity;
    inner.similar.find(q, epoch);
    q.needMatch = needMatch;
    const matching: number[] = [];
    for (let doc = 0; doc < documents; doc++) if (inner.estimates.estimateDocument(doc, q, epoch) < 0) matching.push(doc);
    const estimates = matching.map((d) => inner.estimates.documentEstimate[d]!).sort((a, b) => a - b);
    return estimates.slice(0, limit);
  }
  function matchingOf(index: CandidateIndex, query: string, limit: number): number[] {
    const docs = index.candidates(query, limit);
    // Estimates of the search just run (they stay until the next search).
    const estimates = (index as unknown as Internals).estimates.documentEstimate;
    return docs.map((d) => estimates[d]!).filter((e) => e < 0);
  }

  const rnd = seeded(5);
  const queries: string[] = ['zzqxv', 'and', 'the weekly budget'];
  for (let i = 0; i < 20; i++) {
    const p = file.personas[Math.floor(rnd() * file.personas.length)]!;
    const name = p.name.split(' ');
    const w = Math.floor(rnd() * name.length);
    if (name[w]!.length > 4) name[w] = name[w]!.slice(0, 2) + name[w]!.slice(3);
    queries.push(name.join(' '), p.summary.replace(/\.$/, '').split(' ').slice(-4).join(' '), p.jobs![0]!.statement);
  }

  it('finds estimates as good as estimating every document finds', () => {
    let compared = 0;
    for (const query of queries) {
      for (const limit of [1, 10, 15]) {
        for (const [index, documents] of [
          [personaLike, texts.length],
          [jobLike, statements.length],
        ] as const) {
          const expected = everyDocument(index, documents, query, limit);
          const found = matchingOf(index, query, limit);
          // A search that found fewer matches than the limit may have stopped among near misses
          // (see above); one that found the limit must have found the best.
          if (found.length < limit) continue;
          expect(found, `${query} (${limit})`).toEqual(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(queries.length);
  });

  it('finds nothing, reading nothing, when the query words cannot add up to a match', () => {
    let shortcut = 0;
    for (const query of queries) {
      for (const [index, documents] of [
        [personaLike, texts.length],
        [jobLike, statements.length],
      ] as const) {
        const inner = index as unknown as Internals;
        const q = parseQuery(inner.index, query);
        if (q && inner.similar.find(q, ++inner.epoch)) continue;
        shortcut++;
        expect(index.rank(query, 10), query).toEqual([]);
        expect(everyDocument(index, documents, query, 10), query).toEqual([]);
      }
    }
    // Names (a typo in them) are not in job statements.
    expect(shortcut).toBeGreaterThan(10);
    // Except for a field that is the query itself, whatever its words.
    const index = new CandidateIndex([['ab - - - cd'], ['ab cd'], ['nothing to see']]);
    expect(index.candidates('ab - - - cd', 10)[0]).toBe(0);
  });
});
