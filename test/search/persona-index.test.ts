import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { seeded, syntheticPersonaFile } from '../../testing/synthetic.js';
import { entryToDraft, personaFileSchema } from '../../src/personas/file-format.js';
import { personaFromDraft } from '../../src/domain/persona.js';
import type { Persona } from '../../src/domain/persona.js';
import { parsePersonaFile } from '../../src/personas/parse-file.js';
import { PersonaIndex } from '../../src/search/persona-index.js';
import { PERSONA_FUSE_KEYS } from './support.js';

function examples(): Persona[] {
  const r = parsePersonaFile(readFileSync('examples/personas.yaml', 'utf8'));
  if (!r.ok) throw new Error('examples invalid');
  // Job ids are per persona here, so give shared statements one id as the store would.
  return r.file.personas.map((e, i) => {
    const p = personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`);
    return { ...p, jobs: p.jobs.map((j) => ({ ...j, id: j.statement.toLowerCase() })) };
  });
}

describe('PersonaIndex', () => {
  const index = new PersonaIndex(examples());
  const top = (q: string) => index.search(q).personas[0]?.item.name;

  it('tolerates typos', () => {
    expect(top('overboked lead')).toBe('Overbooked Team Lead');
    expect(top('freelanse desiner')).toBe('Freelance Designer');
  });

  it('finds words far into a summary or an attribute', () => {
    expect(top('busy')).toBe('Overbooked Team Lead');
    expect(top('passive income')).toBe('Side-Hustle Landlord');
    expect(top('Greenhop')).toMatch(/Commuter|Parent/);
  });

  it('says which field each match was found in, the one that counts most first', () => {
    const first = (q: string) => index.search(q).personas[0];
    expect(first('overboked lead')).toMatchObject({ item: { name: 'Overbooked Team Lead' }, matched: ['name'] });
    expect(first('busy')?.matched).toEqual(['summary']);
    expect(first('Greenhop')?.matched).toEqual(['product']);
    expect(first('passive income')?.matched).toEqual(['psychographics.motivations']);
    // Found in its name, its summary and where it lives: the name says most.
    expect(first('bike')).toMatchObject({ item: { name: 'Cargo Bike Parent' }, matched: ['name', 'summary', 'demographics.location'] });
    expect(index.search('feel in control of my week').jobs[0]?.matched).toEqual(['statement']);
  });

  it('finds nothing for a query about nothing here', () => {
    expect(index.search('quantum blockchain yacht')).toEqual({ personas: [], jobs: [] });
    expect(index.search('zzqxv')).toEqual({ personas: [], jobs: [] });
  });

  it('indexes jobs with everyone who hires them', () => {
    const job = index.search('feel in control of my week').jobs[0]!.item;
    expect(job.hirers.map((h) => [h.persona.name, h.importance])).toEqual([
      ['Overbooked Team Lead', 4],
      ['Operations Director', 3],
    ]);
  });

  it('leaves archived personas out', () => {
    const all = examples();
    all[0]!.archived = true;
    const idx = new PersonaIndex(all);
    expect(idx.personas).toHaveLength(all.length - 1);
    expect(idx.search(all[0]!.name).personas.map((r) => r.item.name)).not.toContain(all[0]!.name);
  });

  it('returns nothing for an empty or whitespace query and suggests names for nonsense', () => {
    expect(index.search('   ')).toEqual({ personas: [], jobs: [] });
    expect(index.suggestNames('overbookd')).toContain('Overbooked Team Lead');
  });
});

function synthetic(count: number, jobsEach: number, seed: number): Persona[] {
  const file = personaFileSchema.parse(syntheticPersonaFile(count, jobsEach, seed));
  return file.personas.map((e, i) => personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`));
}

/** Drops, swaps or replaces one letter of a word of more than four letters. */
function typo(text: string, rnd: () => number): string {
  const parts = text.split(' ');
  const w = Math.floor(rnd() * parts.length);
  const word = parts[w]!;
  if (word.length > 4) {
    const p = 1 + Math.floor(rnd() * (word.length - 2));
    const kind = Math.floor(rnd() * 3);
    parts[w] =
      kind === 0
        ? word.slice(0, p) + word.slice(p + 1)
        : kind === 1
          ? word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2)
          : `${word.slice(0, p)}x${word.slice(p + 1)}`;
  }
  return parts.join(' ');
}

