import { describe, expect, it } from 'vitest';
import { emojiNaming, emojiWords } from '../../../src/review-engine/text/emoji-words.js';

describe('emojiWords', () => {
  it('names animals, food, places and objects, without the word "face"', () => {
    expect(emojiWords('🐶')).toBe('dog');
    expect(emojiWords('🥦')).toBe('broccoli');
    expect(emojiWords('🏢')).toBe('office building');
    expect(emojiWords('📱')).toBe('mobile phone');
  });

  it('ignores the variation selector and skin tones', () => {
    expect(emojiWords('🏔️')).toBe('snow-capped mountain');
    expect(emojiWords('🏔')).toBe('snow-capped mountain');
  });

  it('gives nothing for emoji that set a tone: faces, hearts, hands, sparkles, flags', () => {
    for (const e of ['😀', '💜', '👍🏽', '✨', '🇫🇷', '🔥x']) expect(emojiWords(e)).toBeNull();
  });
});

describe('emojiNaming', () => {
  it('finds the emoji a word came from, singular or plural', () => {
    expect(emojiNaming('dog', ['💜', '🐶'])).toBe('🐶');
    expect(emojiNaming('dogs', ['🐶'])).toBe('🐶');
    expect(emojiNaming('phone', ['📱'])).toBe('📱');
    expect(emojiNaming('cat', ['🐶', '💜'])).toBeNull();
  });
});
