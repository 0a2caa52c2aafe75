import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryToDraft } from '../../src/personas/file-format.js';
import { personaFromDraft } from '../../src/personas/model.js';
import type { Persona } from '../../src/personas/model.js';
import { parsePersonaFile } from '../../src/personas/parse-file.js';
import { PersonaIndex } from '../../src/search/persona-index.js';

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
