import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
    const text = [
      'version: 1',
      'personas:',
      '  - name: A',
      '    summary: B',
      '    jobs:',
      '      - kind: spiritual',
      '        statement: Find meaning',
    ].join('\n');
    expect(problemsOf(text)).toEqual(['p.yaml:6:15 personas[0].jobs[0].kind: kind must be one of: functional, emotional, social']);
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
      'p.yaml:10:44 personas[0].evidence[0].date: must be a date written YYYY-MM-DD',
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
    expect(problemsOf(text)).toEqual([
      'p.yaml:4:43 personas[1].jobs[0].kind: job "save time" is functional at personas[0].jobs[0]; a shared job has one kind',
    ]);
  });
});
