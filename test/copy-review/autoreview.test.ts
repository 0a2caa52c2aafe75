import { describe, expect, it } from 'vitest';
import { autoReviewDecision } from '../../src/copy-review/autoreview.js';
import { checkDraft, slackTextToPlain } from '../../src/copy-review/draft-checks.js';

describe('autoReviewDecision', () => {
  const draft = 'Back-to-back meetings all day? Take two afternoons back.';
  it('reviews a plain top-level draft', () => {
    expect(autoReviewDecision({ ts: '1', text: draft })).toEqual({ review: true, text: draft });
  });
  it('skips what is not a draft', () => {
    const why = (m: Record<string, unknown>) => {
      const d = autoReviewDecision(m);
      return d.review ? 'review' : d.why;
    };
    expect(why({ ts: '2', thread_ts: '1', text: draft })).toBe('a thread reply');
    expect(why({ ts: '1', thread_ts: '1', text: draft })).toBe('review');
    expect(why({ ts: '1', bot_id: 'B1', text: draft })).toBe('a bot wrote it');
    expect(why({ ts: '1', subtype: 'message_deleted' })).toBe('a message_deleted message');
    expect(why({ ts: '1', text: 'x'.repeat(19) })).toBe('shorter than 20 characters');
    expect(why({ ts: '1', text: 'x'.repeat(20) })).toBe('review');
    expect(why({ ts: '1', text: '<https://example.com/x|example>' })).not.toBe('review');
    expect(why({ ts: '1', text: '🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉' })).toBe('only emoji');
    expect(why({ ts: '1', text: '  // not yet, still drafting the headline' })).toBe('an aside (starts with //)');
    expect(why({ ts: '1', text: '', files: [{}] })).toBe('only a file');
  });
  it('does not review the bot itself', () => {
    expect(autoReviewDecision({ ts: '1', user: 'UBOT', text: draft }, 'UBOT')).toEqual({ review: false, why: 'the bot wrote it' });
  });
});

describe('checkDraft', () => {
  it('turns Slack markup back into what the writer typed', () => {
    expect(slackTextToPlain('Save &amp; go &lt;now&gt; <https://x.example|x.example> <@U1> hi')).toBe('Save & go <now> x.example  hi');
  });
  it('accepts 10,000 characters and refuses 10,001', () => {
    expect(checkDraft({ text: 'a'.repeat(10_000) }).ok).toBe(true);
    expect(checkDraft({ text: 'a'.repeat(10_001) })).toMatchObject({ ok: false, reason: 'too_long' });
  });
  it('names deleted messages, empty ones and files', () => {
    expect(checkDraft(null)).toMatchObject({ reason: 'deleted' });
    expect(checkDraft({ subtype: 'tombstone', text: 'This message was deleted.' })).toMatchObject({ reason: 'deleted' });
    expect(checkDraft({ text: '   ' })).toMatchObject({ reason: 'empty' });
    expect(checkDraft({ text: '', files: [{}] })).toMatchObject({ reason: 'file_only' });
  });
});
