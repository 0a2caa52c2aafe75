import { describe, expect, it } from 'vitest';
import { draftParts } from '../../../src/review-engine/channels/assets.js';
import { RANK_WEIGHTS, rankChannels } from '../../../src/review-engine/channels/rank.js';
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
    expect(withPersona.score - without.score).toBe(RANK_WEIGHTS.personaChannel);
    expect(withPersona.reasons).toContain(`+${RANK_WEIGHTS.personaChannel}: one of Busy Landlord's channels`);
  });

  it('prefers email for a draft with a subject line', () => {
    expect(rankChannels(ctx('Subject: Your boiler check is due\n\nBook a visit this week and stay warm.'), null)[0]!.channel).toBe('email');
  });

  it('reads the draft’s form: an opt-out makes it a text message, hashtags a social post', () => {
    expect(rankChannels(ctx('Pizza Friday: 2 large for 20 pounds tonight at Marios. Reply STOP to opt out'), null)[0]!.channel).toBe('sms');
    const social = rankChannels(ctx('Sunday reset done. Fresh sheets, clean desk, slow coffee. #sundayreset #homeoffice'), null);
    expect(['instagram', 'tiktok', 'x']).toContain(social[0]!.channel);
    expect(social.find((r) => r.channel === 'google_search')!.reasons.join('\n')).toContain('hashtags do nothing');
  });

  it('never ranks first a channel whose hard rule the draft breaks, even one of the persona’s', () => {
    const long =
      'Every booking is covered, every guest is checked and every payout lands on time, so your spare room earns while you get on with your week. '.repeat(2);
    const ranks = rankChannels(ctx(long), { name: 'Host', channels: ['sms', 'tiktok'] });
    expect(ranks[0]!.verdict).not.toBe('poor');
  });

  it('calls a search ad with too few headlines ok at best, with the finding', () => {
    const sms = rankChannels(ctx('Get paid on time by every client, every month, with reminders that send themselves.'), null).find(
      (r) => r.channel === 'google_search',
    )!;
    expect(sms.verdict).not.toBe('good');
    expect(sms.findings.map((f) => f.rule)).toContain('google_search.asset_count');
  });
});
