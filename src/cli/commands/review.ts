// `review`: one draft (argument or standard input) or a JSONL batch, against the workspace's
// personas. Thin: reading input and printing; the engine is src/review-engine/.
//
//   npm run cli -- review [--persona NAME] [--channel ID] [--json] [TEXT | -]
//   npm run cli -- review --json --batch FILE.jsonl
import { loadHouseRules } from '../../copy-review/house-rules.js';
import { z } from 'zod';
import { listPersonas } from '../../db/queries/personas.js';
import { dbVectorStore } from '../../db/queries/text-vectors.js';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import { detectChannel, parseChannelName } from '../../review-engine/channel-hint.js';
import { loadEmbedder } from '../../review-engine/embedder.js';
import { createReviewEngine, UnknownPersonaError } from '../../review-engine/engine.js';
import type { ReviewEngine } from '../../review-engine/engine.js';
import { formatReviewText } from '../format-review.js';
import { listTeamExamples, toLabelled } from '../../copy-review/examples.js';
import { readAll, readInput, UsageError, write } from '../io.js';
import type { CommandContext } from './personas.js';

export interface ReviewOptions {
  persona?: string;
  channel?: string;
  batch?: string;
}

const batchLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  channel: z.string().optional(),
  persona: z.string().optional(),
});

const REVIEW_USAGE = 'review needs the draft to review: npm run cli -- review "Your ad copy here", or pipe it in: cat draft.txt | npm run cli -- review -';

const isTerminal = (stream: unknown): boolean => (stream as { isTTY?: boolean }).isTTY === true;

function channelOption(raw: string | undefined): ChannelId | undefined {
  if (raw === undefined) return undefined;
  const id = parseChannelName(raw);
  if (!id) throw new UsageError(`--channel must be one of: ${CHANNEL_IDS.join(', ')} (got "${raw}")`);
  return id;
}

export async function engineFor(ctx: CommandContext): Promise<ReviewEngine> {
  const loaded = await loadEmbedder({ disabled: ctx.io.env.REVIEW_MODEL === 'off' });
  if (!loaded.embedder) write(ctx.io.stderr, `review: ${loaded.reason}; reviewing by word overlap only.`);
  return createReviewEngine({ embedder: loaded.embedder, embedderReason: loaded.reason, store: dbVectorStore(ctx.db), clock: ctx.io.clock });
}

export async function reviewCommand(ctx: CommandContext, args: string[], options: ReviewOptions): Promise<number> {
  if (options.batch) {
    if (args.length > 0) throw new UsageError('review --batch reads its drafts from the file: give no text');
    return reviewBatch(ctx, options.batch, options);
  }
  const channel = channelOption(options.channel);
  const fromStdin = args.length === 0 || (args.length === 1 && args[0] === '-');
  // Nothing given and nothing piped: say what to give rather than wait for a terminal's input.
  if (args.length === 0 && isTerminal(ctx.io.stdin)) throw new UsageError(REVIEW_USAGE);
  const raw = fromStdin ? await readAll(ctx.io.stdin) : args.join(' ');
  if (raw.trim() === '') throw new UsageError(REVIEW_USAGE);
  // Loading the model and preparing the personas takes a few seconds: say so on a terminal.
  if (!ctx.json && isTerminal(ctx.io.stderr)) write(ctx.io.stderr, 'Reviewing: loading the review model and the personas (a few seconds)…');
  // Without --channel, the draft may say where it goes: "[tiktok] …", "channel: meta", "Subject: …".
  const hint = channel ? null : detectChannel(raw);
  const personas = await listPersonas(ctx.db, { teamId: ctx.teamId });
  const engine = await engineFor(ctx);
  const houseRules = await loadHouseRules(ctx.db, { teamId: ctx.teamId });
  const examples = toLabelled(await listTeamExamples(ctx.db, { teamId: ctx.teamId }));
  try {
    const result = await engine.review({
      text: hint?.channel ? hint.text : raw,
      personas,
      examples,
      teamId: ctx.teamId,
      ...(houseRules ? { houseRules } : {}),
      ...(options.persona ? { persona: options.persona } : {}),
      ...((channel ?? hint?.channel) ? { channel: channel ?? hint!.channel! } : {}),
    });
    if (ctx.json) write(ctx.io.stdout, JSON.stringify(result));
    else {
      if (hint?.channel)
        write(
          ctx.io.stdout,
          `(channel ${hint.channel} read from the draft's ${hint.from === 'subject' ? 'Subject: line' : hint.from === 'tag' ? 'leading tag' : '"channel:" line'})`,
        );
      write(
        ctx.io.stdout,
        personas.length === 0
          ? `(no personas in ${ctx.teamId}, store ${ctx.store}: import some with npm run cli -- import examples/personas.yaml)`
          : `(against ${personas.length} persona${personas.length === 1 ? '' : 's'} of ${ctx.teamId}, store ${ctx.store})`,
      );
      write(ctx.io.stdout, formatReviewText(result));
    }
    return 0;
  } catch (err) {
    if (err instanceof UnknownPersonaError) throw new UsageError(err.message);
    throw err;
  }
}

/** One engine and one `prepare` for the whole file; one JSON line out per line in. */
async function reviewBatch(ctx: CommandContext, path: string, options: ReviewOptions): Promise<number> {
  if (!ctx.json) throw new UsageError('review --batch writes JSON lines: add --json');
  const text = await readInput(ctx.io.stdin, path);
  const defaultChannel = channelOption(options.channel);
  const personas = await listPersonas(ctx.db, { teamId: ctx.teamId });
  const engine = await engineFor(ctx);
  const houseRules = await loadHouseRules(ctx.db, { teamId: ctx.teamId });
  await engine.prepare(ctx.teamId, personas);
  const examples = toLabelled(await listTeamExamples(ctx.db, { teamId: ctx.teamId }));
  let failures = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let id = `line ${i + 1}`;
    try {
      const input = batchLineSchema.parse(JSON.parse(line));
      id = input.id;
      const channel = input.channel !== undefined ? channelOption(input.channel) : defaultChannel;
      const persona = input.persona ?? options.persona;
      const result = await engine.review({
        text: input.text,
        personas,
        teamId: ctx.teamId,
        ...(houseRules ? { houseRules } : {}),
        examples,
        ...(persona ? { persona } : {}),
        ...(channel ? { channel } : {}),
      });
      write(ctx.io.stdout, JSON.stringify({ id, ...result }));
    } catch (err) {
      failures++;
      const message =
        err instanceof z.ZodError
          ? `line ${i + 1}: expected {"id", "text", "channel"?, "persona"?}: ${err.issues.map((x) => `${x.path.join('.') || 'line'} ${x.message}`).join('; ')}`
          : err instanceof SyntaxError
            ? `line ${i + 1}: not JSON (${err.message})`
            : `${(err as Error).message}`;
      write(ctx.io.stdout, JSON.stringify({ id, error: message }));
      write(ctx.io.stderr, `review: ${id}: ${message}`);
    }
  }
  return failures > 0 ? 1 : 0;
}
