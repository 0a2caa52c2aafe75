// Regenerates docs/persona.schema.json from the zod definition (npm run schema).
import { writeFileSync } from 'node:fs';
import { personaFileJsonSchema } from '../src/personas/file-format.js';

export const SCHEMA_PATH = 'docs/persona.schema.json';
writeFileSync(SCHEMA_PATH, `${JSON.stringify(personaFileJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${SCHEMA_PATH}`);
