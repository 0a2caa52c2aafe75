// The newer Slack payloads with the worst input people can give them: fields of 10,000
// characters, emoji across every cut, `<&>` and live mentions, and more items than a message
// or a menu can hold. Each stays within Block Kit's limits and shows markup as text.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import { parseHouseRules } from '../../../src/review-engine/house-rules/format.js';
import { listRulesInForce } from '../../../src/review-engine/rules-in-force.js';
import { rulesMessage } from '../../../src/slack/render/rules.js';
import { examplesMessage } from '../../../src/slack/render/examples.js';
import type { ExampleLine } from '../../../src/slack/render/examples.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { reviewMessage } from '../../../src/slack/render/review.js';
import { CALIBRATION_DIR, fixturePersonas } from '../../review-engine/support.js';
import { mrkdwnTexts } from '../../support/mrkdwn.js';

const HOSTILE = '<!channel> <@U123> <https://evil.example|click> <&> 👩🏽‍💻🐶 ';
const huge = (seed: string) => `${seed} ${HOSTILE}`.repeat(400).slice(0, 10_000);
const allText = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

/** The fallback and every mrkdwn text: where Slack would turn markup into mentions and links. */
const mrkdwn = (m: { text: string; blocks: unknown[] }) => mrkdwnTexts(m).join('\n');

/** No lone surrogate anywhere: a cut never falls inside an emoji. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('the correction menus of a review post', () => {
  const personas = fixturePersonas(CALIBRATION_DIR);
  const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });

  it('stay within limits with 150 personas of 10,000-character names and 40 jobs of 10,000 characters each', async () => {
    const r = await engine.review({ text: 'Approve team expenses in one tap, without chasing a single receipt.', personas, teamId: 'T1', channel: 'meta' });
    const fits = r.personas[0]!;
    const correctable = [
      { id: randomUUID(), name: fits.name, jobs: Array.from({ length: 40 }, (_, i) => huge(`job ${i}`)) },
      ...Array.from({ length: 149 }, (_, i) => ({ id: randomUUID(), name: huge(`persona ${i}`), jobs: [huge('a job')] })),
    ];
    const m = reviewMessage(r, { personaIds: new Map([[fits.name, correctable[0]!.id]]), reviewId: randomUUID(), requestedBy: 'U1', correctable });
    expect(validateMessage(m)).toEqual([]);
    const text = allText(m);
    expect(wellFormed(text)).toBe(true);
    expect(text).toContain('Generic: for no persona');
    // Menus are plain text (never mrkdwn), so nothing in them can notify or link.
    const menus = (m.blocks as Array<{ type: string; elements?: Array<{ type: string; options?: unknown[] }> }>)
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.type === 'static_select');
    expect(menus.length).toBe(2);
    for (const menu of menus) expect(menu.options!.length).toBeLessThanOrEqual(100);
  });
});

describe('a close call on a review post', () => {
  it('names both personas and offers the one-click answer within limits, with 10,000-character names, emoji and markup shown as text', async () => {
    const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });
    const r = await engine.review({
      text: 'Approve team expenses in one tap, without chasing a single receipt.',
      personas: fixturePersonas(CALIBRATION_DIR),
      teamId: 'T1',
      channel: 'meta',
    });
    const [first, second, ...rest] = r.personas;
    const names = [huge('first'), huge('second')];
    const close = {
      ...r,
      personas: [{ ...first!, name: names[0]!, match: 'partial' as const }, { ...second!, name: names[1]!, match: 'partial' as const }, ...rest],
      closeCall: names[1]!,
    };
    const correctable = names.map((name) => ({ id: randomUUID(), name, jobs: [huge('a job')] }));
    const m = reviewMessage(close, { personaIds: new Map(), reviewId: randomUUID(), correctable });
    expect(validateMessage(m)).toEqual([]);
    const text = allText(m);
    expect(wellFormed(text)).toBe(true);
    expect(text).toContain('a close call');
    expect(text).toContain(correctable[1]!.id);
    expect(mrkdwn(m)).not.toMatch(/<!channel>|<@U123>|<https:/);
  });
});

describe('/persona examples', () => {
  const row = (i: number): ExampleLine => ({
    id: randomUUID(),
    text: huge(`ad ${i}`),
    jobs: Array.from({ length: 40 }, (_, j) => huge(`job ${j}`)),
    source: i % 2 ? 'file' : 'assistant',
    sourceRef: huge('file.yaml'),
    createdBy: 'U0OWNER',
    createdAt: new Date('2026-12-01T00:00:00Z'),
  });

  it('stays within limits with 60 examples of 10,000 characters, 40 long jobs each, and a hostile title', () => {
    for (const canRemove of [true, false]) {
      const m = examplesMessage(
        huge('Examples for'),
        Array.from({ length: 60 }, (_, i) => row(i)),
        { canRemove },
      );
      expect(validateMessage(m)).toEqual([]);
      expect(wellFormed(allText(m))).toBe(true);
      const text = mrkdwn(m);
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U123>');
      expect(text).not.toContain('<https://evil.example|click>');
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).toContain('more (npm run cli -- learn --list shows all)');
    }
  });

  it('says there are none, with a hostile persona name, inside the limits', () => {
    const m = examplesMessage(huge('Examples for'), [], { canRemove: false });
    expect(validateMessage(m)).toEqual([]);
    expect(mrkdwn(m)).not.toContain('<!channel>');
    expect(mrkdwn(m)).toContain('&lt;!channel&gt;');
  });
});

describe('/persona rules', () => {
  it('stays within limits with the most house rules a file may hold, with long summaries and patterns in emoji and live markup', () => {
    const pattern = (i: number) => JSON.stringify(`${i} ${HOSTILE}`.repeat(40).slice(0, 480).trim());
    const yaml = `rules:\n${Array.from(
      { length: 500 },
      (_, i) =>
        `  - name: rule-${i}\n    kind: hard\n    summary: ${JSON.stringify(`${HOSTILE}`.repeat(20).slice(0, 290).trim())}\n    banned: [${Array.from({ length: 3 }, (_, j) => pattern(j)).join(', ')}]\n`,
    ).join('')}`;
    const parsed = parseHouseRules(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
    for (const channel of [null, 'tiktok', 'sms'] as const) {
      const m = rulesMessage(listRulesInForce(channel, parsed.file), '/persona');
      expect(validateMessage(m)).toEqual([]);
      expect(wellFormed(allText(m))).toBe(true);
      expect(mrkdwn(m)).not.toContain('<!channel>');
      expect(mrkdwn(m)).not.toContain('<https://evil.example|click>');
    }
  });
});
