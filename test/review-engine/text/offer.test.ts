import { describe, expect, it } from 'vitest';
import { findOffers, withoutOffers } from '../../../src/review-engine/text/offer.js';
import { modelText } from '../../../src/review-engine/text/segment.js';

describe('offer language', () => {
  it.each([
    ['Get 20% off your first order with code SPRING20 at checkout', ['Get 20% off your first order', 'with code SPRING20 at checkout']],
    ['Buy one get one free on all pizzas this weekend only', ['Buy one get one free', 'this weekend only']],
    ['Meals for just £5.99 a month. Free delivery on orders over £30.', ['for just £5.99 a month', 'Free delivery on orders over £30']],
    ['Black Friday sale: up to 50% off everything. Ends Monday.', ['Black Friday sale', 'up to 50% off everything', 'Ends Monday']],
    ['Save 30% today only. T&Cs apply.', ['Save 30%', 'today only', 'T&Cs apply']],
  ])('finds the offer phrases in %j', (text, phrases) => {
    expect(findOffers(text).map((o) => o.text)).toEqual(phrases);
  });

  it('leaves promises alone', () => {
    for (const text of [
      'Chasing one late invoice shouldn’t cost you a whole afternoon',
      'Take the kids to school safely by bike',
      'Our app helps you save money every month',
    ])
      expect(findOffers(text)).toEqual([]);
  });

  it('gives the offsets of each phrase in the text', () => {
    const text = 'Pizza night? Use code PIZZA10.';
    const [o] = findOffers(text);
    expect(text.slice(o!.start, o!.end)).toBe('Use code PIZZA10');
  });

  it('is taken out of what the models read, and a piece that is only an offer has no words of its own', () => {
    expect(withoutOffers('Meals for just £5.99 a month').trim()).toBe('Meals');
    expect(modelText('20% off everything with code SAVE20').hasWords).toBe(false);
    expect(modelText('Cook dinner in 15 minutes: 20% off with code SAVE20').clean).toContain('Cook dinner in 15 minutes');
  });
});
