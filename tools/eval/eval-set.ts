// Labelled review sets on disk: a directory with `personas.yaml` (the persona file format) and
// `drafts.yaml` (cases labelled with the persona, the jobs a reviewer must find, the jobs they
// may also credit, and whether the draft breaks a hard rule of its channel).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { entryToDraft } from '../../src/personas/file-format.js';
import { CHANNEL_IDS } from '../../src/domain/persona.js';
import { personaFromDraft } from '../../src/domain/persona.js';
import type { Persona } from '../../src/domain/persona.js';
import { parsePersonaFile, PersonaFileError } from '../../src/personas/parse-file.js';

export const evalCaseSchema = z.object({
  id: z.string().min(1),
  channel: z.enum(CHANNEL_IDS),
  persona: z.string().nullable(),
  jobs: z.array(z.string()).default([]),
  also_ok: z.array(z.string()).default([]),
  verdict: z.enum(['poor', 'not_poor']),
  text: z.string(),
});
export type EvalCase = z.output<typeof evalCaseSchema>;

const draftsFileSchema = z.object({ cases: z.array(evalCaseSchema) });

export interface EvalSet {
  dir: string;
  personas: Persona[];
  cases: EvalCase[];
}

/** Personas of a persona file as the engine sees them, without a database. */
export function personasFromFile(text: string, fileName: string, teamId = 'T_EVAL'): Persona[] {
  const parsed = parsePersonaFile(text, fileName);
  if (!parsed.ok) throw new PersonaFileError(parsed.problems);
  return parsed.file.personas.map((entry, i) => personaFromDraft(entryToDraft(entry, '2026-01-01'), `persona-${i + 1}`, teamId));
}

export async function loadEvalSet(dir: string): Promise<EvalSet> {
  const personasPath = join(dir, 'personas.yaml');
  const draftsPath = join(dir, 'drafts.yaml');
  const personas = personasFromFile(await readFile(personasPath, 'utf8'), personasPath);
  const raw: unknown = parse(await readFile(draftsPath, 'utf8'));
  const result = draftsFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${draftsPath} ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid drafts file:\n${problems.join('\n')}`);
  }
  const names = new Set(personas.map((p) => p.name.toLowerCase()));
  for (const c of result.data.cases) {
    if (c.persona !== null && !names.has(c.persona.toLowerCase()))
      throw new Error(`${draftsPath} case ${c.id}: no persona named "${c.persona}" in personas.yaml`);
  }
  return { dir, personas, cases: result.data.cases };
}
