// Import and export of persona files. An import validates the whole file first and then
// writes it in one transaction: a bad file, or a failure half-way, leaves the store as it was.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Document } from 'yaml';
import { isoDay } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import { entryToDraft, PERSONA_FILE_VERSION, personaToEntry } from './file-format.js';
import type { PersonaFile, PersonaFileInput } from './file-format.js';
import { parsePersonaFile, PersonaFileError } from './parse-file.js';
import { listPersonas } from '../db/queries/personas.js';
import { deleteOrphanJobs, upsertPersonas } from '../db/queries/persona-writes.js';

export interface ImportSummary {
  created: string[];
  updated: string[];
}

/** Writes a validated file into the workspace, all or nothing. */
export async function importPersonaFile(db: Db, teamId: string, file: PersonaFile, clock: Clock): Promise<ImportSummary> {
  const now = clock.now();
  const today = isoDay(now);
  return db.transaction(async (tx) => {
    const summary: ImportSummary = { created: [], updated: [] };
    const saved = await upsertPersonas(tx, { teamId, drafts: file.personas.map((entry) => entryToDraft(entry, today)), now });
    saved.forEach(({ created }, i) => (created ? summary.created : summary.updated).push(file.personas[i]!.name));
    // A re-import may have dropped a job from every persona that had it.
    await deleteOrphanJobs(tx, { teamId });
    return summary;
  });
}

/** Parses `text` and imports it; throws PersonaFileError listing every problem, having written nothing. */
export async function importPersonaText(db: Db, teamId: string, text: string, fileName: string, clock: Clock): Promise<ImportSummary> {
  const parsed = parsePersonaFile(text, fileName);
  if (!parsed.ok) throw new PersonaFileError(parsed.problems);
  return importPersonaFile(db, teamId, parsed.file, clock);
}

export async function importPersonaPath(db: Db, teamId: string, path: string, clock: Clock): Promise<ImportSummary> {
  const text = await readFile(path, 'utf8');
  return importPersonaText(db, teamId, text, path, clock);
}

export type ExportFormat = 'yaml' | 'json';

export async function exportPersonaFile(db: Db, teamId: string): Promise<PersonaFileInput> {
  const all = await listPersonas(db, { teamId });
  return { version: PERSONA_FILE_VERSION, personas: all.map(personaToEntry) };
}

/** Serialises a persona file; list items of jobs, pains, gains and evidence stay on one line each in YAML. */
export function serializePersonaFile(file: PersonaFileInput, format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(file, null, 2)}\n`;
  const doc = new Document(file);
  const personasNode = doc.get('personas', true) as { items?: Array<{ get(k: string, keep: true): unknown }> } | undefined;
  for (const persona of personasNode?.items ?? []) {
    for (const key of ['demographics', 'psychographics', 'sociographics', 'channels', 'jobs', 'pains', 'gains', 'evidence']) {
      const node = persona.get(key, true) as { flow?: boolean; items?: Array<{ flow?: boolean }> } | undefined;
      if (!node) continue;
      if (key === 'channels') node.flow = true;
      else if (key.endsWith('graphics')) {
        for (const pair of node.items ?? []) {
          const value = (pair as { value?: { flow?: boolean } }).value;
          if (value && typeof value === 'object') value.flow = true;
        }
      } else for (const item of node.items ?? []) item.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export function inferFormat(path: string | undefined): ExportFormat {
  return path && /\.json$/i.test(basename(path)) ? 'json' : 'yaml';
}
