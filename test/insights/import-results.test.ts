// The results import streams: the file is read twice in small chunks (checked, then saved batch
// by batch in one transaction), never held as rows; all or nothing and file:line errors hold.
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { countResults, weeklyAdResults } from '../../src/db/queries/results.js';
import { importResults } from '../../src/insights/import-results.js';
import type { ImportResultsInput } from '../../src/insights/import-results.js';
import { ResultsFileError } from '../../src/insights/parse-results.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { CALIBRATION_DIR, fixturePersonas } from '../review-engine/support.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const HEADER = 'date,channel,text,impressions,clicks,conversions';
const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });
const personas = fixturePersonas(CALIBRATION_DIR);
const now = new Date('2026-11-20T10:00:00Z');

/** `rows` data lines: 20 ads (one with an emoji) over as many days as it takes, on Meta. */
function lines(rows: number, clicks = (i: number) => 10 + (i % 7)): string[] {
  return Array.from({ length: rows }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10);
    return `${day},meta,"Approve expenses in one tap 💸, variant ${i % 20}",1000,${clicks(i)},1`;
  });
}

/** A file as a stream of 997-byte chunks (cutting through emoji), counting the bytes handed out. */
function chunked(text: string, counter: { bytes: number; opened: number }): () => Readable {
  const bytes = Buffer.from(text, 'utf8');
  return () => {
    counter.opened++;
    return Readable.from(
      (function* () {
        for (let at = 0; at < bytes.length; at += 997) {
          const chunk = bytes.subarray(at, at + 997);
          counter.bytes += chunk.length;
          yield chunk;
        }
      })(),
    );
  };
}

const input = (teamId: string, open: () => Readable, onProgress?: ImportResultsInput['onProgress']): ImportResultsInput => ({
  teamId,
  open,
  file: 'big.csv',
  format: 'generic',
  engine,
  personas,
  now,
  ...(onProgress ? { onProgress } : {}),
});

describeEachDriver('streamed results import', ({ handle }) => {
  it('saves 12,000 rows batch by batch while the file is still being read, the later of two equal rows winning', async () => {
    const teamId = newTeamId();
    const data = lines(12_000);
    // The last row repeats the first row's ad and day with other counts: it replaces it.
    data.push(data[0]!.replace(/,1000,\d+,1$/, ',1000,99,1'));
    const text = `${HEADER}\n${data.join('\n')}\n`;
    const counter = { bytes: 0, opened: 0 };
    const firstSave: number[] = [];
    const saving: number[] = [];
    const summary = await importResults(
      handle().db,
      input(teamId, chunked(text, counter), (phase, done) => {
        if (phase !== 'saving') return;
        if (firstSave.length === 0) firstSave.push(counter.bytes);
        saving.push(done);
      }),
    );
    expect(summary).toMatchObject({ rows: 12_000, inserted: 12_000, replaced: 0, duplicatesInFile: 1, ads: 20 });
    expect(counter.opened).toBe(2);
    // The first batch was saved when the second reading had reached about a twelfth of the file.
    const size = Buffer.byteLength(text);
    expect(firstSave[0]! - size).toBeLessThan(size / 4);
    expect(saving).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 1_000));
    expect(await countResults(handle().db, { teamId })).toBe(12_000);
    // The first row's 10 clicks were replaced by the last row's 99.
    const clicks = (await weeklyAdResults(handle().db, { teamId })).reduce((n, w) => n + w.clicks, 0);
    const expected = lines(12_000).reduce((n, l) => n + Number(l.split(',').at(-2)), 0) - 10 + 99;
    expect(clicks).toBe(expected);
  });

  it('a problem on the last of 12,000 lines refuses the file with its line, storing nothing', async () => {
    const teamId = newTeamId();
    const data = lines(12_000);
    data.push('2026-03-01,meta,Approve expenses,100,400,1');
    const counter = { bytes: 0, opened: 0 };
    const err = await importResults(handle().db, input(teamId, chunked(`${HEADER}\n${data.join('\n')}\n`, counter))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResultsFileError);
    expect((err as ResultsFileError).message).toBe('big.csv:12002: clicks: 400 clicks > 100 impressions');
    // Refused on the first reading: nothing attributed, nothing saved.
    expect(counter.opened).toBe(1);
    expect(await countResults(handle().db, { teamId })).toBe(0);
  });

  it('a file that breaks during the second reading, after batches were saved, leaves nothing stored', async () => {
    const teamId = newTeamId();
    const good = `${HEADER}\n${lines(5_000).join('\n')}\n`;
    let opened = 0;
    const open = () => Readable.from([++opened === 1 ? good : `${good.slice(0, -1)}\n2026-03-01,meta,"unclosed,1,1,1\n`]);
    const saved: number[] = [];
    const err = await importResults(
      handle().db,
      input(teamId, open, (phase, done) => phase === 'saving' && saved.push(done)),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResultsFileError);
    expect((err as ResultsFileError).problems[0]).toMatchObject({ file: 'big.csv', column: '-' });
    expect((err as ResultsFileError).message).toContain('not readable as CSV');
    expect(saved.length).toBeGreaterThanOrEqual(4);
    expect(await countResults(handle().db, { teamId })).toBe(0);
  });
});
