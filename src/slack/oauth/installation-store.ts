// @slack/oauth's InstallationStore on our database, and Bolt's `authorize` on top of it: the
// bot token of the workspace a request comes from (or of its Enterprise Grid org).
import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Db } from '../../db/client.js';
import {
  deleteInstallation,
  findInstallation,
  installKey,
  listInstallations,
  saveInstallation,
  updateInstallationToken,
} from '../../db/queries/installations.js';
import type { InstallationRow } from '../../db/queries/installations.js';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../logger.js';
import type { TokenBox } from './token-box.js';

export class NotInstalledError extends Error {
  override name = 'NotInstalledError';
}

export class DbInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly box: TokenBox,
    private readonly clock: Clock,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    if (!installation.bot) throw new Error('the install gave no bot token: the app must request bot scopes');
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const key = installKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall });
    const { keyId, sealed } = this.box.seal(installation.bot.token, key);
    await saveInstallation(this.db, {
      installKey: key,
      teamId: isEnterpriseInstall ? null : (installation.team?.id ?? null),
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall,
      appId: installation.appId ?? null,
      botId: installation.bot.id,
      botUserId: installation.bot.userId,
      botScopes: installation.bot.scopes,
      botTokenEnc: sealed,
      keyId,
      installerUserId: installation.user.id,
      installedAt: this.clock.now(),
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = await this.row(query);
    return {
      team: row.isEnterpriseInstall ? undefined : { id: row.teamId! },
      enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
      user: { id: row.installerUserId ?? '', token: undefined, scopes: undefined },
      bot: { token: this.token(row), scopes: row.botScopes, id: row.botId, userId: row.botUserId },
      isEnterpriseInstall: row.isEnterpriseInstall,
      ...(row.appId ? { appId: row.appId } : {}),
      authVersion: 'v2',
      tokenType: 'bot',
    } as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const row = await findInstallation(this.db, { teamId: query.teamId, enterpriseId: query.enterpriseId });
    if (row) await deleteInstallation(this.db, { key: row.installKey });
  }

  /** Forgets the token of the install behind a workspace (uninstall, revocation); true when there was one. */
  async forget(teamId: string | undefined, enterpriseId: string | undefined): Promise<boolean> {
    const row = await findInstallation(this.db, { teamId: teamId ?? null, enterpriseId: enterpriseId ?? null });
    if (!row) return false;
    return (await deleteInstallation(this.db, { key: row.installKey })) > 0;
  }

  /** The bot token for a workspace, or null when it never installed (or uninstalled). */
  async tokenFor(teamId: string, enterpriseId?: string | null): Promise<string | null> {
    const row = await findInstallation(this.db, { teamId, enterpriseId: enterpriseId ?? null });
    return row ? this.token(row) : null;
  }

  /** The workspaces with their own install (org-wide installs have no single workspace). */
  async installedTeams(): Promise<string[]> {
    return (await listInstallations(this.db)).flatMap((r) => (r.teamId ? [r.teamId] : []));
  }

  /** Re-encrypts every token under the current key; returns how many changed. */
  async rekey(): Promise<number> {
    let changed = 0;
    for (const row of await listInstallations(this.db)) {
      if (row.keyId === this.box.currentKeyId) continue;
      const { keyId, sealed } = this.box.seal(this.token(row), row.installKey);
      await updateInstallationToken(this.db, { key: row.installKey, botTokenEnc: sealed, keyId });
      changed += 1;
    }
    return changed;
  }

  private async row(query: InstallationQuery<boolean>): Promise<InstallationRow> {
    const row = await findInstallation(this.db, { teamId: query.teamId ?? null, enterpriseId: query.enterpriseId ?? null });
    if (!row) throw new NotInstalledError(`no installation for ${query.teamId ?? query.enterpriseId ?? 'an unknown workspace'}`);
    return row;
  }

  private token(row: InstallationRow): string {
    return this.box.open({ keyId: row.keyId, sealed: row.botTokenEnc }, row.installKey);
  }
}

/**
 * Bolt's authorize: the install's token, bot id and bot user id. A workspace that never
 * installed is refused; it is logged once per workspace (not per request), and Slack gets no
 * answer that says more than "not authorised".
 */
export function authorizeFromStore(store: DbInstallationStore, log: Logger): Authorize<boolean> {
  const warned = new Set<string>();
  return async (source): Promise<AuthorizeResult> => {
    const teamId = source.teamId ?? undefined;
    const enterpriseId = source.enterpriseId ?? undefined;
    let installation: Installation;
    try {
      installation = await store.fetchInstallation({ teamId, enterpriseId, isEnterpriseInstall: source.isEnterpriseInstall });
    } catch (err) {
      if (err instanceof NotInstalledError) {
        const who = teamId ?? enterpriseId ?? 'unknown';
        if (!warned.has(who)) {
          warned.add(who);
          log.warn({ team: teamId, enterprise: enterpriseId }, 'request from a workspace that has not installed the app: ignored');
        }
      }
      throw err;
    }
    return {
      botToken: installation.bot!.token,
      botId: installation.bot!.id,
      botUserId: installation.bot!.userId,
      ...(teamId ? { teamId } : {}),
      ...(enterpriseId ? { enterpriseId } : {}),
    };
  };
}
