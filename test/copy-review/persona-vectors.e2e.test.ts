// Personas imported while the bot runs get their sentence vectors from a queued job, with its
// progress in the log, so that the next review computes none of them.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTextVectors } from '../../src/db/queries/text-vectors.js';
import { createLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const TEAM = 'T0IMPORTED';

describe('persona vectors computed when personas change [pglite]', () => {
  let app: TestApp;
  let logs = '';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    app = await startTestApp({ log: createLogger({ level: 'info', destination: sink }), env: { REVIEW_MODEL: 'on' } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const lines = () =>
    logs
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; team?: string; done?: number; total?: number; computed?: number });

  it('a job computes and stores them after an import, telling its progress; the next review computes none', async () => {
    expect(await countTextVectors(app.handle.db, { teamId: TEAM })).toBe(0);
    // As the CLI does it: straight into the store, which tells every replica (NOTIFY).
    await importPersonaText(app.handle.db, TEAM, readFileSync('examples/personas.yaml', 'utf8'), 'personas.yaml', app.clock);

    const until = Date.now() + 60_000;
    while (!lines().some((l) => l.msg === 'persona vectors: ready' && l.team === TEAM) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const ready = lines().find((l) => l.msg === 'persona vectors: ready' && l.team === TEAM);
    expect(ready).toBeDefined();
    expect(ready!.computed).toBeGreaterThan(0);
    const progress = lines().filter((l) => l.msg === 'persona vectors: computing' && l.team === TEAM);
    expect(progress.at(-1)).toMatchObject({ done: ready!.computed, total: ready!.computed });
    expect(await countTextVectors(app.handle.db, { teamId: TEAM })).toBe(ready!.computed);

    // The review side finds everything it needs: nothing left for the model.
    const stats = await app.runtime.deps.reviews.preparePersonas(TEAM);
    expect(stats).toMatchObject({ computed: 0, mode: 'semantic' });
  }, 90_000);
});
