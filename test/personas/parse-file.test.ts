import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileExamples } from '../../src/personas/file-format.js';
import { IMPORT_LIMITS } from '../../src/personas/import-limits.js';
import { formatProblem, parsePersonaFile } from '../../src/personas/parse-file.js';

const problemsOf = (text: string, file = 'p.yaml') => {
  const r = parsePersonaFile(text, file);
  if (r.ok) throw new Error('expected the file to be rejected');
  return r.problems.map(formatProblem);
};

describe('parsePersonaFile', () => {
  it('accepts the examples and the test fixture', () => {
    for (const path of ['examples/personas.yaml', 'test/fixtures/personas-small.yaml']) {
      const r = parsePersonaFile(readFileSync(path, 'utf8'), path);
      expect(r.ok, JSON.stringify(!r.ok && r.problems)).toBe(true);
    }
  });

  it('fills defaults: importance 3, empty lists, no reviewed_at', () => {
    const r = parsePersonaFile('version: 1\npersonas:\n  - name: A\n    summary: B\n    jobs:\n      - { kind: social, statement: Be liked }\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [p] = r.file.personas;
    expect(p!.jobs[0]!.importance).toBe(3);
    expect(p!.pains).toEqual([]);
    expect(p!.reviewed_at).toBeUndefined();
  });

  it('names the line, column and field of an unknown job kind', () => {
    const text = ['version: 1', 'personas:', '  - name: A', '    summary: B', '    jobs:', '      - kind: spiritual', '        statement: Find meaning'].join(
      '\n',
    );
    expect(problemsOf(text)).toEqual(['p.yaml:6:15 personas[0].jobs[0].kind: kind must be one of: functional, emotional, social']);
  });

  it('reads examples: an ad alone, or with its jobs (as the persona states them), channel and id', () => {
    const text = [
      'version: 1',
      'personas:',
      '  - name: A',
      '    summary: B',
      '    jobs: [{ kind: functional, statement: Close the books fast }]',
      '    examples:',
      '      - "Month-end in three days."',
      '      - { text: "Close the month before lunch.", jobs: [close the BOOKS fast], channel: linkedin, id: ad-7 }',
    ].join('\n');
    const r = parsePersonaFile(text);
    expect(r.ok, JSON.stringify(!r.ok && r.problems)).toBe(true);
    if (!r.ok) return;
    expect(fileExamples(r.file)).toEqual([
      { persona: 'A', text: 'Month-end in three days.', jobs: null, channel: null, id: null },
      { persona: 'A', text: 'Close the month before lunch.', jobs: ['Close the books fast'], channel: 'linkedin', id: 'ad-7' },
    ]);
  });

  it("names an example's unknown job, unknown field and an ad given to two personas, each at its position", () => {
    const text = [
      'version: 1',
      'personas:',
      '  - name: A',
      '    summary: B',
      '    jobs: [{ kind: functional, statement: Close the books fast }]',
      '    examples:',
      '      - { text: "Month-end in three days.", jobs: [Fly to the moon] }',
      '      - { text: "Hi", persona: A }',
      '  - name: C',
      '    summary: D',
      '    examples: ["Month-end in three days."]',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'p.yaml:7:52 personas[0].examples[0].jobs[0]: A has no job "Fly to the moon" (an example\'s jobs are statements listed under jobs)',
      'p.yaml:8:23 personas[0].examples[1].persona: unknown field "persona"',
      'p.yaml:11:16 personas[1].examples[0]: the same ad is already an example at personas[0].examples[0]',
    ]);
  });

  it('rejects importance 9 at its position', () => {
    const text = 'version: 1\npersonas:\n  - name: A\n    summary: B\n    jobs:\n      - { kind: functional, statement: S, importance: 9 }\n';
    expect(problemsOf(text)).toEqual(['p.yaml:6:55 personas[0].jobs[0].importance: importance must be from 1 to 5']);
  });

  it('reports a missing name at the persona that lacks it', () => {
    const text = 'version: 1\npersonas:\n  - summary: No name here\n';
    expect(problemsOf(text)).toEqual(['p.yaml:3:5 personas[0].name: is required']);
  });

  it('reports duplicate names in one file, regardless of case', () => {
    const text = 'version: 1\npersonas:\n  - name: Busy Pro\n    summary: x\n  - name: busy pro\n    summary: y\n';
    expect(problemsOf(text)).toEqual(['p.yaml:5:11 personas[1].name: duplicate name "busy pro": personas[0] has it too']);
  });

  it('reports YAML syntax errors with their line', () => {
    const text = 'version: 1\npersonas:\n  - name: "unterminated\n    summary: x\n';
    const problems = problemsOf(text);
    expect(problems).toEqual(['p.yaml:3:11 syntax error: the quote opened here is never closed (Missing closing "quote)']);
  });

  it('reports duplicate keys as syntax errors', () => {
    const problems = problemsOf('version: 1\nversion: 1\npersonas: []\n');
    expect(problems[0]).toMatch(/^p\.yaml:2:1 syntax error: .*unique/i);
  });

  it('lists every problem, in file order, including unknown fields', () => {
    const text = [
      'version: 1',
      'personas:',
      '  - name: A',
      '    summary: B',
      '    colour: blue',
      '    channels: [meta, fax]',
      '    pains:',
      '      - { kind: risk, text: Loss, severity: 0 }',
      '    evidence:',
      '      - { source: interview, ref: R, date: 2026-13-01 }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'p.yaml:5:5 personas[0].colour: unknown field "colour"',
      'p.yaml:6:22 personas[0].channels[1]: channel must be one of: google_search, meta, instagram, tiktok, linkedin, x, email, sms',
      'p.yaml:8:45 personas[0].pains[0].severity: severity must be from 1 to 5',
      'p.yaml:10:44 personas[0].evidence[0].date: "2026-13-01" is not a real date (months run 01–12, days to the end of the month)',
    ]);
  });

  it('reads JSON files with positions too', () => {
    const text = '{\n  "version": 1,\n  "personas": [\n    { "name": "A", "summary": "B", "owner": "bob" }\n  ]\n}\n';
    expect(problemsOf(text, 'p.json')).toEqual(['p.json:4:45 personas[0].owner: must be a Slack user id such as U012ABCDEF']);
  });

  it('rejects a wrong version, an empty file and the wrong shape', () => {
    expect(problemsOf('version: 2\npersonas: []\n')).toEqual(['p.yaml:1:10 version: version must be 1']);
    expect(problemsOf('')).toEqual(['p.yaml:1:1 the file is empty: expected "version: 1" and a "personas" list']);
    expect(problemsOf('version: 1\npersonas: { name: A }\n')).toEqual(['p.yaml:2:11 personas: expected a list, got a map of fields']);
  });

  it('rejects one statement given two kinds across personas', () => {
    const text = [
      'version: 1',
      'personas:',
      '  - { name: A, summary: a, jobs: [{ kind: functional, statement: Save time }] }',
      '  - { name: B, summary: b, jobs: [{ kind: emotional, statement: save time }] }',
    ].join('\n');
    expect(problemsOf(text)).toEqual(['p.yaml:4:43 personas[1].jobs[0].kind: job "save time" is functional at personas[0].jobs[0]; a shared job has one kind']);
  });
});

