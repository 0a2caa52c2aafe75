// Engine behaviour that does not need the real sentence model: a fake embedder, the lexical
// fallback, hostile input, the contract. The real model is exercised in engine-semantic.test.ts.
import { describe, expect, it } from 'vitest';
import { createReviewEngine, UnknownPersonaError } from '../../src/review-engine/engine.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { dbVectorStore } from '../../src/db/queries/text-vectors.js';
import { VectorCache } from '../../src/review-engine/vector-store.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';
import { brokenEmbedder, CALIBRATION_DIR, FakeEmbedder, fixturePersonas } from './support.js';

const personas = fixturePersonas(CALIBRATION_DIR);

describe('lexical fallback', () => {
  it('reviews by word overlap when there is no model, and says why in the result', async () => {
    const engine = createReviewEngine({ embedder: null, embedderReason: 'the sentence model could not load: model.json missing' });
    expect(engine.mode).toBe('lexical');
    const r = await engine.review({ text: 'Approve team expenses in one tap, without chasing a single receipt.', personas, teamId: 'T1', channel: 'linkedin' });
    expect(reviewResultSchema.parse(r)).toEqual(r);
    expect(r.analysis).toMatchObject({ mode: 'lexical', model: null });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ severity: 'info', rule: 'review.lexical_only', message: expect.stringContaining('model.json missing') }),
    );
    expect(r.personas[0]).toMatchObject({
      name: 'Startup Finance Lead',
      jobs: [expect.objectContaining({ statement: 'Approve team expenses without chasing receipts' })],
    });
  });

  it('reads an emoji that names a thing as a word, and says so in the reason', async () => {
    const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });
    const text = 'Warm the heating up from the train home. 📱';
    const r = await engine.review({ text, personas, teamId: 'T1', channel: 'instagram' });
    const homeowner = r.personas.find((p) => p.name === 'Energy-Conscious Homeowner')!;
    expect(homeowner.jobs.map((j) => j.statement)).toContain('Control the heating from my phone');
    expect(homeowner.reasons.join('\n')).toContain('shared words: heating, phone (📱)');
    const without = await engine.review({ text: text.replace(' 📱', ''), personas, teamId: 'T1', channel: 'instagram' });
    const reasons = without.personas.find((p) => p.name === 'Energy-Conscious Homeowner')!.reasons.join('\n');
    expect(reasons).toContain('shared words: heating)');
    expect(reasons).not.toContain('phone (');
  });

  it('falls back when the model fails while preparing, and keeps reviewing', async () => {
    const engine = createReviewEngine({ embedder: brokenEmbedder });
    const r = await engine.review({ text: 'Close the books fast enough for the board pack.', personas, teamId: 'T1', channel: 'email' });
    expect(r.analysis.mode).toBe('lexical');
    expect(r.findings.find((f) => f.rule === 'review.lexical_only')?.message).toContain('model.json not found');
    expect(engine.mode).toBe('lexical');
  });
});

