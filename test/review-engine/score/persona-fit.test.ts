import { describe, expect, it } from 'vitest';
import type { Persona } from '../../../src/domain/persona.js';
import { CLOSE_CALL_MARGIN, closeCallOf, rankAssessments } from '../../../src/review-engine/score/persona-fit.js';
import type { PersonaAssessment } from '../../../src/review-engine/score/persona-fit.js';

// Only what ranking reads: the name, relevance, whether matched, fit and the reasons.
const assessed = (name: string, relevance: number, fit: number, matched = true): PersonaAssessment => ({
  persona: { name } as Persona,
  relevance,
  matched,
  jobs: [],
  pains: [],
  gains: [],
  fit,
  match: matched ? 'partial' : 'none',
  reasons: [`${name}'s own reason`],
});

describe('rankAssessments', () => {
  it('puts the persona the draft is written for (relevance) above one with many loosely touched items (fit)', () => {
    const host = assessed('Host', 0.9, 40);
    const guest = assessed('Guest', 0.6, 70);
    const ranked = rankAssessments([guest, host]);
    expect(ranked.map((a) => a.persona.name)).toEqual(['Host', 'Guest']);
    // The order contradicts the fits shown, so the first says why.
    expect(ranked[0]!.reasons).toEqual([
      'ranked above Guest (fit 70) because the draft is written more clearly for Host: its closest job, pain or gain and the cues below point here; fit adds up every item touched, however loosely',
      "Host's own reason",
    ]);
    expect(ranked[1]!.reasons).toEqual(["Guest's own reason"]);
    expect(host.reasons).toEqual(["Host's own reason"]);
  });

  it('weighs fit beside relevance (a small lead in relevance gives way to a much higher fit), and then says nothing more', () => {
    const ranked = rankAssessments([assessed('A', 0.72, 20), assessed('B', 0.7, 50), assessed('C', 0.5, 10)]);
    expect(ranked.map((a) => a.persona.name)).toEqual(['B', 'A', 'C']);
    expect(ranked[0]!.reasons).toEqual(["B's own reason"]);
  });

  it('ranks a matched persona above an unmatched one of higher relevance (another product named), with no comparison to it', () => {
    const ranked = rankAssessments([assessed('Other product', 0.95, 9, false), assessed('Mine', 0.6, 30)]);
    expect(ranked.map((a) => a.persona.name)).toEqual(['Mine', 'Other product']);
    expect(ranked[0]!.reasons).toEqual(["Mine's own reason"]);
  });

  it('leaves unmatched personas in order of relevance', () => {
    const ranked = rankAssessments([assessed('A', 0.2, 5, false), assessed('B', 0.3, 4, false)]);
    expect(ranked.map((a) => a.persona.name)).toEqual(['B', 'A']);
  });
});

describe('closeCallOf', () => {
  it('names the second persona when it is ranked within the margin of the first, both matched', () => {
    // Rank keys 0.6 + 0.5 × 0.4 = 0.80 and 0.55 + 0.5 × 0.4 = 0.75: 0.05 apart.
    const ranked = rankAssessments([assessed('Courier', 0.6, 40), assessed('Diner', 0.55, 40)]);
    expect(closeCallOf(ranked)?.persona.name).toBe('Diner');
  });

  it('is null when the first leads by the margin or more, when the second is not matched, and when nothing is', () => {
    const lead = 0.5 * CLOSE_CALL_MARGIN;
    expect(closeCallOf(rankAssessments([assessed('A', 0.6 + 2 * lead, 40), assessed('B', 0.6 - lead, 40)]))).toBeNull();
    expect(closeCallOf(rankAssessments([assessed('A', 0.6, 40), assessed('B', 0.59, 40, false)]))).toBeNull();
    expect(closeCallOf(rankAssessments([assessed('A', 0.2, 5, false), assessed('B', 0.2, 5, false)]))).toBeNull();
    expect(closeCallOf(rankAssessments([assessed('Only', 0.9, 80)]))).toBeNull();
  });
});
