// The persona card shows everything a persona is, within Slack's limits even at the file
// format's maximum for every field.
import { describe, expect, it } from 'vitest';
import { personaFromDraft } from '../../../src/domain/persona.js';
import type { Persona, PersonaDraft } from '../../../src/domain/persona.js';
import { personaSchema } from '../../../src/personas/file-format.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { personaCard } from '../../../src/slack/render/persona-card.js';

const now = new Date('2026-11-20T12:00:00Z');
const fill = (prefix: string, n: number) => `${prefix} ${'x'.repeat(n)}`.slice(0, n);

/** Every field at the largest the file format accepts. */
function maximalPersona(): Persona {
  const attrs = () =>
    Object.fromEntries(Array.from({ length: 30 }, (_, k) => [fill(`key${k}`, 60), Array.from({ length: 50 }, (_, v) => fill(`value ${v} 🧑🏽‍💻`, 500))]));
  const entry = {
    name: fill('Maximal', 100),
    summary: fill('Summary', 1000),
    product: fill('Product', 100),
    owner: 'U012ABCDEF',
    reviewed_at: '2025-12-01',
    demographics: attrs(),
    psychographics: attrs(),
    sociographics: attrs(),
    channels: ['google_search', 'meta', 'instagram', 'tiktok', 'linkedin', 'x', 'email', 'sms'],
    quote: fill('Quote', 500),
    success_metric: fill('Metric', 500),
    constraints: Array.from({ length: 20 }, (_, i) => fill(`Constraint ${i}`, 300)),
    jobs: Array.from({ length: 60 }, (_, i) => ({
      kind: (['functional', 'emotional', 'social'] as const)[i % 3],
      statement: fill(`Job ${i}`, 300),
      importance: (i % 5) + 1,
      when: fill('When', 300),
      outcome: fill('so I can', 300),
    })),
    pains: Array.from({ length: 40 }, (_, i) => ({ kind: 'risk', text: fill(`Pain ${i}`, 300), severity: 5 })),
    gains: Array.from({ length: 40 }, (_, i) => ({ kind: 'desired', text: fill(`Gain ${i}`, 300), relevance: 5 })),
    evidence: Array.from({ length: 60 }, (_, i) => ({
      source: 'survey',
      ref: i % 2 ? `https://example.org/${'r'.repeat(150)}/${i}` : fill(`Reference ${i}`, 500),
      date: '2026-01-15',
    })),
  };
  const parsed = personaSchema.parse(entry);
  const draft: PersonaDraft = {
    name: parsed.name,
    summary: parsed.summary,
    product: parsed.product ?? null,
    owner: parsed.owner ?? null,
    reviewedAt: parsed.reviewed_at!,
    demographics: parsed.demographics,
    psychographics: parsed.psychographics,
    sociographics: parsed.sociographics,
    channels: parsed.channels,
    quote: parsed.quote ?? null,
    successMetric: parsed.success_metric ?? null,
    constraints: parsed.constraints,
    jobs: parsed.jobs.map((j) => ({ ...j, when: j.when ?? null, outcome: j.outcome ?? null })),
    pains: parsed.pains,
    gains: parsed.gains,
    evidence: parsed.evidence.map((e) => ({ ...e, date: e.date ?? null })),
  };
  return personaFromDraft(draft, '00000000-0000-4000-8000-000000000001');
}

const small: Persona = personaFromDraft(
  {
    name: 'Cargo Bike Parent',
    summary: 'Parent who does the school run by bike.',
    product: 'Greenhop',
    owner: 'U07EXAMPLE3',
    reviewedAt: '2026-11-01',
    demographics: { age: '30-45', location: 'Suburb with bike lanes' },
    psychographics: { archetype: 'Caregiver', motivations: ['safety', 'time with the kids'] },
    sociographics: { networks: ['school parents'] },
    channels: ['instagram'],
    quote: 'If it is not safe, it is not happening.',
    successMetric: 'School run by bike four days out of five',
    constraints: ['Needs room for two child seats'],
    jobs: [{ kind: 'functional', statement: 'Take the kids to school safely by bike', importance: 5, when: null, outcome: null }],
    pains: [{ kind: 'obstacle', text: 'Cargo bikes cost more than a used car', severity: 4 }],
    gains: [{ kind: 'desired', text: 'Try before committing to buy', relevance: 4 }],
    evidence: [
      { source: 'other', ref: 'https://example.org/cargo-bike-census-2025', date: '2025-10-01' },
      { source: 'interview', ref: '9 parent interviews', date: null },
    ],
  },
  '00000000-0000-4000-8000-000000000002',
);

