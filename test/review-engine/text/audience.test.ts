import { describe, expect, it } from 'vitest';
import { draftAudience, personaAudience } from '../../../src/review-engine/text/audience.js';

describe('who a draft addresses', () => {
  it.each([
    'Thank you for driving with us. Your earnings this week include a $40 bonus.',
    'Go online during peak hours: pay per order is guaranteed at $12.',
    'Dear Seller Community, we are lowering insertion fees so your listings reach more buyers.',
    'We’ll bonus you $3 for completing 2 delivery offers tonight.',
  ])('hears someone who earns from the product in %j', (text) => {
    const a = draftAudience(text);
    expect(a.lean).toBeGreaterThan(0);
    expect(a.cues.some((c) => c.side === 'earner')).toBe(true);
  });

  it.each([
    'Save $5 on each of your next 10 rides.',
    'Your favourite dish, straight to your door. Order now.',
    'Thank you for shopping with us: your order is on its way.',
  ])('hears a customer in %j', (text) => {
    expect(draftAudience(text).lean).toBeLessThan(0);
  });

  it('says nothing when the draft does not address either side, or only talks about people in the third person', () => {
    for (const text of ['We are pleased to announce our new head office in Leeds.', 'A lot of our diners travel for the holiday.'])
      expect(draftAudience(text)).toEqual({ lean: 0, cues: [] });
  });
});

describe('which side a persona is on', () => {
  const base = { summary: '', quote: null, demographics: {}, psychographics: {}, pains: [], gains: [] };
  it('reads what the persona earns as the earning side', () => {
    const courier = {
      ...base,
      name: 'City Courier',
      jobs: [{ statement: 'Be paid fairly for every trip' }, { statement: 'Earn extra income in the hours I choose' }],
    };
    expect(personaAudience(courier).side).toBe('earner');
  });

  it('reads what the persona buys or orders as the customer side', () => {
    const diner = {
      ...base,
      name: 'Takeaway Diner',
      summary: 'Orders dinner from local restaurants.',
      jobs: [{ statement: 'Have my meal come hot to my door' }, { statement: 'Pay less for delivery' }],
    };
    expect(personaAudience(diner).side).toBe('customer');
  });

  it('gives no side to a persona that says neither', () => {
    const lead = { ...base, name: 'Overbooked Team Lead', jobs: [{ statement: 'Protect time for deep work' }] };
    expect(personaAudience(lead).side).toBeNull();
  });
});
