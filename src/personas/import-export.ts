// Import and export of persona files. An import validates the whole file first and then
// writes it in one transaction: a bad file, or a failure half-way, leaves the store as it was.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Document } from 'yaml';
import { isoDay } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import { entryToDraft, fileExamples, PERSONA_FILE_VERSION, personaToEntry } from './file-format.js';
import type { PersonaFile, PersonaFileInput } from './file-format.js';
import { identityKey } from '../domain/persona.js';
import type { PersonaDraft } from '../domain/persona.js';
import { findJobKindConflicts } from '../db/queries/job-kinds.js';
import { deleteOrphanJobs, deletePersonasExcept, upsertPersonas } from '../db/queries/persona-writes.js';
import type { Change } from '../db/queries/persona-writes.js';
import { listPersonas } from '../db/queries/personas.js';
import { upsertExamples } from '../db/queries/examples.js';
import type { NewExample } from '../db/queries/examples.js';
import type { ExampleFeatures } from '../review-engine/score/examples.js';
import { textHash } from '../review-engine/vector-store.js';
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
  /** When the file carries `examples:`: what learning them did (one example per ad text and workspace). */
  examples?: { added: number; changed: number; unchanged: number };
}

/** How a persona file's `examples:` are learned: as `learn` learns a file (copy-review/examples.ts). */
export interface ExampleLearner {
  /** What is kept of an ad so that reviews can learn from it; computed before anything is written. */
  features(text: string): Promise<ExampleFeatures>;
  /** Keep the ad's text (REVIEW_STORE_TEXT=on); otherwise only what learning needs. */
  storeText: boolean;
  actor: string;
}

export interface ImportOptions {
  /** Told as personas are written: how many of how many. */
  onProgress?: (written: number, total: number) => void;
  /** The file is the whole set: stored personas it does not list are deleted (in the same transaction). */
  replace?: boolean;
  /**
   * Asked for only when the file has examples (it may load the sentence model). A file with
   * examples and no learner is refused rather than imported without them.
   */
  learner?: () => Promise<ExampleLearner>;
  /** Where the examples came from, as `learn --list` shows it (the file's name). */
  sourceRef?: string;
}

/**
 * Writes a validated file into the workspace, all or nothing. Refuses (JobKindConflictError,
 * nothing written) a file that would change the kind of a job other personas hire.
 */
export async function importPersonaFile(db: Db, teamId: string, file: PersonaFile, clock: Clock, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = clock.now();
  const today = isoDay(now);
  const ads = fileExamples(file);
  if (ads.length > 0 && !options.learner) throw new Error('this persona file has examples: importing it needs a way to learn them (options.learner)');
  const learner = ads.length > 0 ? await options.learner!() : null;
  // Vectors come from the model, outside the transaction: it holds no lock while the model works.
  const features: ExampleFeatures[] = [];
  for (const ad of ads) features.push(await learner!.features(ad.text));
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
    if (learner) {
      // In the same transaction as the personas: a file whose examples fail leaves nothing behind.
      const ids = new Map((await listPersonas(tx, { teamId, includeArchived: true })).map((p) => [identityKey(p.name), p.id]));
      const examples: NewExample[] = ads.map((ad, i) => ({
        textHash: textHash(ad.text),
        personaId: ids.get(identityKey(ad.persona))!,
        jobs: ad.jobs ?? [],
        jobsKnown: ad.jobs !== null,
        adChannel: ad.channel,
        externalId: ad.id,
        source: 'persona-file',
        sourceRef: options.sourceRef ?? null,
        draftText: learner.storeText ? ad.text : null,
        model: features[i]!.model,
        vector: features[i]!.vector,
        terms: features[i]!.terms,
        createdBy: learner.actor,
      }));
      const learned = await upsertExamples(tx, { teamId, examples, now });
      summary.examples = { added: learned.added, changed: learned.changed, unchanged: learned.unchanged };
    }
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
    return await importPersonaFile(db, teamId, parsed.file, clock, { sourceRef: fileName, ...options });
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
