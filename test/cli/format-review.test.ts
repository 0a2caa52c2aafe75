import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { formatReviewText } from '../../src/cli/format-review.js';
import { CALIBRATION_DIR, fixturePersonas } from '../review-engine/support.js';

describe('formatReviewText', () => {
  it('shows the verdict, each finding with its rule, the personas with evidence, and the channels', async () => {
    const engine = createReviewEngine({ embedder: null, embedderReason: 'test' });
    const personas = fixturePersonas(CALIBRATION_DIR);
    const r = await engine.review({ text: 'Approve team expenses without chasing receipts. #finance #ops #startup', personas, teamId: 'T1', channel: 'x' });
    const text = formatReviewText(r, { maxPersonas: 2 });
    expect(text.split('\n')[0]).toBe('X: OK   (wording only)');
    expect(text).toContain('! warning x.hashtags: 3 hashtags (#finance #ops #startup); posts on X read best with 2 or fewer.');
    expect(text).toMatch(/^Speaks to Startup Finance Lead \((strong|weak) fit, \d+\/100\)\.$/m);
    expect(text).toMatch(/1\. Startup Finance Lead — (strong|weak) fit, \d+\/100/);
    expect(text).toMatch(/• Approve team expenses without chasing receipts \[functional, importance 5\/5\] \d+% clear/);
    expect(text).toMatch(/… 4 more/);
    expect(text).toContain('Channels (best first):');
  });

  it('names both personas of a close call, in plain words', async () => {
    const engine = createReviewEngine({ embedder: null, embedderReason: 'test' });
    const r = await engine.review({
      text: 'Approve team expenses without chasing receipts.',
      personas: fixturePersonas(CALIBRATION_DIR),
      teamId: 'T1',
      channel: 'x',
    });
    const [best, second, ...rest] = r.personas;
    const close = { ...r, personas: [best!, { ...second!, match: 'partial' as const, fit: 38 }, ...rest], closeCall: second!.name };
    expect(formatReviewText(close)).toMatch(
      new RegExp(
        `^Speaks to ${best!.name} \\((strong|weak) fit, \\d+/100\\) or to ${second!.name} \\(weak fit, 38/100\\): a close call; the draft is written nearly as clearly for both\\.$`,
        'm',
      ),
    );
  });
});
