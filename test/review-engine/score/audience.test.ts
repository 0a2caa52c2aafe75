// The audience cue on two personas of one product: both sides of a food-delivery marketplace
// share the product's words (orders, restaurants, delivery); who the ad addresses decides.
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import { personaFromDraft } from '../../../src/domain/persona.js';
import type { PersonaDraft } from '../../../src/domain/persona.js';
import { FakeEmbedder } from '../support.js';

const base: Omit<PersonaDraft, 'name' | 'summary' | 'jobs' | 'pains' | 'gains'> = {
  product: 'Dishdash',
  owner: null,
  reviewedAt: '2026-10-01',
  demographics: {},
  psychographics: {},
  sociographics: {},
  channels: ['email'],
  quote: null,
  successMetric: null,
  constraints: [],
  evidence: [],
};
const job = (statement: string, importance = 5) => ({ kind: 'functional' as const, statement, importance, when: null, outcome: null });

const courier = personaFromDraft(
  {
    ...base,
    name: 'Evening Courier',
    summary: 'Delivers restaurant orders in the evenings for extra income.',
    jobs: [job('Get enough restaurant orders on busy evenings'), job('Be paid fairly for every delivery')],
    pains: [{ kind: 'obstacle', text: 'Long waits at restaurants', severity: 4 }],
    gains: [],
  },
  'p-courier',
);
const diner = personaFromDraft(
  {
    ...base,
    name: 'Takeaway Diner',
    summary: 'Orders dinner from local restaurants most evenings.',
    jobs: [job('Get dinner from my favourite restaurants delivered on busy evenings'), job('Pay less for delivery', 3)],
    pains: [{ kind: 'undesired_outcome', text: 'Cold food after long waits', severity: 4 }],
    gains: [],
  },
  'p-diner',
);
const personas = [courier, diner];

describe('audience cue between sibling personas', () => {
  for (const embedder of [null, new FakeEmbedder()])
    describe(embedder ? 'with vectors' : 'with words only', () => {
      const engine = createReviewEngine({ embedder });
      const review = (text: string) => engine.review({ text, personas, teamId: 'T_AUD', channel: 'email' });

      it('gives an ad that pays the reader to the courier, and says why', async () => {
        const r = await review('Busy evenings ahead: restaurant orders are up. Go online tonight and we’ll bonus you $3 per delivery on top of your earnings.');
        expect(r.personas[0]!.name).toBe('Evening Courier');
        const other = r.personas.find((p) => p.name === 'Takeaway Diner')!;
        expect(other.reasons.join('\n')).toMatch(/speaks to someone who earns from the product \(".*"\), but this persona buys from it/);
      });

      it('gives an ad that feeds the reader to the diner', async () => {
        const r = await review('Busy evening? Your favourite restaurants, delivered hot to your door. Order now.');
        expect(r.personas[0]!.name).toBe('Takeaway Diner');
        const other = r.personas.find((p) => p.name === 'Evening Courier')!;
        expect(other.reasons.join('\n')).toMatch(/speaks to a customer \(".*"\), but this persona earns from it/);
      });

      it('never makes a customer ad fit a customer persona on its own: it only rules the other side down', async () => {
        const r = await review('Thank you for shopping with us. Your order is on its way.');
        expect(r.personas.find((p) => p.name === 'Takeaway Diner')!.reasons.join('\n')).not.toMatch(/speaks to/);
      });
    });
});
