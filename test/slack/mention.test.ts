import { describe, expect, it } from 'vitest';
import { parseMention } from '../../src/slack/mention.js';

describe('parseMention', () => {
  it('reads review, for <persona> and on <channel>', () => {
    expect(parseMention('<@UBOT> review')).toEqual({ kind: 'review', rest: '' });
    expect(parseMention('<@UBOT> review for Overbooked Team Lead on tiktok')).toMatchObject({
      kind: 'review',
      persona: 'Overbooked Team Lead',
      channel: 'tiktok',
    });
    expect(parseMention('<@UBOT> Review for "First-Time Renter"')).toMatchObject({ persona: 'First-Time Renter' });
    expect(parseMention('<@UBOT> review on google search')).toMatchObject({ channel: 'google_search' });
    expect(parseMention('<@UBOT> review on myspace')).toMatchObject({ unknownChannel: 'myspace' });
  });
  it('asks for help otherwise', () => {
    expect(parseMention('<@UBOT> hello there')).toEqual({ kind: 'help' });
  });
});
