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
import { identityKey } from '../domain/persona.js';
import type { PersonaDraft } from '../domain/persona.js';
import { findJobKindConflicts } from '../db/queries/job-kinds.js';
import { deleteOrphanJobs, deletePersonasExcept, upsertPersonas } from '../db/queries/persona-writes.js';
import type { Change } from '../db/queries/persona-writes.js';
import { listPersonas } from '../db/queries/personas.js';
import { describeConflictForFile, JobKindConflictError } from './job-kinds.js';
import { locateField, parsePersonaFile, PersonaFileError } from './parse-file.js';
import { changedFields } from './persona-diff.js';

export interface ImportSummary {
  created: string[];
  updated: string[];
  /** Personas the file states exactly as stored: nothing written, no history. */
  unchanged: string[];
  /** With `replace` only: the stored personas the file did not list, deleted. */
  removed?: string[];
}

export interface ImportOptions {
  /** Told as personas are written: how many of how many. */
  onProgress?: (written: number, total: number) => void;
  /** The file is the whole set: stored personas it does not list are deleted (in the same transaction). */
  replace?: boolean;
}

/**
 * Writes a validated file into the workspace, all or nothing. Refuses (JobKindConflictError,
 * nothing written) a file that would change the kind of a job other personas hire.
 */
export async function importPersonaFile(db: Db, teamId: string, file: PersonaFile, clock: Clock, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = clock.now();
  const today = isoDay(now);
  return db.transaction(async (tx) => {
    const stored = new Map((await listPersonas(tx, { teamId, includeArchived: true })).map((p) => [identityKey(p.name), p]));
    const drafts = file.personas.map((entry) => {
      const before = stored.get(identityKey(entry.name));
      // Without a date in the file a new persona is confirmed today; a stored one keeps its date.
      return entryToDraft(entry, before && !entry.reviewed_at ? before.reviewedAt : today);
    });
    const inFile = new Set(drafts.map((d) => identityKey(d.name)));
    // With replace, every persona not in the file goes: none of their jobs hold a kind back.
    const conflicts = await findJobKindConflicts(tx, { teamId, drafts, rewritten: (hirer) => options.replace === true || inFile.has(hirer.nameKey) });
    if (conflicts.length > 0) throw new JobKindConflictError(conflicts);

    const summary: ImportSummary = { created: [], updated: [], unchanged: [] };
    if (options.replace) summary.removed = await deletePersonasExcept(tx, { teamId, keepNameKeys: [...inFile] });
    const writes: PersonaDraft[] = [];
    const changes: Array<Change[] | undefined> = [];
    for (const draft of drafts) {
      const before = stored.get(identityKey(draft.name));
      const diff = before ? changedFields(before, draft) : undefined;
      if (diff && diff.length === 0) {
        summary.unchanged.push(draft.name);
        continue;
      }
      (before ? summary.updated : summary.created).push(draft.name);
      writes.push(draft);
      changes.push(diff);
    }
    stored.clear();
    options.onProgress?.(0, writes.length);
    await upsertPersonas(tx, { teamId, drafts: writes, now, actor: 'cli', changes, onWritten: (n) => options.onProgress?.(n, writes.length) });
    // A re-import may have dropped a job from every persona that had it.
    if (writes.length > 0) await deleteOrphanJobs(tx, { teamId });
    return summary;
  });
}

/**
 * Parses `text` and imports it; throws PersonaFileError listing every problem (in the file,
 * or against the store), having written nothing.
 */
export async function importPersonaText(
  db: Db,
  teamId: string,
  text: string,
  fileName: string,
  clock: Clock,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const parsed = parsePersonaFile(text, fileName);
  if (!parsed.ok) throw new PersonaFileError(parsed.problems);
  try {
    return await importPersonaFile(db, teamId, parsed.file, clock, options);
  } catch (err) {
    if (!(err instanceof JobKindConflictError)) throw err;
    throw new PersonaFileError(
      err.conflicts.map((c) => locateField(text, fileName, ['personas', c.persona, 'jobs', c.job, 'kind'], describeConflictForFile(c))),
    );
  }
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
