import { describe, expect, it } from 'vitest';
import { draftParts } from '../../../src/review-engine/channels/assets.js';
import { rankChannels } from '../../../src/review-engine/channels/rank.js';
import { analyseFraming } from '../../../src/review-engine/text/framing.js';
import { CHANNEL_IDS } from '../../../src/domain/persona.js';

const ctx = (text: string) => ({ text, parts: draftParts(text), framing: analyseFraming(text) });

describe('rankChannels', () => {
  it('ranks all eight channels, each with a verdict, a 0–100 score and reasons', () => {
    const ranks = rankChannels(ctx('Broken boiler at 7am? An engineer at your door by noon. Book in 2 minutes.'), null);
    expect(ranks.map((r) => r.channel).sort()).toEqual([...CHANNEL_IDS].sort());
    for (const r of ranks) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(['good', 'ok', 'poor']).toContain(r.verdict);
    }
    expect(ranks.map((r) => r.score)).toEqual([...ranks.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('puts channels whose hard limits the draft breaks last', () => {
    const long = 'A calmer morning routine starts the night before, with everything laid out and ready. '.repeat(3);
    const ranks = rankChannels(ctx(long), null);
    const poor = ranks.filter((r) => r.verdict === 'poor').map((r) => r.channel);
    expect(poor).toEqual(expect.arrayContaining(['tiktok', 'sms', 'google_search']));
    expect(ranks.slice(-poor.length).every((r) => r.verdict === 'poor')).toBe(true);
  });

  it("adds the persona's own channels, and says so", () => {
    const text = 'Broken boiler at 7am? An engineer at your door by noon.';
    const without = rankChannels(ctx(text), null).find((r) => r.channel === 'x')!;
    const withPersona = rankChannels(ctx(text), { name: 'Busy Landlord', channels: ['x'] }).find((r) => r.channel === 'x')!;
    expect(withPersona.score - without.score).toBe(10);
    expect(withPersona.reasons).toContain("+10: one of Busy Landlord's channels");
  });

  it('prefers email for a draft with a subject line', () => {
    expect(rankChannels(ctx('Subject: Your boiler check is due\n\nBook a visit this week and stay warm.'), null)[0]!.channel).toBe('email');
  });
});
