// `import`, `export`, `list`, `show` and `delete`: thin wrappers over the persona services.
import { writeFile } from 'node:fs/promises';
import type { Db, DatabaseHandle } from '../../db/client.js';
import { exportPersonaFile, importPersonaText, inferFormat, serializePersonaFile } from '../../personas/import-export.js';
import type { ExportFormat } from '../../personas/import-export.js';
import { fileTooLargeMessage, IMPORT_LIMITS } from '../../personas/import-limits.js';
import { PersonaFileError } from '../../personas/parse-file.js';
import { getPersonaByName, listPersonas } from '../../db/queries/personas.js';
import { deletePersonaByName } from '../../db/queries/persona-writes.js';
import { formatPersonaDetails, formatPersonaTable } from '../format-personas.js';
import { describeReasons, searchPersonaHits } from '../../personas/lookup.js';
import { PersonaIndex } from '../../search/persona-index.js';
import { readInput, UsageError, write } from '../io.js';
import { importProgress } from '../progress.js';
import { prepareVectorsWithProgress } from '../vector-progress.js';
import { storeTextOn } from './learn.js';
import { engineFor } from './review.js';
import type { CliIo } from '../io.js';

export interface CommandContext {
  db: Db;
  /** The open store (the job queue needs its connection pool); absent in commands' unit tests. */
  handle?: DatabaseHandle;
  teamId: string;
  io: CliIo;
  json: boolean;
  /** The store, as answers name it: `./data/pglite`, `memory` or `postgres://host:5432/db`. */
  store: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const removedText = (removed: string[]) => `${removed.length} deleted (not in the file${removed.length ? `: ${removed.join(', ')}` : ''})`;

export async function importCommand(ctx: CommandContext, args: string[], opts: { replace?: boolean } = {}): Promise<number> {
  const [path] = args;
  if (!path) throw new UsageError('import needs a file: npm run cli -- import personas.yaml (or - for standard input)');
  const fileName = path === '-' ? '<stdin>' : path;
  // The size limit holds before anything is read: a huge file is refused, not loaded.
  const text = await readInput(ctx.io.stdin, path, IMPORT_LIMITS.fileBytes);
  if (typeof text === 'number')
    return refuse(ctx, new PersonaFileError([{ file: fileName, line: 1, column: 1, field: '', message: fileTooLargeMessage(text) }]));
  const progress = importProgress(ctx.io.stderr);
  // One model load for the file's examples and the vectors after the import.
  let engine: ReturnType<typeof engineFor> | undefined;
  const loadEngine = () => {
    engine ??= engineFor(ctx);
    return engine;
  };
  try {
    const summary = await importPersonaText(ctx.db, ctx.teamId, text, fileName, ctx.io.clock, {
      onProgress: (n, total) => progress.update(n, total),
      replace: opts.replace === true,
      // A file's `examples:` are learned as `learn` learns them; the model loads only for those.
      learner: async () => {
        const loaded = await loadEngine();
        return { features: (t) => loaded.exampleFeatures(t), storeText: storeTextOn(ctx.io.env), actor: 'cli' };
      },
    });
    progress.stop();
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, store: ctx.store, ...summary }));
    else {
      const total = summary.created.length + summary.updated.length + summary.unchanged.length;
      write(
        ctx.io.stdout,
        `Imported ${plural(total, 'persona')} into ${ctx.teamId} (store ${ctx.store}): ` +
          `${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged` +
          (opts.replace ? `, ${removedText(summary.removed ?? [])}.` : '.') +
          (summary.examples
            ? ` Learned ${plural(summary.examples.added + summary.examples.changed + summary.examples.unchanged, 'example')}: ${summary.examples.added} new, ${summary.examples.changed} relabelled, ${summary.examples.unchanged} unchanged.`
            : ''),
      );
      // Without --replace the personas already stored stay: say so when there are others.
      if (!opts.replace) {
        const others = (await listPersonas(ctx.db, { teamId: ctx.teamId })).length - total;
        if (others > 0)
          write(
            ctx.io.stderr,
            `${plural(others, 'other persona')} already stored ${others === 1 ? 'stays' : 'stay'}. To keep only the file's, run import --replace; to delete one: npm run cli -- delete "NAME".`,
          );
      }
      await prepareVectorsWithProgress({
        stderr: ctx.io.stderr,
        teamId: ctx.teamId,
        enabled: ctx.io.env.REVIEW_MODEL !== 'off',
        personas: () => listPersonas(ctx.db, { teamId: ctx.teamId }),
        engine: loadEngine,
      });
    }
    return 0;
  } catch (err) {
    progress.stop();
    if (!(err instanceof PersonaFileError)) throw err;
    return refuse(ctx, err);
  }
}

