// What results say about a reviewed draft, read from the store: nothing for a workspace without
// results or for another workspace's, the citation when the data is clear, and the sums kept
// for EVIDENCE_TTL_MS (a later import shows once that has passed).
import { expect, it } from 'vitest';
import { saveResults } from '../../src/db/queries/results.js';
import type { ResultToSave } from '../../src/db/queries/results.js';
import { fixedClock } from '../../src/domain/clock.js';
import type { ReviewedDraft } from '../../src/insights/review-evidence.js';
import { EVIDENCE_TTL_MS, ReviewEvidenceReader } from '../../src/insights/service.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const JOB = { statement: 'Get paid on time without chasing clients', kind: 'functional' };
const draft: ReviewedDraft = {
  persona: 'Freelance Designer',
  jobs: [JOB],
  channels: [
    { channel: 'google_search', verdict: 'good', score: 90 },
    { channel: 'meta', verdict: 'ok', score: 70 },
  ],
};

/** `days` days of one ad on `channel` with these daily counts. */
const rows = (adKey: string, channel: string, days: number, clicks: number, conversions: number): ResultToSave[] =>
  Array.from({ length: days }, (_, d) => ({
    adKey,
    text: `Ad ${adKey}`,
    day: new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10),
    channel,
    impressions: clicks * 40,
    clicks,
    conversions,
    spend: null,
    campaign: null,
    personaGiven: null,
    persona: 'Freelance Designer',
    attribution: { source: 'engine', bestFit: 'Freelance Designer', fit: 80, jobs: [{ ...JOB, score: 0.9 }], mode: 'lexical', rulesVersion: 't' },
  }));

describeEachDriver('review evidence from the store', ({ handle }) => {
  it('nothing without results; the citation once they are clear; a later import after the sums expire', async () => {
    const [teamId, other] = [newTeamId(), newTeamId()];
    const db = handle().db;
    const clock = fixedClock('2026-11-20T10:00:00Z');
    const reader = new ReviewEvidenceReader(db, clock);
    expect(await reader.evidence(teamId, draft)).toBeNull();

    // 6% on Meta against 1.5% on Google Search, 30 days of 30 clicks each.
    await saveResults(db, { teamId, rows: [...rows('m', 'meta', 30, 30, 2), ...rows('g', 'google_search', 30, 30, 0)], now: clock.now() });
    // Still the sums read a moment ago (none): results are re-read at most every EVIDENCE_TTL_MS.
    expect(await reader.evidence(teamId, draft)).toBeNull();
    clock.set(new Date(clock.now().getTime() + EVIDENCE_TTL_MS));
    const evidence = (await reader.evidence(teamId, draft))!;
    expect(evidence.citation).toMatchObject({
      better: 'meta',
      worse: 'google_search',
      betterClicks: 900,
      betterConversions: 60,
      worseClicks: 900,
      worseConversions: 0,
    });
    expect(evidence.ranking.map((c) => c.channel)).toEqual(['meta', 'google_search']);
    // Another workspace, and another persona, see none of it.
    expect(await reader.evidence(other, draft)).toBeNull();
    expect(await reader.evidence(teamId, { ...draft, persona: 'Operations Director' })).toBeNull();
    // A handful of clicks gives nothing, however large the difference.
    const few = newTeamId();
    await saveResults(db, { teamId: few, rows: [...rows('m', 'meta', 3, 20, 5), ...rows('g', 'google_search', 3, 20, 0)], now: clock.now() });
    expect(await reader.evidence(few, draft)).toBeNull();
  });
});
