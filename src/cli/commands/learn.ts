// `learn`: teaches the reviewer a workspace's labelled ads (copy-review/examples.ts).
//
//   npm run cli -- learn FILE           YAML/JSON with `cases:` (the eval format) or JSONL; all or nothing
//   npm run cli -- learn --list         the workspace's examples
//   npm run cli -- learn --forget ID    forget one example (or --forget --all)
import { forgetExamples, LearnFileError, learnFile, listTeamExamples } from '../../copy-review/examples.js';
import { readInput, UsageError, write } from '../io.js';
import { engineFor } from './review.js';
import type { CommandContext } from './personas.js';

export interface LearnOptions {
  list?: boolean;
  forget?: boolean;
  all?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function storeTextOn(env: NodeJS.ProcessEnv): boolean {
  const v = env.REVIEW_STORE_TEXT;
  return v === 'on' || v === 'true' || v === '1';
}

export async function learnCommand(ctx: CommandContext, args: string[], options: LearnOptions): Promise<number> {
  if (options.list) return list(ctx);
  if (options.forget) return forget(ctx, args, options.all ?? false);
  if (options.all) throw new UsageError('--all goes with --forget: npm run cli -- learn --forget --all');
  const [path] = args;
  if (!path || args.length > 1) throw new UsageError('learn needs one file: npm run cli -- learn ads.yaml (YAML or JSON with cases:, or .jsonl)');
  const text = await readInput(ctx.io.stdin, path);
  const engine = await engineFor(ctx);
  try {
    const summary = await learnFile(ctx.db, engine, {
      teamId: ctx.teamId,
      text,
      file: path === '-' ? '<stdin>' : path,
      actor: 'cli',
      storeText: storeTextOn(ctx.io.env),
      now: ctx.io.clock.now(),
    });
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, store: ctx.store, ...summary }));
    else
      write(
        ctx.io.stdout,
        `Learned ${plural(summary.added + summary.changed + summary.unchanged, 'example')} into ${ctx.teamId} (store ${ctx.store}): ` +
          `${summary.added} new, ${summary.changed} relabelled, ${summary.unchanged} unchanged.` +
          (storeTextOn(ctx.io.env) ? '' : ' Texts are not kept (REVIEW_STORE_TEXT is off): only what learning needs.'),
      );
    return 0;
  } catch (err) {
    if (!(err instanceof LearnFileError)) throw err;
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: false, problems: err.problems }));
    write(ctx.io.stderr, err.message);
    write(ctx.io.stderr, `${plural(err.problems.length, 'problem')}; nothing was learned.`);
    return 1;
  }
}

async function list(ctx: CommandContext): Promise<number> {
  const rows = await listTeamExamples(ctx.db, { teamId: ctx.teamId });
  if (ctx.json) {
    write(
      ctx.io.stdout,
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          persona: r.personaId ? r.personaName : null,
          jobs: r.jobsKnown ? r.jobs : null,
          channel: r.adChannel,
          externalId: r.externalId,
          source: r.source,
          sourceRef: r.sourceRef,
          text: r.draftText,
          createdBy: r.createdBy,
          createdAt: r.createdAt.toISOString(),
        })),
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    write(ctx.io.stdout, `No examples in ${ctx.teamId} (store ${ctx.store}): learn some with npm run cli -- learn ads.yaml`);
    return 0;
  }
  for (const r of rows) {
    const what = r.draftText ? `"${r.draftText.replace(/\s+/g, ' ').slice(0, 60)}${r.draftText.length > 60 ? '…' : ''}"` : '(text not kept)';
    const from = r.source === 'slack' ? 'Slack correction' : `${r.sourceRef ?? 'file'}${r.externalId ? ` #${r.externalId}` : ''}`;
    write(
      ctx.io.stdout,
      `${r.id}  ${r.personaName ?? 'generic'}${r.jobsKnown && r.jobs.length ? ` [${r.jobs.join('; ')}]` : ''}  ${what}  from ${from} by ${r.createdBy}`,
    );
  }
  write(ctx.io.stdout, `${plural(rows.length, 'example')} in ${ctx.teamId}.`);
  return 0;
}

async function forget(ctx: CommandContext, args: string[], all: boolean): Promise<number> {
  if (all && args.length > 0) throw new UsageError('learn --forget takes an id or --all, not both');
  if (!all && args.length === 0) throw new UsageError('learn --forget needs an example id (see learn --list) or --all');
  const removed = all
    ? await forgetExamples(ctx.db, { teamId: ctx.teamId, all: true })
    : await forgetExamples(ctx.db, { teamId: ctx.teamId, ids: args.filter(isUuid) });
  if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: all || removed === args.length, removed }));
  else write(ctx.io.stdout, `Forgot ${plural(removed, 'example')} of ${ctx.teamId}.`);
  if (!all && removed < args.length) {
    write(ctx.io.stderr, `${args.length - removed} of the ${plural(args.length, 'id')} given matched no example of ${ctx.teamId} (see learn --list).`);
    return 1;
  }
  return 0;
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
