// House rules are stored per workspace, replaced whole by an import, and invisible to other workspaces.
import { expect, it } from 'vitest';
import { deleteHouseRules, getHouseRules, houseRulesImportedAt, saveHouseRules } from '../../../src/db/queries/house-rules.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

describeEachDriver('house rules store', ({ handle }) => {
  it('keeps one set per workspace, replaces it on import, and shows it to no other workspace', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    const db = handle().db;
    expect(await getHouseRules(db, { teamId: t1 })).toBeNull();
    const rules = { version: 1, packs: ['compliance'], rules: [{ name: 'no-cheap', kind: 'hard', channels: ['any'], banned: ['cheap'] }] };
    await saveHouseRules(db, { teamId: t1, fileName: 'house.yaml', body: 'x', rules, by: 'U1', now: new Date('2026-12-01T10:00:00Z') });
    expect(await getHouseRules(db, { teamId: t1 })).toMatchObject({ fileName: 'house.yaml', rules, importedBy: 'U1' });
    expect(await getHouseRules(db, { teamId: t2 })).toBeNull();
    await saveHouseRules(db, {
      teamId: t1,
      fileName: 'v2.yaml',
      body: 'y',
      rules: { version: 1, packs: [], rules: [] },
      by: 'U2',
      now: new Date('2026-12-01T11:00:00Z'),
    });
    expect((await getHouseRules(db, { teamId: t1 }))!.fileName).toBe('v2.yaml');
    expect((await houseRulesImportedAt(db, { teamId: t1 }))!.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(await deleteHouseRules(db, { teamId: t2 })).toBe(false);
    expect(await deleteHouseRules(db, { teamId: t1 })).toBe(true);
    expect(await getHouseRules(db, { teamId: t1 })).toBeNull();
  });
});
