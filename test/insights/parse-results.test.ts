// Reading results files: the generic layout, the three platform exports (fixtures written from
// their documented headers), and the bad files, which fail whole with file:line: column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import {
  adKeyOf,
  formatProblems,
  parseDay,
  parseResultsCsv,
  ResultRecordReader,
  ResultsFileError,
  streamResultRows,
} from '../../src/insights/parse-results.js';
import type { ResultsProblem } from '../../src/insights/parse-results.js';

const fixture = (name: string) => readFileSync(`test/insights/fixtures/${name}`, 'utf8');

function problemsOf(text: string, format: Parameters<typeof parseResultsCsv>[2] = 'generic'): ResultsProblem[] {
  try {
    parseResultsCsv(text, 'bad.csv', format);
  } catch (err) {
    if (err instanceof ResultsFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const HEADER = 'date,channel,text,impressions,clicks,conversions,spend,persona';

describe('generic format', () => {
  it('reads rows with optional spend and persona', () => {
    const r = parseResultsCsv(
      `${HEADER}\n2026-11-02,meta,"Get paid on time, every time",1000,40,3,12.5,Freelance Designer\n2026-11-02,Google Search,Plan less,500,10,0,,\n`,
      'r.csv',
    );
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({
      line: 2,
      day: '2026-11-02',
      channel: 'meta',
      text: 'Get paid on time, every time',
      clicks: 40,
      spend: 12.5,
      persona: 'Freelance Designer',
    });
    expect(r.rows[1]).toMatchObject({ line: 3, channel: 'google_search', spend: null, persona: null });
  });

  it('keeps the last of rows with the same ad, day and channel (text compared without case and spacing)', () => {
    const r = parseResultsCsv(
      `${HEADER}\n2026-11-02,meta,Plan less,100,4,1,,\n2026-11-02,meta,plan   LESS,200,8,2,,\n2026-11-02,tiktok,Plan less,50,1,0,,\n`,
      'r.csv',
    );
    expect(r.duplicatesInFile).toBe(1);
    expect(r.rows.map((x) => [x.channel, x.impressions])).toEqual([
      ['meta', 200],
      ['tiktok', 50],
    ]);
    expect(adKeyOf('Plan less')).toBe(adKeyOf(' plan  LESS '));
  });

  it('names the line a quoted multi-line ad starts on', () => {
    const problems = problemsOf(`${HEADER}\n2026-11-02,meta,"one\ntwo\nthree",100,4,1,,\n\n2026-11-02,meta,ok,x,4,1,,\n`);
    expect(problems).toEqual([{ file: 'bad.csv', line: 6, column: 'impressions', message: '"x" is not a number' }]);
  });
});

describe('bad files fail whole, with the line and the column', () => {
  it('non-numeric and fractional counts', () => {
    const problems = problemsOf(`${HEADER}\n2026-11-02,meta,a,1000,forty,3,,\n2026-11-03,meta,b,1000,40,2.5,,\n`);
    expect(formatProblems(problems)).toBe('bad.csv:2: clicks: "forty" is not a number\nbad.csv:3: conversions: 2.5 is not a whole number');
  });

  it('a missing column', () => {
    const problems = problemsOf('date,channel,text,impressions,conversions\n2026-11-02,meta,a,1000,3\n');
    expect(problems).toEqual([{ file: 'bad.csv', line: 1, column: 'clicks', message: expect.stringContaining('missing column') }]);
  });

  it('clicks > impressions', () => {
    expect(formatProblems(problemsOf(`${HEADER}\n2026-11-02,meta,a,10,40,3,,\n`))).toBe('bad.csv:2: clicks: 40 clicks > 10 impressions');
  });

  it('an unknown channel, a bad date, an empty text, a negative spend', () => {
    const problems = problemsOf(
      `${HEADER}\n2026-11-02,myspace,a,10,4,3,,\n2026-02-30,meta,b,10,4,3,,\n2026-11-02,meta,,10,4,3,,\n2026-11-02,meta,c,10,4,3,-5,\n`,
    );
    expect(problems.map((p) => `${p.line}: ${p.column}`)).toEqual(['2: channel', '3: date', '4: text', '5: spend']);
    expect(problems[0]!.message).toContain('unknown channel "myspace"');
  });

  it('unreadable CSV', () => {
    expect(problemsOf(`${HEADER}\n2026-11-02,meta,"unclosed,10,4,3,,\n`)[0]).toMatchObject({
      column: '-',
      message: expect.stringContaining('not readable as CSV'),
    });
  });

  it('lists 50 problems and counts the rest', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `2026-11-02,meta,ad ${i},10,x,0,,`).join('\n');
    const message = formatProblems(problemsOf(`${HEADER}\n${rows}\n`));
    expect(message.split('\n')).toHaveLength(51);
    expect(message).toMatch(/… and 10 more$/);
  });
});

describe('platform exports', () => {
  it('Google Ads ad report: title lines, headlines and descriptions joined, "1,204", "--", fractional conversions, total rows', () => {
    const r = parseResultsCsv(fixture('google-ads.csv'), 'google-ads.csv', 'google-ads');
    expect(r.summaryRows).toBe(2);
    expect(r.roundedConversions).toBe(1);
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0]).toMatchObject({
      line: 4,
      day: '2026-11-02',
      channel: 'google_search',
      impressions: 1204,
      clicks: 48,
      conversions: 3,
      spend: 31.2,
      campaign: 'Invoices Q4',
      text: 'Get paid on time\nInvoice reminders that send themselves\nTry Tasklane free\nStop chasing clients: Tasklane reminds them for you.',
    });
    expect(r.rows[1]!.conversions).toBe(2);
    expect(r.rows[2]!.text).toBe('Keep client projects on schedule\nOne timeline for every client\nShare one timeline your clients can follow.');
  });

  it('Meta Ads Manager: platform breakdown to channels, title and body, empty counts as none', () => {
    const r = parseResultsCsv(fixture('meta.csv'), 'meta.csv', 'meta');
    expect(r.rows.map((x) => [x.channel, x.clicks, x.conversions, x.spend])).toEqual([
      ['meta', 88, 4, 41.02],
      ['instagram', 41, 1, 19.8],
      ['meta', 0, 0, 38.1],
    ]);
    expect(r.rows[0]!.text).toBe('Get paid on time\nLate invoices eat your afternoons.\nTasklane sends the reminders for you.');
    expect(r.rows[2]!.line).toBe(6);
  });

  it('LinkedIn Campaign Manager: four title lines, month/day/year dates', () => {
    const r = parseResultsCsv(fixture('linkedin.csv'), 'linkedin.csv', 'linkedin');
    expect(r.rows.map((x) => [x.line, x.day, x.channel, x.impressions, x.clicks, x.conversions, x.spend])).toEqual([
      [6, '2026-11-02', 'linkedin', 8120, 37, 2, 212.4],
      [7, '2026-11-03', 'linkedin', 7740, 31, 1, 198.75],
    ]);
    expect(r.rows[0]!.text.startsWith('Cut the number of status meetings\nYour team spends')).toBe(true);
  });

  it('a platform file read as generic says what is missing', () => {
    const problems = problemsOf(fixture('linkedin.csv'));
    expect(problems.map((p) => p.column)).toEqual(['date', 'channel', 'text', 'impressions', 'clicks', 'conversions']);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['2026-1-2', '2026-01-02'],
    ['11/2/2026', '2026-11-02'],
    ['Nov 2, 2026', '2026-11-02'],
    ['2026-11-02T00:00:00Z', '2026-11-02'],
    ['2026-13-01', null],
    ['02.11.2026', null],
    ['', null],
  ])('%s → %s', (raw, day) => {
    expect(parseDay(raw)).toBe(day);
  });
});