function refuse(ctx: CommandContext, err: PersonaFileError): number {
  if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: false, problems: err.problems }));
  write(ctx.io.stderr, err.message);
  write(ctx.io.stderr, `${plural(err.problems.length, 'problem')}; nothing was imported.`);
  return 1;
}

export async function exportCommand(ctx: CommandContext, opts: { format?: string; out?: string }): Promise<number> {
  if (opts.format && opts.format !== 'yaml' && opts.format !== 'json') throw new UsageError('--format must be yaml or json');
  const format: ExportFormat = (opts.format as ExportFormat | undefined) ?? (ctx.json ? 'json' : inferFormat(opts.out));
  const file = await exportPersonaFile(ctx.db, ctx.teamId);
  const text = serializePersonaFile(file, format);
  const what = `${plural(file.personas.length, 'persona')} of ${ctx.teamId} (store ${ctx.store})`;
  // The file goes to standard output or --out; what it holds is said on standard error.
  if (opts.out) {
    await writeFile(opts.out, text, 'utf8');
    write(ctx.io.stderr, `Wrote ${what} to ${opts.out}.`);
  } else {
    ctx.io.stdout.write(text);
    write(ctx.io.stderr, `Exported ${what}.`);
  }
  return 0;
}

export async function listCommand(ctx: CommandContext): Promise<number> {
  const all = await listPersonas(ctx.db, { teamId: ctx.teamId });
  if (ctx.json) {
    const rows = all.map((p) => ({
      name: p.name,
      product: p.product,
      owner: p.owner,
      reviewed_at: p.reviewedAt,
      jobs: p.jobs.length,
    }));
    write(ctx.io.stdout, JSON.stringify(rows));
  } else if (all.length === 0) {
    write(ctx.io.stdout, `No personas in ${ctx.teamId} (store ${ctx.store}). Import some: npm run cli -- import examples/personas.yaml`);
  } else write(ctx.io.stdout, `${formatPersonaTable(all)}\n\n${plural(all.length, 'persona')} in ${ctx.teamId} (store ${ctx.store}).`);
  return 0;
}

export async function showCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('show needs a persona name: npm run cli -- show "Overbooked Team Lead"');
  let persona = await getPersonaByName(ctx.db, { teamId: ctx.teamId, name });
  if (!persona) {
    // The same search as /persona: a typo, or a word of the persona's jobs or pains, finds it.
    const { hits } = searchPersonaHits(new PersonaIndex(await listPersonas(ctx.db, { teamId: ctx.teamId })), name, 5);
    const best = hits[0];
    if (!best || best.reasons[0]?.on === 'same_product') {
      write(ctx.io.stderr, `Nothing matched "${name}" in ${ctx.teamId} (store ${ctx.store}). See the names with: npm run cli -- list`);
      return 1;
    }
    persona = best.persona;
    const others = hits.slice(1).map((h) => `${h.persona.name} (${describeReasons(h.reasons).join(', ')})`);
    write(
      ctx.io.stderr,
      `No persona is called "${name}"; showing the best match, matched on ${describeReasons(best.reasons).join(', ')}.` +
        (others.length ? `\nOther matches: ${others.join('; ')}.` : ''),
    );
  }
  if (ctx.json) write(ctx.io.stdout, JSON.stringify(persona));
  else write(ctx.io.stdout, `${formatPersonaDetails(persona)}\n\n(${ctx.teamId}, store ${ctx.store})`);
  return 0;
}

export async function deleteCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('delete needs a persona name: npm run cli -- delete "Overbooked Team Lead"');
  const removed = await deletePersonaByName(ctx.db, { teamId: ctx.teamId, name });
  if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: removed, name }));
  if (!removed) {
    write(ctx.io.stderr, `No persona named "${name}" in ${ctx.teamId} (store ${ctx.store}); nothing deleted.`);
    return 1;
  }
  if (!ctx.json) write(ctx.io.stdout, `Deleted "${name}" from ${ctx.teamId} (store ${ctx.store}).`);
  return 0;
}