describe('persona card', () => {
  it('shows all three descriptor sets, the success metric, constraints and the evidence with source, link and date', () => {
    const card = personaCard(small, { now, staleAfterDays: 90, shareable: true, confirmation: { by: 'U07EXAMPLE3', note: 'Re-checked with Q4 interviews' } });
    expect(validateMessage(card)).toEqual([]);
    const json = JSON.stringify(card.blocks);
    for (const part of [
      '*Demographics*',
      'location: Suburb with bike lanes',
      '*Psychographics*',
      'motivations: safety, time with the kids',
      '*Sociographics*',
    ]) {
      expect(json).toContain(part);
    }
    expect(json).toContain('*Success metric:* School run by bike four days out of five');
    expect(json).toContain('Needs room for two child seats');
    expect(json).toContain('Other: <https://example.org/cargo-bike-census-2025|example.org/cargo-bike-census-2025> · 2025-10-01');
    expect(json).toContain('Interview: 9 parent interviews');
    expect(json).toContain('Last confirmed by <@U07EXAMPLE3>: “Re-checked with Q4 interviews”');
  });

  it('says why it matched and labels every other match with its name and why', () => {
    const other = { ...small, id: '00000000-0000-4000-8000-000000000003', name: 'Car-Free Commuter' };
    const card = personaCard(small, {
      now,
      staleAfterDays: 90,
      shareable: true,
      query: 'bike',
      reasons: [{ on: 'name' }, { on: 'attribute', section: 'demographics', key: 'location' }],
      others: [{ persona: other, score: 0.03, reasons: [{ on: 'job', text: 'Get a bike repaired without losing a day' }] }],
    });
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('*Matched on:* name · location (demographics)');
    expect(json).toContain('*Other matches for “bike”:* *Car-Free Commuter* (job “Get a bike repaired without losing a day”)');
    const buttons = card.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as Array<{ text: { text: string }; value: string }>;
    const show = buttons.find((b) => b.text.text === 'Show Car-Free Commuter');
    expect(show?.value).toBe(`${other.id}|bike`);
  });

  it('a maximal persona stays within every Block Kit limit, and still shows each part', () => {
    const persona = maximalPersona();
    const others = Array.from({ length: 4 }, (_, i) => ({
      persona: { ...persona, id: `00000000-0000-4000-8000-00000000001${i}` },
      score: 0.1,
      reasons: [
        { on: 'job' as const, text: persona.jobs[i]!.statement },
        { on: 'pain' as const, text: persona.pains[i]!.text },
      ],
    }));
    const card = personaCard(persona, {
      now,
      staleAfterDays: 90,
      shareable: true,
      sharedBy: 'U0SHARER',
      query: 'q'.repeat(200),
      reasons: [{ on: 'name' }, { on: 'job', text: persona.jobs[0]!.statement }, { on: 'constraint', text: persona.constraints[0]! }],
      others,
      confirmation: { by: 'U012ABCDEF', note: 'n'.repeat(300) },
    });
    expect(validateMessage(card)).toEqual([]);
    const json = JSON.stringify(card.blocks);
    for (const part of [
      '*Demographics*',
      '*Psychographics*',
      '*Sociographics*',
      '*Success metric:*',
      '*Constraints*',
      '*Evidence* (60 sources)',
      '<https://example.org/',
      '2026-01-15',
    ]) {
      expect(json).toContain(part);
    }
    expect(json).toContain('_… and');
  });
});
