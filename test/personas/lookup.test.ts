// The one search behind /persona, the App Home and the CLI: what matches, and why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { personaFromDraft } from '../../src/domain/persona.js';
import type { Persona } from '../../src/domain/persona.js';
import { entryToDraft } from '../../src/personas/file-format.js';
import { describeReasons, otherMatches, searchPersonaHits } from '../../src/personas/lookup.js';
import { parsePersonaFile } from '../../src/personas/parse-file.js';
import { PersonaIndex } from '../../src/search/persona-index.js';

function examples(): Persona[] {
  const r = parsePersonaFile(readFileSync('examples/personas.yaml', 'utf8'));
  if (!r.ok) throw new Error('examples invalid');
  return r.file.personas.map((e, i) => {
    const p = personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`);
    return { ...p, jobs: p.jobs.map((j) => ({ ...j, id: j.statement.toLowerCase() })) };
  });
}

describe('searchPersonaHits', () => {
  const index = new PersonaIndex(examples());
  const names = (q: string) => searchPersonaHits(index, q).hits.map((h) => h.persona.name);

  it('finds a persona through its jobs, pains and constraints, not only its own fields', () => {
    expect(names('bike')).toEqual(['Cargo Bike Parent', 'Car-Free Commuter']);
    const commuter = searchPersonaHits(index, 'bike').hits[1]!;
    expect(describeReasons(commuter.reasons)).toEqual([
      'job “Get a bike repaired without losing a day”',
      'pain “Bike theft outside the office”',
      'constraint “No space to store a bike indoors”',
    ]);
  });

  it('offers the personas of the same product as related when the words differ', () => {
    const { hits } = searchPersonaHits(index, 'insurance');
    expect(hits.map((h) => [h.persona.name, h.reasons[0]!.on])).toEqual([
      ['First-Time Renter', 'quote'],
      ['Side-Hustle Landlord', 'same_product'],
    ]);
    // Not when the query named the persona.
    expect(names('overboked')).toEqual(['Overbooked Team Lead']);
  });

  it('adds only as many related personas as the answer holds, however many share the product', () => {
    const renter = examples().find((p) => p.name === 'First-Time Renter')!;
    const siblings = Array.from({ length: 500 }, (_, i) => ({
      ...renter,
      id: `s${i}`,
      name: `Sibling ${i}`,
      summary: 'Someone else entirely.',
      quote: null,
      jobs: [],
      pains: [],
      gains: [],
      constraints: [],
      successMetric: null,
      demographics: {},
      psychographics: {},
      sociographics: {},
    }));
    const big = new PersonaIndex([...examples(), ...siblings]);
    const { hits } = searchPersonaHits(big, 'insurance', 5);
    expect(hits).toHaveLength(5);
    expect(hits[0]!.persona.name).toBe('First-Time Renter');
    expect(hits.slice(1).every((h) => h.reasons[0]!.on === 'same_product')).toBe(true);
  });

  it('finds nothing for nonsense, and suggests no unrelated names', () => {
    expect(names('quantum blockchain yacht')).toEqual([]);
    expect(index.suggestNames('quantum blockchain yacht')).toEqual([]);
    expect(index.suggestNames('overbookd')).toContain('Overbooked Team Lead');
  });

  it('leaves faint echoes out: "bike" is not "business"', () => {
    expect(names('bike')).not.toContain('Freelance Designer');
  });

  it('the other matches of a card are the rest of the hits, at most four', () => {
    const { hits } = searchPersonaHits(index, 'bike');
    expect(otherMatches(hits, hits[0]!.persona.id).map((h) => h.persona.name)).toEqual(['Car-Free Commuter']);
    expect(otherMatches(hits, hits[1]!.persona.id).map((h) => h.persona.name)).toEqual(['Cargo Bike Parent']);
  });
});
