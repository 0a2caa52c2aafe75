import { describe, expect, it } from 'vitest';
import { brandKey, namedProducts } from '../../../src/review-engine/text/brand.js';

describe('named products', () => {
  const products = ['Greenhop', 'Tasklane', 'Nestwise', 'Go'];

  it('finds a product by its name as a word, a handle, a hashtag or a web address', () => {
    expect([...namedProducts('Greenhop bikes, now in Leeds', products)]).toEqual(['Greenhop']);
    expect([...namedProducts('Loving my ride from @greenhop_bikes', products)]).toEqual(['Greenhop']);
    expect([...namedProducts('Monday sorted #TasklaneLife', products)]).toEqual(['Tasklane']);
    expect([...namedProducts('Quotes at nestwise.com in two minutes', products)]).toEqual(['Nestwise']);
    expect([...namedProducts('TasklanePro is very close to full', products)]).toEqual(['Tasklane']);
  });

  it('does not find a name inside another word, nor a short name inside a tag', () => {
    expect(namedProducts('greenhopping through the park', products).size).toBe(0);
    expect(namedProducts('#GoPro adventures and #gotime', products).size).toBe(0);
  });

  it('compares names by their letters and digits', () => {
    expect(brandKey('Green Hop!')).toBe('greenhop');
  });
});
