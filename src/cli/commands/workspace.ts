// `workspace purge --team T… [--dry-run]`: every row of one workspace, in one transaction, for
// after an uninstall (uninstalling keeps the data; purging is an admin's decision).
// `workspace rekey`: re-encrypts every stored bot token under the first key of SLACK_TOKEN_KEYS.
import { parseTokenKeys } from '../../config/env.js';
import { countWorkspaceRows, purgeWorkspace } from '../../db/queries/workspace-purge.js';
import type { PurgeCount } from '../../db/queries/workspace-purge.js';
import { DbInstallationStore } from '../../slack/oauth/installation-store.js';
import { TokenBox } from '../../slack/oauth/token-box.js';
import { UsageError, write } from '../io.js';
import type { CommandContext } from './personas.js';

export const WORKSPACE_USAGE = 'workspace purge --team T… [--dry-run] | workspace rekey';

function table(counts: PurgeCount[]): string {
  const width = Math.max(...counts.map((c) => c.table.length));
  return counts
    .filter((c) => c.rows > 0)
    .map((c) => `  ${c.table.padEnd(width)}  ${c.rows}`)
    .join('\n');
}

export async function workspaceCommand(ctx: CommandContext, args: string[], opts: { dryRun: boolean; teamGiven: boolean }): Promise<number> {
  const [sub] = args;
  if (sub === 'purge') {
    // The default workspace is never purged by accident: the team must be named.
    if (!opts.teamGiven) throw new UsageError('workspace purge needs the workspace named: --team T012ABCDEF');
    const counts = opts.dryRun ? await countWorkspaceRows(ctx.db, { teamId: ctx.teamId }) : await purgeWorkspace(ctx.db, { teamId: ctx.teamId });
    const total = counts.reduce((n, c) => n + c.rows, 0);
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ team: ctx.teamId, dryRun: opts.dryRun, total, tables: counts }));
    else if (total === 0) write(ctx.io.stdout, `Nothing stored for ${ctx.teamId} (store ${ctx.store}).`);
    else
      write(
        ctx.io.stdout,
        `${opts.dryRun ? 'Would delete' : 'Deleted'} ${total} row${total === 1 ? '' : 's'} of ${ctx.teamId} (store ${ctx.store}):\n${table(counts)}${
          opts.dryRun ? '\nNothing was deleted: run again without --dry-run to delete them, all in one transaction.' : ''
        }`,
      );
    return 0;
  }
  if (sub === 'rekey') {
    const raw = ctx.io.env.SLACK_TOKEN_KEYS;
    if (!raw) throw new UsageError('workspace rekey needs SLACK_TOKEN_KEYS, the new key first: k2:<new>,k1:<old>');
    const store = new DbInstallationStore(ctx.db, new TokenBox(parseTokenKeys(raw)), ctx.io.clock);
    const changed = await store.rekey();
    write(ctx.io.stdout, `Re-encrypted ${changed} bot token${changed === 1 ? '' : 's'} under key "${parseTokenKeys(raw)[0]!.id}".`);
    return 0;
  }
  throw new UsageError(`usage: npm run cli -- ${WORKSPACE_USAGE}`);
}
