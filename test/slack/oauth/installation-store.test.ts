// Installs in the database, both stores: tokens encrypted, Enterprise Grid org-wide installs
// shared by their workspaces, uninstall, key rotation.
import type { Installation } from '@slack/oauth';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { slackInstallations } from '../../../src/db/schema.js';
import { DbInstallationStore, NotInstalledError } from '../../../src/slack/oauth/installation-store.js';
import { TokenBox } from '../../../src/slack/oauth/token-box.js';
import { describeEachDriver } from '../../support/databases.js';

const clock = fixedClock('2026-11-20T12:00:00Z');
const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

function workspaceInstall(team: string, token: string, enterprise?: string): Installation {
  return {
    team: { id: team },
    enterprise: enterprise ? { id: enterprise } : undefined,
    user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands'], id: `B${team}`, userId: `U${team}` },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  } as Installation;
}

function orgInstall(enterprise: string, token: string): Installation {
  return {
    team: undefined,
    enterprise: { id: enterprise },
    user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands'], id: 'BORG', userId: 'UORG' },
    isEnterpriseInstall: true,
    authVersion: 'v2',
  } as unknown as Installation;
}

describeEachDriver('DbInstallationStore', ({ handle }) => {
  it('stores a workspace install encrypted and gives its token back; a reinstall replaces it', async () => {
    const store = new DbInstallationStore(handle().db, new TokenBox([k1]), clock);
    await store.storeInstallation(workspaceInstall('TSTORE1', 'xoxb-first'));
    await store.storeInstallation(workspaceInstall('TSTORE1', 'xoxb-second'));
    expect(await store.tokenFor('TSTORE1')).toBe('xoxb-second');
    const rows = (await handle().db.select().from(slackInstallations)).filter((r) => r.teamId === 'TSTORE1');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.botTokenEnc).not.toContain('xoxb');
    const fetched = await store.fetchInstallation({ teamId: 'TSTORE1', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched.bot).toMatchObject({ token: 'xoxb-second', id: 'BTSTORE1', userId: 'UTSTORE1' });
    await expect(store.fetchInstallation({ teamId: 'TNOPE', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(NotInstalledError);
  });

  it("serves every workspace of an org from its org-wide install, a workspace's own install first", async () => {
    const store = new DbInstallationStore(handle().db, new TokenBox([k1]), clock);
    await store.storeInstallation(orgInstall('EORG1', 'xoxb-org'));
    expect(await store.tokenFor('TINORG1', 'EORG1')).toBe('xoxb-org');
    expect(await store.tokenFor('TINORG2', 'EORG1')).toBe('xoxb-org');
    await store.storeInstallation(workspaceInstall('TINORG2', 'xoxb-own', 'EORG1'));
    expect(await store.tokenFor('TINORG2', 'EORG1')).toBe('xoxb-own');
    expect(await store.tokenFor('TINORG1')).toBeNull();
    // Uninstalling the org forgets the org's token; the workspace's own stays.
    expect(await store.forget(undefined, 'EORG1')).toBe(true);
    expect(await store.tokenFor('TINORG1', 'EORG1')).toBeNull();
    expect(await store.tokenFor('TINORG2', 'EORG1')).toBe('xoxb-own');
  });

  it('re-encrypts every token under a new first key (rotation)', async () => {
    const old = new DbInstallationStore(handle().db, new TokenBox([k1]), clock);
    await old.storeInstallation(workspaceInstall('TROTATE', 'xoxb-rotate'));
    const rotated = new DbInstallationStore(handle().db, new TokenBox([k2, k1]), clock);
    expect(await rotated.rekey()).toBeGreaterThanOrEqual(1);
    expect(await rotated.rekey()).toBe(0);
    expect(await new DbInstallationStore(handle().db, new TokenBox([k2]), clock).tokenFor('TROTATE')).toBe('xoxb-rotate');
  });
});