describe('PersonaIndex at size', () => {
  it('finds a persona by a typo of its name among 10,000 synthetic ones', { timeout: 30_000 }, () => {
    const personas = synthetic(10_000, 5, 42);
    const index = new PersonaIndex(personas);
    const rnd = seeded(21);
    for (let i = 0; i < 20; i++) {
      const persona = personas[Math.floor(rnd() * personas.length)]!;
      const found = index.search(typo(persona.name, rnd)).personas;
      const mine = found.find((r) => r.item.id === persona.id);
      expect(mine, persona.name).toBeDefined();
      // Only personas scored exactly as well (the same words in every field) can come first.
      expect(mine!.score, persona.name).toBe(found[0]!.score);
    }
  });

  describe('against Fuse over every persona and every job (1,000 synthetic personas)', () => {
    const personas = synthetic(1000, 3, 7);
    const index = new PersonaIndex(personas);
    const attributes = (p: Persona) => [p.demographics, p.psychographics, p.sociographics].flatMap((a) => Object.values(a).flat());
    const docs = index.personas.map((p) => ({ name: p.name, product: p.product ?? '', summary: p.summary, attributes: attributes(p), quote: p.quote ?? '' }));
    const options = { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: 0.4 };
    const allPersonas = new Fuse(docs, { ...options, keys: PERSONA_FUSE_KEYS });
    const allJobs = new Fuse(index.jobs, { ...options, keys: ['statement'] });
    const rnd = seeded(5);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    /** How many of `queries` get Fuse's best persona score and Fuse's best job score. */
    const agreeing = (queries: string[]) => {
      let personasAgree = 0;
      let jobsAgree = 0;
      for (const q of queries) {
        const result = index.search(q);
        if (result.personas[0]?.score === allPersonas.search(q, { limit: 1 })[0]?.score) personasAgree++;
        if (result.jobs[0]?.score === allJobs.search(q, { limit: 1 })[0]?.score) jobsAgree++;
      }
      return { personas: personasAgree, jobs: jobsAgree };
    };

    it('typos of names and of quotes: always the score Fuse ranks first', { timeout: 30_000 }, () => {
      const queries: string[] = [];
      for (let i = 0; i < 20; i++) {
        queries.push(typo(pick(personas).name, rnd));
        queries.push(
          typo(
            pick(personas)
              .quote!.replace(/^I just want to /, '')
              .replace(/\.$/, ''),
            rnd,
          ),
        );
      }
      expect(agreeing(queries)).toEqual({ personas: queries.length, jobs: queries.length });
    });

    it('typos of job statements and of bits of summaries: nearly always', { timeout: 30_000 }, () => {
      const queries: string[] = [];
      for (let i = 0; i < 20; i++) {
        queries.push(typo(pick(pick(personas).jobs).statement.replace(/ \d+-\d+$/, ''), rnd));
        const words = pick(personas).summary.replace(/\.$/, '').split(' ');
        const at = Math.floor(rnd() * (words.length - 3));
        queries.push(typo(words.slice(at, at + 2 + Math.floor(rnd() * 3)).join(' '), rnd));
      }
      // Bits of summaries made of small words ("and shae", "who wnats to") can get a weaker match
      // than Fuse's best (Fuse finds those letters across word boundaries); the rest agree.
      const agree = agreeing(queries);
      expect(agree.personas, 'personas').toBeGreaterThanOrEqual(queries.length * 0.9);
      expect(agree.jobs, 'jobs').toBeGreaterThanOrEqual(queries.length * 0.9);
    });
  });

  it('ranks the same way every time, best score first, ties in persona order', () => {
    const index = new PersonaIndex(synthetic(1000, 3, 7));
    for (const q of ['nurse', 'busy team lead', 'save time on admin', 'Ledgerly', 'frugal chf']) {
      const first = index.search(q, 50);
      expect(index.search(q, 50), q).toEqual(first);
      const positions = first.personas.map((r) => index.personas.indexOf(r.item));
      for (let i = 1; i < first.personas.length; i++) {
        const [a, b] = [first.personas[i - 1]!, first.personas[i]!];
        expect(a.score < b.score || (a.score === b.score && positions[i - 1]! < positions[i]!), q).toBe(true);
      }
    }
  });

  it('returns as many matches as asked for', () => {
    const index = new PersonaIndex(synthetic(1000, 3, 7));
    expect(index.search('nurse', 50).personas).toHaveLength(50);
    expect(index.search('nurse', 3).personas).toHaveLength(3);
    expect(index.search('nurse', 0)).toEqual({ personas: [], jobs: [] });
  });
});
