import { describe, expect, it } from 'vitest';
import { modelText, segmentDraft } from '../../../src/review-engine/text/segment.js';

const texts = (draft: string) => segmentDraft(draft).map((s) => `${s.kind}:${s.text}`);

describe('segmentDraft', () => {
  it('keeps the whole draft, its sentences and the phrases inside them, with exact offsets', () => {
    const draft = 'Track every parcel, answer every customer, and sleep at night. Set it up today.';
    const segments = segmentDraft(draft);
    expect(texts(draft)).toEqual([
      'whole:Track every parcel, answer every customer, and sleep at night. Set it up today.',
      'sentence:Track every parcel, answer every customer, and sleep at night.',
      'sentence:Set it up today.',
      'phrase:Track every parcel',
      'phrase:answer every customer',
      'phrase:sleep at night.',
    ]);
    for (const s of segments) expect(draft.slice(s.start, s.end)).toBe(s.text);
  });

  it('folds fragments shorter than three words into a neighbour and drops a short lead-in label', () => {
    expect(texts('Snapfix: broken tap at midnight? We send a plumber within the hour.')).toContain('phrase:broken tap at midnight?');
    expect(texts('Fresh, local bread baked every morning')).toEqual(['sentence:Fresh, local bread baked every morning']);
  });

  it('reads labelled lines without their label and keeps "Dr." inside its sentence', () => {
    expect(texts('Subject: Your plan is ready\n\nDr. Lee checked it. See you Monday.')).toEqual([
      'whole:Your plan is ready\n\nDr. Lee checked it. See you Monday.',
      'sentence:Your plan is ready',
      'sentence:Dr. Lee checked it.',
      'sentence:See you Monday.',
    ]);
  });

  it('caps the number of pieces and survives empty, emoji-only and other-script drafts', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something, and then more.`).join(' ');
    expect(segmentDraft(long, { maxSegments: 16 })).toHaveLength(16);
    expect(segmentDraft('')).toEqual([]);
    expect(segmentDraft('🐶🐶🐶')).toEqual([]);
    expect(segmentDraft('日本語の文章です。次の文。').length).toBeGreaterThan(0);
  });

  it('gives the models the words without links and hashtag signs, and an emoji as the thing it names', () => {
    expect(modelText('Solo hike 🥾 #trails — book at trail.example/b now 💜')).toEqual({ clean: 'Solo hike hiking boot trails — book at now', hasWords: true });
    // An emoji's name is not a word of the piece's own, and nor is a link.
    expect(modelText('🥾 🐶 trail.example/b 💜').hasWords).toBe(false);
  });

  it('keeps an emoji after the full stop with its sentence, and makes no piece of emoji alone', () => {
    const pieces = segmentDraft('Turned the heating up from the train. Walked into a warm room. 📱');
    expect(pieces.map((p) => p.text)).toContain('Walked into a warm room. 📱');
    expect(pieces.map((p) => p.clean)).toContain('Walked into a warm room. mobile phone');
    expect(pieces.some((p) => p.text === '📱')).toBe(false);
    expect(segmentDraft('🐶 🎉\n🔥')).toEqual([]);
  });
});

describe('offers', () => {
  it('makes no piece of a sentence that is only an offer', () => {
    expect(texts('Track every parcel and answer every customer. Try it free.')).not.toContain('sentence:Try it free.');
  });
});