describe('import limits', () => {
  const base = { name: 'Limit Tester', summary: 'Checks the edges.' };
  const file = (persona: Record<string, unknown>) => JSON.stringify({ version: 1, personas: [{ ...base, ...persona }] });
  const text = (n: number) => 'x'.repeat(n);
  const items = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

  // field path in the file, its limit, and the persona that puts `n` characters (or items) there
  const cases: Array<[string, number, (n: number) => Record<string, unknown>, string]> = [
    ['personas[0].name', 100, (n) => ({ name: text(n) }), 'must be at most 100 characters'],
    ['personas[0].summary', 1000, (n) => ({ summary: text(n) }), 'must be at most 1000 characters'],
    ['personas[0].product', 100, (n) => ({ product: text(n) }), 'must be at most 100 characters'],
    ['personas[0].quote', 500, (n) => ({ quote: text(n) }), 'must be at most 500 characters'],
    ['personas[0].success_metric', 500, (n) => ({ success_metric: text(n) }), 'must be at most 500 characters'],
    ['personas[0].constraints[0]', 300, (n) => ({ constraints: [text(n)] }), 'must be at most 300 characters'],
    ['personas[0].constraints', 20, (n) => ({ constraints: items(n, (i) => `c${i}`) }), 'at most 20 constraints'],
    ['personas[0].demographics.role', 500, (n) => ({ demographics: { role: text(n) } }), 'must be at most 500 characters'],
    ['personas[0].demographics.role', 50, (n) => ({ demographics: { role: items(n, (i) => `v${i}`) } }), 'at most 50 values'],
    [
      'personas[0].psychographics',
      30,
      (n) => ({ psychographics: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])) }),
      'at most 30 attributes',
    ],
    ['personas[0].jobs[0].statement', 300, (n) => ({ jobs: [{ kind: 'social', statement: text(n) }] }), 'must be at most 300 characters'],
    ['personas[0].jobs[0].when', 300, (n) => ({ jobs: [{ kind: 'social', statement: 's', when: text(n) }] }), 'must be at most 300 characters'],
    ['personas[0].jobs[0].outcome', 300, (n) => ({ jobs: [{ kind: 'social', statement: 's', outcome: text(n) }] }), 'must be at most 300 characters'],
    ['personas[0].jobs', 60, (n) => ({ jobs: items(n, (i) => ({ kind: 'social', statement: `job ${i}` })) }), 'at most 60 jobs'],
    ['personas[0].pains[0].text', 300, (n) => ({ pains: [{ kind: 'risk', text: text(n) }] }), 'must be at most 300 characters'],
    ['personas[0].pains', 40, (n) => ({ pains: items(n, (i) => ({ kind: 'risk', text: `pain ${i}` })) }), 'at most 40 pains'],
    ['personas[0].gains[0].text', 300, (n) => ({ gains: [{ kind: 'desired', text: text(n) }] }), 'must be at most 300 characters'],
    ['personas[0].gains', 40, (n) => ({ gains: items(n, (i) => ({ kind: 'desired', text: `gain ${i}` })) }), 'at most 40 gains'],
    ['personas[0].evidence[0].ref', 500, (n) => ({ evidence: [{ source: 'survey', ref: text(n) }] }), 'must be at most 500 characters'],
    ['personas[0].evidence', 60, (n) => ({ evidence: items(n, (i) => ({ source: 'survey', ref: `ref ${i}` })) }), 'at most 60 pieces of evidence'],
  ];

  it.each(cases)('%s: %i is accepted, one more is refused with its place', (field, limit, persona, message) => {
    const ok = parsePersonaFile(file(persona(limit)), 'p.json');
    expect(ok.ok, JSON.stringify(!ok.ok && ok.problems)).toBe(true);
    const problems = problemsOf(file(persona(limit + 1)), 'p.json');
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^p\\.json:1:\\d+ ${field.replace(/[[\].]/g, '\\$&')}: ${message}$`))]);
  });

  it('an attribute name: 60 characters are accepted, 61 refused', () => {
    expect(parsePersonaFile(file({ demographics: { [text(60)]: 'v' } })).ok).toBe(true);
    expect(problemsOf(file({ demographics: { [text(61)]: 'v' } }), 'p.json')).toEqual([
      expect.stringMatching(/^p\.json:1:\d+ personas\[0\]\.demographics\.x+: the name must be at most 60 characters$/),
    ]);
  });

  it(`a file of ${IMPORT_LIMITS.fileBytes} bytes is read; one byte more is refused before it is parsed`, () => {
    const head = `version: 1\npersonas:\n  - { name: Big, summary: Padded. }\n# `;
    const exact = `${head}${'x'.repeat(IMPORT_LIMITS.fileBytes - Buffer.byteLength(head) - 1)}\n`;
    expect(Buffer.byteLength(exact)).toBe(IMPORT_LIMITS.fileBytes);
    expect(parsePersonaFile(exact).ok).toBe(true);
    const over = `${exact} `;
    expect(problemsOf(over, 'big.yaml')).toEqual([
      `big.yaml:1:1 the file is ${(IMPORT_LIMITS.fileBytes + 1).toLocaleString('en')} bytes; at most ${IMPORT_LIMITS.fileBytes.toLocaleString('en')} (11 MiB) are imported at once: split it into several files`,
    ]);
  });

  it(`${IMPORT_LIMITS.personas} personas in a file are read; one more is refused, pointing at it`, () => {
    const lines = (n: number) => ['version: 1', 'personas:', ...Array.from({ length: n }, (_, i) => `  - { name: P${i}, summary: s }`)].join('\n');
    const ok = parsePersonaFile(lines(IMPORT_LIMITS.personas));
    expect(ok.ok && ok.file.personas.length).toBe(IMPORT_LIMITS.personas);
    expect(problemsOf(lines(IMPORT_LIMITS.personas + 1), 'many.yaml')).toEqual([
      `many.yaml:${IMPORT_LIMITS.personas + 3}:5 personas[${IMPORT_LIMITS.personas}]: a file holds at most ${IMPORT_LIMITS.personas.toLocaleString('en')} personas; this one has ${(IMPORT_LIMITS.personas + 1).toLocaleString('en')}: split it into several files`,
    ]);
  });

  it('names a NUL character, in JSON and in YAML, wherever it is', () => {
    expect(problemsOf(file({ name: 'Nul\u0000Name' }), 'p.json')).toEqual([
      expect.stringMatching(/^p\.json:1:\d+ personas\[0\]\.name: contains a NUL character \(U\+0000\), which cannot be stored: remove it$/),
    ]);
    expect(problemsOf('version: 1\npersonas:\n  - name: Ok\n    summary: "before\\0after"\n')).toEqual([
      'p.yaml:4:14 personas[0].summary: contains a NUL character (U+0000), which cannot be stored: remove it',
    ]);
    expect(problemsOf(file({ demographics: { 'ro\u0000le': 'x' } }), 'p.json')).toEqual([expect.stringContaining('NUL character')]);
  });

  it('names a lone surrogate, in JSON and in YAML', () => {
    expect(problemsOf('{"version": 1, "personas": [{"name": "Broken \\ud800 name", "summary": "s"}]}', 'p.json')).toEqual([
      'p.json:1:38 personas[0].name: contains a lone surrogate (U+D800), half of a character that is not valid Unicode: the text is damaged, retype it',
    ]);
    expect(problemsOf('version: 1\npersonas:\n  - name: Ok\n    summary: s\n    quote: "\\uDC00 tail"\n')).toEqual([
      'p.yaml:5:12 personas[0].quote: contains a lone surrogate (U+DC00), half of a character that is not valid Unicode: the text is damaged, retype it',
    ]);
    // A pair is one character, and fine.
    expect(parsePersonaFile(file({ name: 'Emoji \ud83d\udc36 ok' })).ok).toBe(true);
  });
});
