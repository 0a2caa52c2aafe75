// Campaign results in the store: an import of the same ad, day and channel replaces the row,
// weekly sums come back per ad, re-attribution touches only what changed, and a second
// workspace sees nothing of the first.
import { expect, it } from 'vitest';
import { countResults, listResultAds, personaJobChannelSums, saveResults, setAdAttribution, weeklyAdResults } from '../../../src/db/queries/results.js';
import type { ResultToSave } from '../../../src/db/queries/results.js';
import type { ResultAttribution } from '../../../src/db/schema.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

const attribution = (jobs: string[]): ResultAttribution => ({
  source: 'engine',
  bestFit: 'Freelance Designer',
  fit: 80,
  jobs: jobs.map((statement) => ({ statement, kind: 'functional', score: 0.9 })),
  mode: 'lexical',
  rulesVersion: 'test',
});

const row = (day: string, fields: Partial<ResultToSave> = {}): ResultToSave => ({
  adKey: 'ad1',
  text: 'Get paid on time',
  day,
  channel: 'meta',
  impressions: 1000,
  clicks: 40,
  conversions: 2,
  spend: 10,
  campaign: null,
  personaGiven: null,
  persona: 'Freelance Designer',
  attribution: attribution(['Get paid on time without chasing clients']),
  ...fields,
});

const now = new Date('2026-11-20T10:00:00Z');

describeEachDriver('campaign results', ({ handle }) => {
  it('replaces rows of the same ad, day and channel, and sums them by week', async () => {
    const teamId = newTeamId();
    const db = handle().db;
    expect(await saveResults(db, { teamId, rows: [row('2026-11-02'), row('2026-11-03'), row('2026-11-03', { channel: 'instagram' })], now })).toEqual({
      inserted: 3,
      replaced: 0,
    });
    expect(await saveResults(db, { teamId, rows: [row('2026-11-03', { clicks: 50, spend: null }), row('2026-11-09')], now })).toEqual({
      inserted: 1,
      replaced: 1,
    });
    expect(await countResults(db, { teamId })).toBe(4);

    const weeks = await weeklyAdResults(db, { teamId });
    const meta = weeks.filter((w) => w.channel === 'meta');
    // 2026-11-02 is a Monday; the 3rd is in the same week, the 9th starts the next.
    expect(meta.map((w) => [w.week, w.rows, w.clicks, w.spend, w.spendRows])).toEqual([
      ['2026-11-02', 2, 90, 10, 1],
      ['2026-11-09', 1, 40, 10, 1],
    ]);
    expect(meta[0]!.attribution.jobs[0]!.statement).toBe('Get paid on time without chasing clients');
    expect(await weeklyAdResults(db, { teamId, persona: 'freelance designer' })).toHaveLength(3);
    expect(await weeklyAdResults(db, { teamId, persona: 'Nobody' })).toEqual([]);
  });

  it('re-attributes only the rows whose attribution changed', async () => {
    const teamId = newTeamId();
    const db = handle().db;
    await saveResults(db, { teamId, rows: [row('2026-11-02'), row('2026-11-03'), row('2026-11-02', { adKey: 'ad2', text: 'Other' })], now });
    const ads = await listResultAds(db, { teamId });
    expect(ads.map((a) => [a.adKey, a.rows]).sort()).toEqual([
      ['ad1', 2],
      ['ad2', 1],
    ]);
    const same = {
      teamId,
      adKey: 'ad1',
      channel: 'meta',
      personaGiven: null,
      persona: 'Freelance Designer',
      attribution: attribution(['Get paid on time without chasing clients']),
    };
    expect(await setAdAttribution(db, same)).toBe(0);
    expect(await setAdAttribution(db, { ...same, attribution: attribution(['Look organised in front of clients']) })).toBe(2);
    expect(await setAdAttribution(db, { ...same, personaGiven: 'Someone' })).toBe(0);
  });

  it('a second workspace sees nothing of the first', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    const db = handle().db;
    await saveResults(db, { teamId: t1, rows: [row('2026-11-02')], now });
    expect(await saveResults(db, { teamId: t2, rows: [row('2026-11-02')], now })).toEqual({ inserted: 1, replaced: 0 });
    await setAdAttribution(db, { teamId: t2, adKey: 'ad1', channel: 'meta', personaGiven: null, persona: null, attribution: attribution([]) });
    expect((await weeklyAdResults(db, { teamId: t1 }))[0]!.persona).toBe('Freelance Designer');
    expect(await countResults(db, { teamId: newTeamId() })).toBe(0);
    expect(await listResultAds(db, { teamId: newTeamId() })).toEqual([]);
  });

  it('saves 2,500 rows in batches, reporting progress', async () => {
    const teamId = newTeamId();
    const seen: number[] = [];
    const rows = Array.from({ length: 2_500 }, (_, i) => row('2026-11-02', { adKey: `ad${i}`, text: `Ad ${i}` }));
    expect(await saveResults(handle().db, { teamId, rows, now, onProgress: (done) => seen.push(done) })).toEqual({ inserted: 2_500, replaced: 0 });
    expect(seen).toEqual([1_000, 2_000, 2_500]);
  });

  it('sums one persona’s results per channel and job set, conversions at most the clicks, in its workspace only', async () => {
    const [teamId, other] = [newTeamId(), newTeamId()];
    const db = handle().db;
    const look = attribution(['Look organised in front of clients']);
    await saveResults(db, {
      teamId,
      rows: [
        row('2026-11-02'),
        row('2026-11-03', { conversions: 60 }),
        row('2026-11-02', { adKey: 'ad2', text: 'Other', channel: 'google_search' }),
        row('2026-11-02', { adKey: 'ad3', text: 'Looks', attribution: look }),
        row('2026-11-02', { adKey: 'ad4', text: 'Someone else', persona: 'Operations Director' }),
      ],
      now,
    });
    await saveResults(db, { teamId: other, rows: [row('2026-11-02', { clicks: 999 })], now });
    const sums = await personaJobChannelSums(db, { teamId, persona: 'Freelance Designer' });
    const key = (s: (typeof sums)[number]) => `${s.channel} ${s.jobs.map((j) => j.statement).join('+')}`;
    expect(sums.map((s) => [key(s), s.ads, s.clicks, s.conversions]).sort()).toEqual([
      ['google_search Get paid on time without chasing clients', 1, 40, 2],
      // 60 conversions on 40 clicks count as 40.
      ['meta Get paid on time without chasing clients', 1, 80, 42],
      ['meta Look organised in front of clients', 1, 40, 2],
    ]);
    expect(sums[0]!.jobs[0]).toEqual({ statement: expect.any(String), kind: 'functional' });
    expect(await personaJobChannelSums(db, { teamId: newTeamId(), persona: 'Freelance Designer' })).toEqual([]);
  });
});
