// `rules [channel]` lists the rules a review applies, with their sources; `rules import FILE`
// replaces the workspace's house rules with a YAML file (all or nothing; problems as file:line).
import { formatProblems, importHouseRules, loadHouseRules } from '../../copy-review/house-rules.js';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import { listRulesInForce } from '../../review-engine/rules-in-force.js';
import type { RulesInForce } from '../../review-engine/rules-in-force.js';
import { readInput, UsageError, write } from '../io.js';
import type { CommandContext } from './personas.js';

/** A house-rules file is a few hundred lines at most; anything much larger is a mistake. */
const MAX_HOUSE_RULES_BYTES = 256 * 1024;

const KIND_LABEL = { hard: 'hard', recommendation: 'recommendation', best_practice: 'best practice' } as const;

export function formatRules(listing: RulesInForce): string {
  const lines = [`Channel rules ${listing.version}${listing.channel ? `, ${listing.channel}` : ''} (the date after each source is when it was last read):`];
  let origin = '';
  for (const r of listing.rules) {
    if (r.origin !== origin && r.origin !== 'platform')
      lines.push('', r.origin === 'house' ? "This workspace's house rules:" : 'Compliance pack (reminders, turned on by the house rules):');
    origin = r.origin;
    const name = r.origin === 'platform' ? `${r.label.padEnd(5)} ${r.id}` : `-     ${r.id}`;
    lines.push(`${name}  [${KIND_LABEL[r.kind]}${r.origin === 'platform' ? '' : `; ${r.channels.join(', ')}`}]  ${r.summary}`);
    if (r.url) lines.push(`      ${r.url}${r.read ? ` (read ${r.read})` : ''}`);
    if (r.note) lines.push(`      Note: ${r.note}`);
  }
  return lines.join('\n');
}

export async function rulesCommand(ctx: CommandContext, args: string[]): Promise<number> {
  if (args[0] === 'import') return importCommand(ctx, args.slice(1));
  if (args.length > 1) throw new UsageError('rules takes at most one channel: npm run cli -- rules [channel]');
  const channel = args[0] ?? null;
  if (channel !== null && !(CHANNEL_IDS as readonly string[]).includes(channel))
    throw new UsageError(`unknown channel "${channel}" (channels: ${CHANNEL_IDS.join(', ')})`);
  const house = await loadHouseRules(ctx.db, { teamId: ctx.teamId });
  const listing = listRulesInForce(channel as ChannelId | null, house);
  write(ctx.io.stdout, ctx.json ? JSON.stringify(listing) : formatRules(listing));
  return 0;
}

async function importCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const [path, ...rest] = args;
  if (!path || rest.length > 0) throw new UsageError('rules import needs one file: npm run cli -- rules import house-rules.yaml (or - for standard input)');
  const fileName = path === '-' ? '<stdin>' : path;
  const body = await readInput(ctx.io.stdin, path, MAX_HOUSE_RULES_BYTES);
  if (typeof body === 'number' || body.length > MAX_HOUSE_RULES_BYTES) {
    write(ctx.io.stderr, `${fileName}:1: the file is larger than ${MAX_HOUSE_RULES_BYTES / 1024} KB; house rules are a short list.`);
    return 1;
  }
  const outcome = await importHouseRules(ctx.db, { teamId: ctx.teamId, fileName, body, by: 'cli', now: ctx.io.clock.now() });
  if (!outcome.ok) {
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: false, problems: outcome.problems.map((p) => ({ file: fileName, ...p })) }));
    write(ctx.io.stderr, `${formatProblems(fileName, outcome.problems)}\nNothing was imported.`);
    return 1;
  }
  const n = outcome.file.rules.length;
  const packs = outcome.file.packs;
  if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, store: ctx.store, rules: n, packs }));
  else
    write(
      ctx.io.stdout,
      `Imported ${n} house rule${n === 1 ? '' : 's'}${packs.length ? ` and the ${packs.join(', ')} pack` : ''} for workspace ${ctx.teamId} into ${ctx.store}; they replace any imported before.`,
    );
  return 0;
}
