// Builders with hostile data: 10,000-character fields, emoji, markup characters, 40 jobs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Persona } from '../../../src/domain/persona.js';
import { PersonaIndex } from '../../../src/search/persona-index.js';
import { helpMessage } from '../../../src/slack/render/help.js';
import { jobCard } from '../../../src/slack/render/job-card.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { noMatchMessage } from '../../../src/slack/render/notices.js';
import { personaCard } from '../../../src/slack/render/persona-card.js';
import { personaList } from '../../../src/slack/render/persona-list.js';
import { mrkdwnTexts } from '../../support/mrkdwn.js';

const now = new Date('2026-11-20T12:00:00Z');

/** Slack markup in builder output may only be a user mention the builder wrote itself. */
const unescapedMarkup = (message: { text: string; blocks: unknown[] }) =>
  mrkdwnTexts(message).flatMap(
    (t) =>
      t
        .replace(/<@U[A-Z0-9]+>/g, '')
        .replace(/^> /gm, '')
        .match(/[<>]|&(?!amp;|lt;|gt;)/g) ?? [],
  );
const huge = (s: string) => s.repeat(Math.ceil(10_000 / s.length)).slice(0, 10_000);

function hostilePersona(i = 0): Persona {
  const text = huge('<script>&amp; 🧑🏽‍💻 ');
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    teamId: 'T1',
    name: huge('Ünïcødé <b>Persona</b> & 👩‍👩‍👧 '),
    summary: text,
    product: text,
    owner: 'U012ABCDEF',
    reviewedAt: '2026-01-01',
    demographics: { role: text },
    psychographics: {},
    sociographics: {},
    channels: ['meta', 'sms'],
    quote: text,
    successMetric: text,
    constraints: [text],
    archived: false,
    updatedBy: null,
    createdAt: now,
    updatedAt: now,
    jobs: Array.from({ length: 40 }, (_, j) => ({
      id: `10000000-0000-4000-8000-${String(i * 100 + j).padStart(12, '0')}`,
      kind: (['functional', 'emotional', 'social'] as const)[j % 3]!,
      statement: `${j} ${huge('job <&> 🎯 ')}`,
      when: text,
      outcome: text,
      importance: (j % 5) + 1,
    })),
    pains: Array.from({ length: 10 }, () => ({ kind: 'risk' as const, text, severity: 5 })),
    gains: Array.from({ length: 10 }, () => ({ kind: 'desired' as const, text, relevance: 5 })),
    evidence: Array.from({ length: 30 }, () => ({ source: 'interview' as const, ref: text, date: null })),
  };
}

describe('cards with hostile data', () => {
  const persona = hostilePersona();
  const others = [hostilePersona(1), hostilePersona(2), hostilePersona(3), hostilePersona(4)].map((p) => ({
    persona: p,
    score: 0.1,
    reasons: [{ on: 'name' as const }, { on: 'job' as const, text: p.jobs[0]!.statement }, { on: 'pain' as const, text: p.pains[0]!.text }],
  }));

  it('the persona card is valid, truncated and escaped', () => {
    const card = personaCard(persona, {
      now,
      staleAfterDays: 90,
      shareable: true,
      others,
      query: huge('<q> '),
      reasons: others[0]!.reasons,
      confirmation: { by: 'U012ABCDEF', note: huge('note <&> ') },
    });
    expect(validateMessage(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(unescapedMarkup(card)).toEqual([]);
    expect(json).toContain('&lt;script&gt;');
    expect(json).toContain('_… and');
    expect(json).toContain(':warning: *Stale*');
    // No broken surrogate pairs anywhere.
    expect(json).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  });

  it('the job card is valid', () => {
    const index = new PersonaIndex([persona, ...others.map((o) => o.persona)]);
    const card = jobCard(index.jobs[0]!, { shareable: true });
    expect(validateMessage(card)).toEqual([]);
    expect(unescapedMarkup(card)).toEqual([]);
    expect(card.text).toContain('&lt;&amp;&gt;');
  });

  it('the list pages 1,000 personas within limits', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...persona, id: String(i), name: `${i} ${persona.name}` }));
    const first = personaList(many, { page: 1, now, staleAfterDays: 90, command: '/persona' });
    expect(validateMessage(first)).toEqual([]);
    expect(unescapedMarkup(first)).toEqual([]);
    expect(JSON.stringify(first)).toContain('Page 1 of 25');
    const last = personaList(many, { page: 99, now, staleAfterDays: 90, command: '/persona' });
    expect(JSON.stringify(last)).toContain('Page 25 of 25');
    expect(validateMessage(last)).toEqual([]);
  });

  it('help and no-match notices are valid with a hostile query', () => {
    expect(validateMessage(helpMessage('/persona'))).toEqual([]);
    expect(unescapedMarkup(helpMessage('/persona'))).toEqual([]);
    const notice = noMatchMessage(huge('<!channel> '), [persona.name, persona.name], '/persona');
    expect(validateMessage(notice)).toEqual([]);
    expect(unescapedMarkup(notice)).toEqual([]);
  });
});

describe('block builders are pure', () => {
  it('import nothing that does I/O', () => {
    const dir = 'src/slack/render';
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      // Type-only imports are erased at compile time: they cannot bring I/O along.
      const imports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gms)].map((m) => m[1]!);
      for (const spec of imports) {
        expect(spec, `${file} imports ${spec}`).toMatch(
          /^(\.\/|\.\.\/\.\.\/(domain\/[a-z-]+|personas\/short-form|review-engine\/score\/jobs)\.js$|\.\.\/ids\.js$|@slack\/types$)/,
        );
      }
    }
  });
});
