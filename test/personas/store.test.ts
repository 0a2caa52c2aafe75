// The store suite: the same tests on PGlite and on PostgreSQL (when TEST_DATABASE_URL is set).
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { jobs, personaChanges, personaJobs } from '../../src/db/schema.js';
import { exportPersonaFile, importPersonaFile, importPersonaText, serializePersonaFile } from '../../src/personas/import-export.js';
import { parsePersonaFile, PersonaFileError } from '../../src/personas/parse-file.js';
import type { PersonaFile } from '../../src/personas/file-format.js';
import { countPersonas, getPersonaByName, listPersonas } from '../../src/db/queries/personas.js';
import { deletePersonaByName } from '../../src/db/queries/persona-writes.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const clock = fixedClock('2026-11-02T10:00:00Z');
const fixture = readFileSync('test/fixtures/personas-small.yaml', 'utf8');
const examples = readFileSync('examples/personas.yaml', 'utf8');

function parsed(text: string): PersonaFile {
  const r = parsePersonaFile(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.file;
}

/** The file's personas in export order (by name), for comparing content. */
const byName = (file: PersonaFile) => [...file.personas].sort((a, b) => a.name.localeCompare(b.name));

describeEachDriver('persona store', ({ handle }) => {
  it('imports a file and reads every field back', async () => {
    const team = newTeamId();
    const summary = await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    expect(summary).toEqual({ created: ['Night Shift Nurse', 'Shift Planner'], updated: [], unchanged: [] });

    const nurse = await getPersonaByName(handle().db, { teamId: team, name: 'night shift NURSE' });
    expect(nurse).toMatchObject({
      name: 'Night Shift Nurse',
      product: 'Shiftwell',
      owner: 'U0TEST0001',
      reviewedAt: '2026-09-01',
      demographics: { age: '25-50', role: 'Registered nurse' },
      psychographics: { archetype: 'Caregiver', motivations: ['rest', 'health'] },
      channels: ['meta', 'sms'],
      quote: 'My body never knows what day it is.',
      successMetric: 'Seven hours of sleep after a night shift',
      constraints: ['Phone only, no laptop'],
      pains: [{ kind: 'obstacle', text: 'Daylight and noise at home', severity: 4 }],
      gains: [{ kind: 'desired', text: 'A routine that survives rota changes', relevance: 4 }],
      evidence: [{ source: 'interview', ref: '10 nurse interviews', date: '2026-08-20' }],
    });
    expect(nurse!.jobs.map((j) => [j.kind, j.statement, j.importance, j.when, j.outcome])).toEqual([
      ['functional', 'Sleep well after a night shift', 5, 'When I get home at 8am', 'so I can be alert next shift'],
      ['emotional', 'Feel rested on days off', 4, null, null],
    ]);
  });

  it('defaults reviewed_at to the import date', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, 'version: 1\npersonas:\n  - { name: Undated, summary: s }\n', 'f.yaml', clock);
    expect((await getPersonaByName(handle().db, { teamId: team, name: 'Undated' }))!.reviewedAt).toBe('2026-11-02');
  });

  it('round-trips: export, import elsewhere, export again gives the same file', async () => {
    const a = newTeamId();
    const b = newTeamId();
    await importPersonaText(handle().db, a, examples, 'examples.yaml', clock);
    const first = serializePersonaFile(await exportPersonaFile(handle().db, a), 'yaml');
    await importPersonaText(handle().db, b, first, 'export.yaml', clock);
    const second = serializePersonaFile(await exportPersonaFile(handle().db, b), 'yaml');
    expect(second).toBe(first);
    // And the export holds what the examples say, not only something stable.
    expect(byName(parsed(first))).toEqual(byName(parsed(examples)));
    const json = serializePersonaFile(await exportPersonaFile(handle().db, b), 'json');
    expect(byName(parsed(json))).toEqual(byName(parsed(examples)));
  });

  it('upserts by name: updates fields and replaces jobs, pains, gains and evidence', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    const before = await getPersonaByName(handle().db, { teamId: team, name: 'Night Shift Nurse' });
    const changed = [
      'version: 1',
      'personas:',
      '  - name: NIGHT SHIFT NURSE',
      '    summary: Rewritten summary.',
      '    reviewed_at: 2026-10-30',
      '    jobs:',
      '      - { kind: functional, statement: Sleep well after a night shift, importance: 3 }',
    ].join('\n');
    const summary = await importPersonaText(handle().db, team, changed, 'g.yaml', clock);
    expect(summary).toEqual({ created: [], updated: ['NIGHT SHIFT NURSE'], unchanged: [] });
    const after = await getPersonaByName(handle().db, { teamId: team, name: 'night shift nurse' });
    expect(after).toMatchObject({ id: before!.id, name: 'NIGHT SHIFT NURSE', summary: 'Rewritten summary.', owner: null, pains: [], gains: [], evidence: [] });
    expect(after!.jobs).toHaveLength(1);
    expect(after!.jobs[0]).toMatchObject({ id: before!.jobs[0]!.id, importance: 3 });
    expect(after!.createdAt).toEqual(before!.createdAt);
    expect(await countPersonas(handle().db, { teamId: team })).toBe(2);
  });

  it('shares a job between personas, each with its own importance', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    const nurse = await getPersonaByName(handle().db, { teamId: team, name: 'Night Shift Nurse' });
    const planner = await getPersonaByName(handle().db, { teamId: team, name: 'Shift Planner' });
    const nurseJob = nurse!.jobs.find((j) => j.statement === 'Feel rested on days off')!;
    const plannerJob = planner!.jobs.find((j) => j.statement === 'Feel rested on days off')!;
    expect(nurseJob.id).toBe(plannerJob.id);
    expect([nurseJob.importance, plannerJob.importance]).toEqual([4, 2]);
    const rows = await handle().db.select().from(jobs).where(eq(jobs.teamId, team));
    expect(rows).toHaveLength(3);
  });

  it('deletes a persona and the jobs nobody else hires', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    expect(await deletePersonaByName(handle().db, { teamId: team, name: 'night shift nurse' })).toBe(true);
    expect(await deletePersonaByName(handle().db, { teamId: team, name: 'night shift nurse' })).toBe(false);
    const left = await handle().db.select({ statement: jobs.statement }).from(jobs).where(eq(jobs.teamId, team));
    expect(left.map((r) => r.statement).sort()).toEqual(['Feel rested on days off', 'Publish a fair rota in one afternoon']);
  });

  it('an invalid file writes nothing', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    const before = serializePersonaFile(await exportPersonaFile(handle().db, team), 'yaml');
    const bad = fixture.replace('importance: 2', 'importance: 9').replace('name: Shift Planner', 'name: Brand New');
    const error = await importPersonaText(handle().db, team, bad, 'bad.yaml', clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonaFileError);
    expect((error as PersonaFileError).message).toMatch(/^bad\.yaml:\d+:\d+ personas\[1\]\.jobs\[0\]\.importance: /);
    expect(serializePersonaFile(await exportPersonaFile(handle().db, team), 'yaml')).toBe(before);
  });

  it('a failure half-way through an import rolls the whole file back', async () => {
    const team = newTeamId();
    const file = parsed(fixture);
    // Valid for the file format, refused by the database: the second persona's job breaks a check.
    const broken: PersonaFile = structuredClone(file);
    broken.personas[1]!.jobs[1]!.importance = 42;
    await expect(importPersonaFile(handle().db, team, broken, clock)).rejects.toThrow();
    expect(await listPersonas(handle().db, { teamId: team })).toEqual([]);
    expect(await handle().db.select().from(personaJobs).where(eq(personaJobs.teamId, team))).toEqual([]);
  });

  it('imports more personas than one statement batch holds, sharing jobs across batches', async () => {
    const team = newTeamId();
    const lines = ['version: 1', 'personas:'];
    for (let i = 0; i < 450; i++) {
      lines.push(`  - name: Persona ${i}`, `    summary: Number ${i}.`, '    jobs:');
      lines.push(`      - { kind: functional, statement: Shared job ${i % 7}, importance: ${1 + (i % 5)} }`);
      lines.push(`      - { kind: social, statement: Own job ${i} }`);
      lines.push(`    pains: [{ kind: risk, text: Pain ${i}, severity: 2 }]`);
    }
    const summary = await importPersonaText(handle().db, team, lines.join('\n'), 'many.yaml', clock);
    expect(summary.created).toHaveLength(450);
    const all = await listPersonas(handle().db, { teamId: team });
    expect(all).toHaveLength(450);
    const p449 = all.find((p) => p.name === 'Persona 449')!;
    const p0 = all.find((p) => p.name === 'Persona 0')!;
    expect(p449.jobs.map((j) => j.statement)).toEqual(['Shared job 1', 'Own job 449']);
    expect(p449.pains).toEqual([{ kind: 'risk', text: 'Pain 449', severity: 2 }]);
    // Persona 0 (first batch) and persona 210 (second batch) hire the same row.
    const p210 = all.find((p) => p.name === 'Persona 210')!;
    expect(p210.jobs[0]!.id).toBe(p0.jobs[0]!.id);
    expect(await handle().db.select().from(jobs).where(eq(jobs.teamId, team))).toHaveLength(457);
  });

  it('keeps workspaces apart', async () => {
    const mine = newTeamId();
    const theirs = newTeamId();
    await importPersonaText(handle().db, mine, fixture, 'f.yaml', clock);
    await importPersonaText(handle().db, theirs, 'version: 1\npersonas:\n  - { name: Night Shift Nurse, summary: Theirs. }\n', 'g.yaml', clock);

    expect((await listPersonas(handle().db, { teamId: theirs })).map((p) => p.summary)).toEqual(['Theirs.']);
    expect((await getPersonaByName(handle().db, { teamId: theirs, name: 'Night Shift Nurse' }))!.jobs).toEqual([]);
    expect((await getPersonaByName(handle().db, { teamId: mine, name: 'Night Shift Nurse' }))!.jobs).toHaveLength(2);
    expect(await getPersonaByName(handle().db, { teamId: theirs, name: 'Shift Planner' })).toBeNull();
    expect(await deletePersonaByName(handle().db, { teamId: theirs, name: 'Shift Planner' })).toBe(false);
    expect(await countPersonas(handle().db, { teamId: mine })).toBe(2);
    expect(await countPersonas(handle().db, { teamId: theirs })).toBe(1);
  });

  it('refuses a file that gives a stored job another kind, naming it, its kind and who hires it; nothing is written', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, examples, 'examples.yaml', clock);
    const newcomer = [
      'version: 1',
      'personas:',
      '  - name: Calendar Rebel',
      '    summary: Wants the week back.',
      '    jobs:',
      '      - { kind: social, statement: "feel in control of my week" }',
    ].join('\n');
    const err = await importPersonaText(handle().db, team, newcomer, 'new.yaml', clock).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PersonaFileError);
    expect((err as PersonaFileError).message).toBe(
      'new.yaml:6:17 personas[0].jobs[0].kind: job "Feel in control of my week" is emotional in the store, hired by Operations Director, Overbooked Team Lead; ' +
        'a job has one kind, so it cannot be social here. Write emotional, or list those personas in this file with the new kind.',
    );
    expect(await getPersonaByName(handle().db, { teamId: team, name: 'Calendar Rebel' })).toBeNull();
    const lead = await getPersonaByName(handle().db, { teamId: team, name: 'Overbooked Team Lead' });
    expect(lead!.jobs.find((j) => j.statement === 'Feel in control of my week')!.kind).toBe('emotional');
  });

  it('changes a job’s kind when the file rewrites every persona that hires it', async () => {
    const team = newTeamId();
    const both = (kind: string) =>
      [
        'version: 1',
        'personas:',
        ...['A', 'B'].flatMap((n) => [`  - name: ${n}`, '    summary: s', '    jobs:', `      - { kind: ${kind}, statement: Shared }`]),
      ].join('\n');
    await importPersonaText(handle().db, team, both('emotional'), 'a.yaml', clock);
    await importPersonaText(handle().db, team, both('social'), 'b.yaml', clock);
    expect((await getPersonaByName(handle().db, { teamId: team, name: 'B' }))!.jobs[0]!.kind).toBe('social');
  });

  it('re-importing an unchanged file changes nothing: every persona unchanged, no write, no history row', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, examples, 'examples.yaml', clock);
    const history = async () => (await handle().db.select().from(personaChanges).where(eq(personaChanges.teamId, team))).length;
    const updatedAt = async () => (await listPersonas(handle().db, { teamId: team })).map((p) => p.updatedAt.toISOString());
    const rowsBefore = await history();
    const stampsBefore = await updatedAt();
    // Another day, and the export of the store rather than the original file: still nothing to do.
    const later = fixedClock('2026-12-01T10:00:00Z');
    const again = await importPersonaText(handle().db, team, examples, 'examples.yaml', later);
    expect(again).toEqual({ created: [], updated: [], unchanged: expect.arrayContaining(['Overbooked Team Lead']) });
    expect(again.unchanged).toHaveLength(7);
    const exported = serializePersonaFile(await exportPersonaFile(handle().db, team), 'yaml');
    expect((await importPersonaText(handle().db, team, exported, 'export.yaml', later)).unchanged).toHaveLength(7);
    expect(await history()).toBe(rowsBefore);
    expect(await updatedAt()).toEqual(stampsBefore);
  });

  it('an updated persona records which fields changed, and keeps its confirmation date when the file has none', async () => {
    const team = newTeamId();
    await importPersonaText(handle().db, team, fixture, 'f.yaml', clock);
    const changed = 'version: 1\npersonas:\n  - { name: Shift Planner, summary: A new summary. }\n';
    const before = await getPersonaByName(handle().db, { teamId: team, name: 'Shift Planner' });
    const summary = await importPersonaText(handle().db, team, changed, 'g.yaml', fixedClock('2026-12-01T10:00:00Z'));
    expect(summary.updated).toEqual(['Shift Planner']);
    const after = await getPersonaByName(handle().db, { teamId: team, name: 'Shift Planner' });
    expect(after!.reviewedAt).toBe(before!.reviewedAt);
    const [last] = (await handle().db.select().from(personaChanges).where(eq(personaChanges.personaId, after!.id))).sort(
      (a, b) => b.at.getTime() - a.at.getTime(),
    );
    expect(last).toMatchObject({ action: 'import', changes: expect.arrayContaining([{ field: 'summary' }]) });
  });
});
