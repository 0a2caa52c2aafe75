import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { personaFileJsonSchema } from '../../src/personas/file-format.js';

describe('docs/persona.schema.json', () => {
  it('is what the zod definition generates (run `npm run schema` after changing the format)', () => {
    const committed = JSON.parse(readFileSync('docs/persona.schema.json', 'utf8'));
    expect(committed).toEqual(personaFileJsonSchema());
  });

  it('describes the fields a writer needs', () => {
    const schema = personaFileJsonSchema() as { properties: { personas: { items: { properties: Record<string, unknown>; required: string[] } } } };
    const persona = schema.properties.personas.items;
    expect(persona.required).toEqual(['name', 'summary']);
    expect(Object.keys(persona.properties)).toEqual(
      expect.arrayContaining(['owner', 'reviewed_at', 'demographics', 'jobs', 'pains', 'gains', 'evidence', 'channels']),
    );
  });
});