describe('streamed reading', () => {
  /** The bytes in `size`-byte chunks, cutting through multi-byte characters and CR LF pairs. */
  const chunks = (text: string, size: number) => {
    const bytes = Buffer.from(text, 'utf8');
    return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
  };
  async function streamed(text: string, format: Parameters<typeof parseResultsCsv>[2], size: number) {
    const reader = new ResultRecordReader('f.csv', format!);
    const rows = [];
    for await (const row of streamResultRows(chunks(text, size), reader)) rows.push(row);
    return { rows, reader };
  }

  it('gives the rows, lines and counts of the whole-file reading, in chunks of any size', async () => {
    const generic = `\uFEFF${HEADER}\r\n2026-11-02,meta,"Zoë 👩🏽‍💻 gets paid,\r\non time",100,4,1,2.5,\r\n\r\n2026-11-03,instagram,Plain,50,2,0,,\r\n`;
    const cases: Array<[string, Parameters<typeof parseResultsCsv>[2]]> = [
      [generic, 'generic'],
      [fixture('google-ads.csv'), 'google-ads'],
      [fixture('meta.csv'), 'meta'],
      [fixture('linkedin.csv'), 'linkedin'],
    ];
    for (const [text, format] of cases) {
      const whole = parseResultsCsv(text, 'f.csv', format);
      for (const size of [1, 7, 64, 1 << 16]) {
        const { rows, reader } = await streamed(text, format, size);
        expect(rows).toEqual(whole.rows);
        expect([reader.summaryRows, reader.roundedConversions, reader.problems]).toEqual([whole.summaryRows, whole.roundedConversions, []]);
      }
    }
    expect(parseResultsCsv(generic, 'f.csv', 'generic').rows.map((r) => [r.line, r.text])).toEqual([
      [2, 'Zoë 👩🏽‍💻 gets paid,\r\non time'],
      [5, 'Plain'],
    ]);
  });

  it('collects the same problems, and refuses a file without its header or not CSV at all', async () => {
    const bad = `${HEADER}\n2026-11-02,meta,A,100,forty,1,,\n2026-11-02,friendster,B,100,4,1,,\n`;
    const { reader } = await streamed(bad, 'generic', 5);
    expect(reader.problems).toEqual(problemsOf(bad).map((p) => ({ ...p, file: 'f.csv' })));
    await expect(streamed('just,a,title\n', 'generic', 3)).rejects.toThrow('f.csv:1: date: missing column');
    await expect(streamed(`${HEADER}\n2026-11-02,meta,"unclosed,100,4,1,,\n`, 'generic', 4)).rejects.toThrow(/f\.csv:\d+: -: not readable as CSV/);
    await expect(streamed('', 'generic', 4)).rejects.toThrow('f.csv:1: -: the file is empty');
  });
});
