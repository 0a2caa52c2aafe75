import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/review-engine/text/language.js';
import { draftKeys, LexicalIndex } from '../../../src/review-engine/text/lexical.js';

describe('word keys', () => {
  it('does not read "business" as "busy" (Porter gives both "busi")', () => {
    const index = new LexicalIndex(['Know ahead of time when it will be busy']);
    const [business] = index.coverage([draftKeys('Grow your business with us')]);
    expect(business![0]).toBe(0);
    expect(index.sharedWords(0, draftKeys('Grow your business with us'))).toEqual([]);
  });

  it('still meets other forms of a word through its stem and lemma', () => {
    const index = new LexicalIndex(['Get more bookings in busy weeks']);
    expect(index.sharedWords(0, draftKeys('Your booking calendar, busier than ever'))).toEqual(['bookings', 'busy']);
    const [cities] = tokenize('cities');
    expect(cities!.keys).toEqual(expect.arrayContaining(['city', 'cities']));
  });
});
