import { describe, expect, it } from 'vitest';
import { draftKeys, LexicalIndex } from '../../../src/review-engine/text/lexical.js';

describe('lexical coverage', () => {
  it('weighs a word everyone says far below a word that names the subject', () => {
    const index = new LexicalIndex(['Back-to-back meetings leave no time for deep work']);
    const [time, meetings] = index.coverage([draftKeys('clients pay on time'), draftKeys('fewer meetings')]).map((piece) => piece[0]!);
    // Without the weighting both words weigh the same here (each appears once in the statements).
    expect(time!).toBeLessThan(meetings! * 0.75);
  });
});
