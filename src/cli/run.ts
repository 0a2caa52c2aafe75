// The CLI's dispatcher: parses arguments, opens the store, runs one command.
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_TEAM_ID, parseEnv, storeEnvSchema } from '../config/env.js';
import { openDatabase } from '../db/client.js';
import type { DatabaseHandle } from '../db/client.js';
import { deleteCommand, exportCommand, importCommand, listCommand, showCommand } from './commands/personas.js';
import { remindCommand, staleCommand } from './commands/reminders.js';
import type { CommandContext } from './commands/personas.js';
import { reviewCommand } from './commands/review.js';
import { rulesCommand } from './commands/rules.js';
import { workspaceCommand } from './commands/workspace.js';
import { learnCommand } from './commands/learn.js';
import type { LearnOptions } from './commands/learn.js';
import type { ReviewOptions } from './commands/review.js';
import { insightsCommand } from './commands/insights.js';
import { resultsCommand } from './commands/results.js';
import { describeFailure, isConnectionLoss } from './errors.js';
import { UsageError, write } from './io.js';
import { storeLabel } from './store-label.js';
import type { CliIo } from './io.js';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import [--replace] <file|->     Upsert the personas of a YAML or JSON file (all or nothing);
                                  --replace also deletes the personas the file does not list
                                  (such as the example personas)
  export [--format yaml|json] [--out file]
                                  Write every persona in the persona file format
  list                            One line per persona
  show <name>                     Everything about one persona
  delete <name>                   Delete a persona
  review [--persona NAME] [--channel ID] [TEXT | -]
                                  Review a draft (argument, or standard input with - or no
                                  argument) against the personas: fit, jobs, channel findings
  review --json --batch FILE.jsonl
                                  Review every {"id","text","channel"?,"persona"?} line;
                                  one JSON result (with its "id") per line
  rules [CHANNEL]                 The rules a review applies, with the page each comes from
                                  and the day it was last read; then this workspace's house rules
  rules import <file|->           Replace the workspace's house rules with a YAML file
                                  (banned / required phrases, own limits, spellings)
  learn <file|->                  Teach the reviewer labelled ads: YAML/JSON with cases: (text,
                                  persona or null for generic, jobs?, channel?, id?) or JSONL;
                                  all or nothing, idempotent
  learn --list                    The workspace's examples
  learn --forget <id> | --all     Forget examples
  stale                           Personas not confirmed for over STALE_AFTER_DAYS
  remind [--dry-run]              Send this week's stale-persona reminders now (once a week)
  workspace purge --team T… [--dry-run]
                                  Delete everything stored for one workspace (one transaction)
  workspace rekey                 Re-encrypt stored bot tokens under SLACK_TOKEN_KEYS' first key
  results import FILE.csv [--format generic|google-ads|meta|linkedin]
                                  Import campaign results (all or nothing); each ad is
                                  attributed to a persona and its jobs by the review engine
  results reattribute             Attribute the stored ads again (personas or engine changed)
  insights [--persona NAME]       Conversion by persona × job × channel, and the signals

Options:
  --team <id>    Slack workspace (default: SLACK_TEAM_ID, else ${DEFAULT_TEAM_ID})
  --json         Machine-readable output
  --persona, --channel, --batch  See review (channels: google_search, meta, instagram,
                 tiktok, linkedin, x, email, sms)
  -h, --help     This help

The store is DATABASE_URL: unset for the embedded database in ./data/pglite,
pglite:<dir>, pglite:memory, or postgres://user@host:5432/db.`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        team: { type: 'string' },
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        out: { type: 'string' },
        persona: { type: 'string' },
        channel: { type: 'string' },
        batch: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        'dry-run': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        forget: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    write(io.stderr, `${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command || command === 'help') {
    write(command || parsed.values.help ? io.stdout : io.stderr, USAGE);
    return command || parsed.values.help ? 0 : 2;
  }

  let handle: DatabaseHandle | undefined;
  let store = 'the store';
  try {
    const env = parseEnv(storeEnvSchema, io.env);
    const teamId = parsed.values.team ?? env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID;
    const run = commandFor(command);
    if (!run) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    // Only an import may create a store; the others would read an empty one made by mistake.
    handle = await openDatabase(env.DATABASE_URL, { mustExist: command !== 'import' && !(command === 'rules' && rest[0] === 'import') });
    store = storeLabel(handle);
    const ctx: CommandContext = { db: handle.db, handle, teamId, io, json: parsed.values.json, store };
    const opened = handle;
    const attempt = async () => {
      await opened.migrate();
      return run(ctx, rest, { ...parsed.values, teamGiven: parsed.values.team !== undefined });
    };
    try {
      return await attempt();
    } catch (err) {
      // The embedded store's owner stopped (or died) under the command. Whatever was under way
      // was rolled back whole, so running it once more is safe: the pool connects afresh and
      // finds the store's next owner, or becomes it.
      if (!isConnectionLoss(err)) throw err;
      write(io.stderr, `The store ${store} changed hands while this ran (its owner stopped); nothing of it was written. Trying again…`);
      return await attempt();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      write(io.stderr, err.message);
      return 2;
    }
    if (err instanceof ConfigError) {
      write(io.stderr, err.message);
      return 2;
    }
    write(io.stderr, `persona-bot: ${describeFailure(err, store)}`);
    return 1;
  } finally {
    // When this command owns the embedded store, another process's import may be under way
    // through it: let it finish rather than cut it off.
    await handle?.close({
      graceMs: 10 * 60_000,
      onWaiting: (n) => write(io.stderr, `Waiting for ${n} other process${n === 1 ? '' : 'es'} using the store ${store} to finish…`),
    });
  }
}

type Options = { format?: string; out?: string; 'dry-run'?: boolean; teamGiven?: boolean; replace?: boolean } & ReviewOptions & LearnOptions;
type Command = (ctx: CommandContext, args: string[], options: Options) => Promise<number>;

function commandFor(name: string): Command | undefined {
  const commands: Record<string, Command> = {
    import: (ctx, args, o) => importCommand(ctx, args, { replace: o.replace ?? false }),
    export: (ctx, _args, o) => exportCommand(ctx, o),
    list: (ctx) => listCommand(ctx),
    show: (ctx, args) => showCommand(ctx, args),
    delete: (ctx, args) => deleteCommand(ctx, args),
    review: (ctx, args, o) => reviewCommand(ctx, args, o),
    rules: (ctx, args) => rulesCommand(ctx, args),
    learn: (ctx, args, o) => learnCommand(ctx, args, o),
    stale: (ctx) => staleCommand(ctx),
    remind: (ctx, _args, o) => remindCommand(ctx, { dryRun: o['dry-run'] ?? false }),
    workspace: (ctx, args, o) => workspaceCommand(ctx, args, { dryRun: o['dry-run'] ?? false, teamGiven: o.teamGiven ?? false }),
    results: (ctx, args, o) => resultsCommand(ctx, args, o),
    insights: (ctx, _args, o) => insightsCommand(ctx, o),
  };
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}
