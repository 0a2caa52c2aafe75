// `import`, `export`, `list`, `show` and `delete`: thin wrappers over the persona services.
import { writeFile } from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import { exportPersonaFile, importPersonaText, inferFormat, serializePersonaFile } from '../../personas/import-export.js';
import type { ExportFormat } from '../../personas/import-export.js';
import { PersonaFileError } from '../../personas/parse-file.js';
import { getPersonaByName, listPersonas } from '../../db/queries/personas.js';
import { deletePersonaByName } from '../../db/queries/persona-writes.js';
import { formatPersonaDetails, formatPersonaTable } from '../format-personas.js';
import { readAll, UsageError, write } from '../io.js';
import type { CliIo } from '../io.js';
import { readFile } from 'node:fs/promises';

export interface CommandContext {
  db: Db;
  teamId: string;
  io: CliIo;
  json: boolean;
}

export async function importCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const [path] = args;
  if (!path) throw new UsageError('import needs a file: npm run cli -- import personas.yaml (or - for standard input)');
  const text = path === '-' ? await readAll(ctx.io.stdin) : await readFileOrExplain(path);
  try {
    const summary = await importPersonaText(ctx.db, ctx.teamId, text, path === '-' ? '<stdin>' : path, ctx.io.clock);
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, ...summary }));
    else
      write(
        ctx.io.stdout,
        `Imported ${summary.created.length + summary.updated.length} personas into ${ctx.teamId}: ` +
          `${summary.created.length} created, ${summary.updated.length} updated.`,
      );
    return 0;
  } catch (err) {
    if (!(err instanceof PersonaFileError)) throw err;
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: false, problems: err.problems }));
    write(ctx.io.stderr, err.message);
    write(ctx.io.stderr, `${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}; nothing was imported.`);
    return 1;
  }
}

async function readFileOrExplain(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? (err as Error).message}`);
  }
}

export async function exportCommand(ctx: CommandContext, opts: { format?: string; out?: string }): Promise<number> {
  if (opts.format && opts.format !== 'yaml' && opts.format !== 'json') throw new UsageError('--format must be yaml or json');
  const format: ExportFormat = (opts.format as ExportFormat | undefined) ?? (ctx.json ? 'json' : inferFormat(opts.out));
  const text = serializePersonaFile(await exportPersonaFile(ctx.db, ctx.teamId), format);
  if (opts.out) {
    await writeFile(opts.out, text, 'utf8');
    write(ctx.io.stderr, `Wrote ${opts.out}.`);
  } else ctx.io.stdout.write(text);
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
  } else write(ctx.io.stdout, all.length ? formatPersonaTable(all) : `No personas in ${ctx.teamId} yet. Import some: npm run cli -- import examples/personas.yaml`);
  return 0;
}

export async function showCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('show needs a persona name: npm run cli -- show "Overbooked Team Lead"');
  const persona = await getPersonaByName(ctx.db, { teamId: ctx.teamId, name });
  if (!persona) {
    write(ctx.io.stderr, `No persona named "${name}" in ${ctx.teamId}. See the names with: npm run cli -- list`);
    return 1;
  }
  if (ctx.json) write(ctx.io.stdout, JSON.stringify(persona));
  else write(ctx.io.stdout, formatPersonaDetails(persona));
  return 0;
}

export async function deleteCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('delete needs a persona name: npm run cli -- delete "Overbooked Team Lead"');
  const removed = await deletePersonaByName(ctx.db, { teamId: ctx.teamId, name });
  if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: removed, name }));
  if (!removed) {
    write(ctx.io.stderr, `No persona named "${name}" in ${ctx.teamId}; nothing deleted.`);
    return 1;
  }
  if (!ctx.json) write(ctx.io.stdout, `Deleted "${name}" from ${ctx.teamId}.`);
  return 0;
}
