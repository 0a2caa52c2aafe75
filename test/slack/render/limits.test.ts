import { describe, expect, it } from 'vitest';
import { button, esc, fallback, header } from '../../../src/slack/render/common.js';
import { graphemes } from '../../../src/domain/graphemes.js';
import { escapeMrkdwn, LIMITS, mrkdwnSafe, truncate, truncateMrkdwn, validateMessage, validateView } from '../../../src/slack/render/limits.js';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });
  it('cuts to the limit with an ellipsis', () => {
    const out = truncate('a'.repeat(200), 150);
    expect(out).toHaveLength(150);
    expect(out.endsWith('…')).toBe(true);
  });
  it('never cuts inside an emoji, a flag or a family', () => {
    const text = '👨‍👩‍👧‍👦'.repeat(20) + '🇫🇷'.repeat(20);
    for (let max = 1; max < 60; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      const parts = graphemes(out.slice(0, -1));
      for (const g of parts) expect(['👨‍👩‍👧‍👦', '🇫🇷']).toContain(g);
    }
  });
});

describe('mrkdwn escaping', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
  });
  it('does not cut an entity in half when truncating', () => {
    const out = mrkdwnSafe('<'.repeat(100), 12);
    expect(out).toBe('&lt;&lt;…');
  });
  it('fits escaped mrkdwn without leaving half an entity at the cut', () => {
    const escaped = esc('a<b&c>'.repeat(100), 1000);
    for (let max = 2; max < 40; max++) {
      const out = truncateMrkdwn(escaped, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });
  it('a fallback text escapes nothing itself: user text comes through esc once', () => {
    expect(fallback(`Latest reviews for ${esc('<!channel> & co')}:\n 2`)).toBe('Latest reviews for &lt;!channel&gt; &amp; co: 2');
  });
});

describe('builders stay inside LIMITS', () => {
  it('a 200-character header becomes 150', () => {
    expect(header('h'.repeat(200)).text.text).toHaveLength(LIMITS.headerText);
  });
  it('a 100-character button text becomes 75', () => {
    expect(button('b'.repeat(100), 'x', 'v').text.text).toHaveLength(LIMITS.buttonText);
  });
});

describe('validator', () => {
  it('flags every kind of overflow', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v' }] },
    ];
    const paths = validateMessage({ text: 'fallback', blocks }).map((v) => v.path);
    expect(paths).toEqual(['blocks[0].text', 'blocks[1].text', 'blocks[2].fields', 'blocks[3].elements[0].text']);
  });
  it('wants fallback text, at most 50 blocks and at most 11,000 characters in all', () => {
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(validateMessage({ blocks: many }).map((v) => v.message)).toEqual(['51 blocks, limit 50', 'a message with blocks needs fallback text']);
    const big = Array.from({ length: 4 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(2900) } }));
    expect(validateMessage({ text: 't', blocks: big })).toEqual([{ path: 'blocks', message: '11600 characters of text in all, limit 11000' }]);
  });
  it('checks views: 100 blocks, title 24, private_metadata 3000', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 't'.repeat(25) },
      private_metadata: 'm'.repeat(3001),
      blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
    };
    expect(validateView(view).map((v) => v.path)).toEqual(['view.blocks', 'view.title', 'view.private_metadata']);
  });
});

describe('cutting text', () => {
  it('cuts at a word boundary near the end, never mid-word', () => {
    expect(mrkdwnSafe('Chasing one late invoice shouldn’t cost you a whole afternoon', 30)).toBe('Chasing one late invoice…');
    // One long word has no boundary to cut at: it is cut where it must be.
    expect(mrkdwnSafe('x'.repeat(50), 10)).toHaveLength(10);
  });
});