describe('hostile input', () => {
  const engine = createReviewEngine({ embedder: new FakeEmbedder() });

  it('calls an empty draft poor and matches nobody', async () => {
    const r = await engine.review({ text: '', personas, teamId: 'T1', channel: 'tiktok' });
    expect(r).toMatchObject({ verdict: 'poor', jobsAddressed: 0, persona: null });
    expect(r.findings[0]).toMatchObject({ severity: 'error', rule: 'draft.empty' });
    expect(r.personas.every((p) => p.match === 'none' && p.fit === 0)).toBe(true);
    expect(reviewResultSchema.safeParse(r).success).toBe(true);
  });

  it('reads the first 2,000 characters of a 50,000-character draft but counts all of it, and says so', async () => {
    const text = 'Close the month in one evening, without the shoebox of receipts. '.repeat(800).slice(0, 50_000);
    const r = await engine.review({ text, personas, teamId: 'T1', channel: 'linkedin' });
    expect(r.analysis).toMatchObject({ characters: 50_000, analysedCharacters: 2_000 });
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'linkedin.intro_length', actual: 50_000, limit: 3000 }));
    expect(r.findings).toContainEqual(
      expect.objectContaining({ rule: 'review.truncated', message: expect.stringContaining('first 2,000 of 50,000 characters') }),
    );
    expect(r.verdict).toBe('poor');
  });

  it('handles a draft of only emoji', async () => {
    const r = await engine.review({ text: '🐶🎉🔥', personas, teamId: 'T1', channel: 'google_search' });
    expect(r.verdict).toBe('poor');
    expect(r.findings[0]).toMatchObject({ rule: 'google_search.emoji', text: '🐶🎉🔥' });
    expect(r.personas.every((p) => p.match === 'none')).toBe(true);
  });

  it('checks limits of other scripts and says their language is not analysed', async () => {
    const r = await engine.review({ text: '每个月底轻松结账，再也不用熬夜整理收据。'.repeat(3), personas, teamId: 'T1', channel: 'tiktok' });
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'tiktok.length', actual: 114, limit: 100 }));
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'review.language', message: expect.stringContaining('Han script') }));
    expect(r.personas.every((p) => p.match === 'none')).toBe(true);
  });
});

describe('contract', () => {
  const engine = createReviewEngine({ embedder: new FakeEmbedder() });

  it('reviews against the best channel when none is given, and says so', async () => {
    const r = await engine.review({
      text: 'Subject: Your runway, every morning\n\nSee how many months of cash are left. Open the report.',
      personas,
      teamId: 'T1',
    });
    expect(r.channel).toBe(r.channels[0]!.channel);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'review.channel_chosen', message: expect.stringContaining('No channel given') }));
    expect(r.channels).toHaveLength(8);
  });

  it('rejects an unknown --persona by name, and counts the jobs of a known one', async () => {
    await expect(engine.review({ text: 'Hi', personas, teamId: 'T1', persona: 'Nobody Here' })).rejects.toBeInstanceOf(UnknownPersonaError);
    const r = await engine.review({ text: 'Hello there', personas, teamId: 'T1', persona: 'cafe owner', channel: 'sms' });
    expect(r.persona).toBe('Cafe Owner');
    expect(r.jobsAddressed).toBe(r.personas.find((p) => p.name === 'Cafe Owner')!.jobs.length);
  });

  it('lists every persona once, best first', async () => {
    const r = await engine.review({ text: 'Lower the heating bill this winter', personas, teamId: 'T1', channel: 'meta' });
    expect(r.personas.map((p) => p.name).sort()).toEqual(personas.map((p) => p.name).sort());
    const fits = r.personas.map((p) => p.fit);
    expect(fits).toEqual([...fits].sort((a, b) => b - a));
  });
});

describeEachDriver('prepare', ({ handle }) => {
  it('embeds persona statements once, keeps them in the database, and only re-embeds what changed', async () => {
    const db = handle().db;
    const teamId = newTeamId();
    const fake = new FakeEmbedder();
    const engine = createReviewEngine({ embedder: fake, store: dbVectorStore(db), cache: new VectorCache() });
    const first = await engine.prepare(teamId, personas);
    expect(first).toMatchObject({ mode: 'semantic', reused: false, fromDatabase: 0 });
    expect(first.computed).toBe(first.texts);
    expect((await engine.prepare(teamId, personas)).reused).toBe(true);

    const changed = personas.map((p, i) =>
      i === 0 ? { ...p, gains: [...p.gains, { kind: 'desired' as const, text: 'Receipts that file themselves', relevance: 3 }] } : p,
    );
    const second = await engine.prepare(teamId, changed);
    expect(second).toMatchObject({ reused: false, computed: 1 });

    const restarted = createReviewEngine({ embedder: new FakeEmbedder(), store: dbVectorStore(db), cache: new VectorCache() });
    expect(await restarted.prepare(teamId, changed)).toMatchObject({ computed: 0, fromDatabase: second.texts });
  });
});
