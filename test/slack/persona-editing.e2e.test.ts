// Creating and editing personas in Slack, App Home and Still accurate, end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importPersonaText } from '../../src/personas/import-export.js';
import { getPersonaByName } from '../../src/db/queries/personas.js';
import { personaChanges } from '../../src/db/schema.js';
import { ACTION_IDS, CALLBACK_IDS, CONFIRM_FORM, FORM_INPUT_ACTION, PERSONA_FORM } from '../../src/slack/ids.js';
import { validateView } from '../../src/slack/render/limits.js';
import { fortyJobsYaml } from '../fixtures/personas-40-jobs.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'], env: { ADMIN_USER_IDS: 'U0ADMIN' } });
  await importPersonaText(app.handle.db, TEST_TEAM, fortyJobsYaml(), 'forty.yaml', app.clock);
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  expect(app.fake.violations()).toEqual([]);
});

const publishFor = (user: string) => (c: { method: string; body: Record<string, unknown> }) => c.method === 'views.publish' && c.body.user_id === user;

type Block = {
  block_id?: string;
  type: string;
  element?: { initial_value?: string; type?: string };
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
  text?: { text: string };
};
type View = { blocks: Block[]; private_metadata?: string; title?: { text: string } };

/** The state Slack would send for the view, with the user's typing applied. */
function stateFrom(view: View, typed: Record<string, string> = {}, selected: Record<string, unknown> = {}) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.block_id) continue;
    const el = b.element as Record<string, unknown>;
    if (el.type === 'plain_text_input')
      values[b.block_id] = { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: typed[b.block_id] ?? el.initial_value ?? null } };
    else if (el.type === 'users_select')
      values[b.block_id] = { [FORM_INPUT_ACTION]: { type: 'users_select', selected_user: selected[b.block_id] ?? el.initial_user ?? null } };
    else values[b.block_id] = { [FORM_INPUT_ACTION]: { type: el.type, selected_options: selected[b.block_id] ?? el.initial_options ?? [] } };
  }
  return values;
}

function submit(view: View, values: Record<string, unknown>, user = 'U0EDITOR', callbackId: string = CALLBACK_IDS.personaForm) {
  return app.interact({
    type: 'view_submission',
    user: { id: user, team_id: TEST_TEAM },
    trigger_id: 't',
    view: { id: 'V1', type: 'modal', callback_id: callbackId, private_metadata: view.private_metadata ?? '{}', state: { values }, hash: 'h' },
  });
}

/** A save answers with the modal turned into its confirmation. */
async function expectSaved(res: Response, title: string, says: string) {
  const body = JSON.parse(await res.text()) as { response_action: string; view: View };
  expect(body.response_action).toBe('update');
  expect(body.view.title?.text).toBe(title);
  expect(body.view.blocks[0]!.text!.text).toContain(says);
}

async function openEdit(name: string, user = 'U0EDITOR'): Promise<View> {
  const persona = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name }))!;
  const before = app.fake.callsTo('views.update').length;
  const res = await app.click({ actionId: ACTION_IDS.editPersona, value: persona.id, user });
  expect(res.res.status).toBe(200);
  const [, update] = [
    await app.fake.waitFor((c) => c.method === 'views.open'),
    (await app.fake.waitForCount((c) => c.method === 'views.update', before + 1)).at(-1)!,
  ];
  return update.body.view as View;
}

describe('create persona', () => {
  it('the global shortcut opens an empty form at once', async () => {
    app.fake.reset();
    const res = await app.interact({
      type: 'shortcut',
      callback_id: CALLBACK_IDS.createPersona,
      trigger_id: 'trig-1',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
    });
    expect(res.status).toBe(200);
    const open = await app.fake.waitFor((c) => c.method === 'views.open');
    expect(open.body.trigger_id).toBe('trig-1');
    const view = open.body.view as View;
    expect(view.title?.text).toBe('New persona');
    expect(view.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining([PERSONA_FORM.name, PERSONA_FORM.jobs, PERSONA_FORM.owner, PERSONA_FORM.channels]),
    );
    // Nothing but the modal was asked of Slack before it opened.
    expect(app.fake.calls[0]!.method).toBe('views.open');
  });

  it('an unknown job kind comes back next to the jobs field and nothing is saved', async () => {
    const open = app.fake.callsTo('views.open').at(-1)!;
    const view = open.body.view as View;
    const values = stateFrom(view, {
      [PERSONA_FORM.name]: 'Weekend Baker',
      [PERSONA_FORM.summary]: 'Bakes bread every Saturday.',
      [PERSONA_FORM.jobs]: 'functional | Bake a loaf that rises | 5\nspiritual | Find peace in kneading | 3',
      [PERSONA_FORM.pains]: 'obstacle | Dense crumb | 9',
    });
    const res = await submit(view, values);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: {
        [PERSONA_FORM.jobs]: 'line 2: kind must be one of: functional, emotional, social',
        [PERSONA_FORM.pains]: 'line 1: severity must be from 1 to 5',
      },
    });
    expect(await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Weekend Baker' })).toBeNull();
  });

  it('a valid form creates the persona, which search then finds', async () => {
    const view = app.fake.callsTo('views.open').at(-1)!.body.view as View;
    const values = stateFrom(
      view,
      {
        [PERSONA_FORM.name]: 'Weekend Baker',
        [PERSONA_FORM.summary]: 'Bakes bread every Saturday.',
        [PERSONA_FORM.demographics]: 'role: Hobby baker\nkitchens: home; community',
        [PERSONA_FORM.jobs]: 'functional | Bake a loaf that rises | 5 | When friends come over | so I can share it',
      },
      { [PERSONA_FORM.owner]: 'U0BAKER', [PERSONA_FORM.channels]: [{ value: 'instagram' }] },
    );
    const res = await submit(view, values);
    expect(res.status).toBe(200);
    await expectSaved(res, 'Persona created', 'is created.');
    const saved = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'weekend baker' }))!;
    expect(saved).toMatchObject({
      owner: 'U0BAKER',
      channels: ['instagram'],
      demographics: { role: 'Hobby baker', kitchens: ['home', 'community'] },
      updatedBy: 'U0EDITOR',
      reviewedAt: '2026-11-20',
    });
    expect(saved.jobs[0]).toMatchObject({ statement: 'Bake a loaf that rises', when: 'When friends come over', outcome: 'so I can share it' });
    const { responseUrl } = await app.command('weekend baker');
    const card = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(JSON.stringify(card.body)).toContain('Updated by <@U0EDITOR> on 2026-11-20');
  });

  it('refuses a name another persona has, next to the name', async () => {
    const view = app.fake.callsTo('views.open').at(-1)!.body.view as View;
    const res = await submit(view, stateFrom(view, { [PERSONA_FORM.name]: 'overbooked team lead', [PERSONA_FORM.summary]: 'x' }));
    expect(await res.json()).toMatchObject({ response_action: 'errors', errors: { [PERSONA_FORM.name]: expect.stringContaining('already called') } });
  });

  it('a taken name is reported together with every other problem, not after them', async () => {
    const view = app.fake.callsTo('views.open').at(-1)!.body.view as View;
    const res = await submit(
      view,
      stateFrom(view, {
        [PERSONA_FORM.name]: 'Overbooked Team Lead',
        [PERSONA_FORM.summary]: 'x',
        [PERSONA_FORM.jobs]: 'functinal | Plan the week | 4',
        [PERSONA_FORM.evidence]: 'interview | 5 leads | 2026-13-45',
      }),
    );
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[PERSONA_FORM.name]).toContain('Another persona is already called "Overbooked Team Lead"');
    expect(body.errors[PERSONA_FORM.jobs]).toContain('(did you mean functional?)');
    expect(body.errors[PERSONA_FORM.evidence]).toContain('"2026-13-45" is not a real date');
  });
});

describe('a shared job keeps its kind', () => {
  it('refuses, on the jobs field, a kind that would change the job for the personas that hire it, and saves nothing', async () => {
    const view = app.fake.callsTo('views.open').at(-1)!.body.view as View;
    const values = stateFrom(view, {
      [PERSONA_FORM.name]: 'Calendar Rebel',
      [PERSONA_FORM.summary]: 'Wants the week back.',
      [PERSONA_FORM.jobs]: 'social | Feel in control of my week | 3',
    });
    const res = await submit(view, values);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([PERSONA_FORM.jobs]);
    expect(body.errors[PERSONA_FORM.jobs]).toBe(
      '"Feel in control of my week" is emotional for Operations Director, Overbooked Team Lead: a job has one kind. Write it as emotional, or change it in those personas first.',
    );
    expect(await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Calendar Rebel' })).toBeNull();
    expect(
      (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Overbooked Team Lead' }))!.jobs.find(
        (j) => j.statement === 'Feel in control of my week',
      )!.kind,
    ).toBe('emotional');
  });
});

describe('edit persona', () => {
  it('opens a loading modal, then the stored persona; an edit is saved with its history', async () => {
    const view = await openEdit('Freelance Designer');
    const jobs = view.blocks.find((b) => b.block_id === PERSONA_FORM.jobs)!.element!.initial_value!;
    expect(jobs).toContain("functional | Get paid on time without chasing clients | 4 | When a project is delivered | so I can plan next month's income");
    const res = await submit(view, stateFrom(view, { [PERSONA_FORM.summary]: 'Independent designer with five clients.' }));
    await expectSaved(res, 'Persona saved', '*Freelance Designer* is saved.');
    const after = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Freelance Designer' }))!;
    expect(after.summary).toBe('Independent designer with five clients.');
    expect(after.jobs).toHaveLength(4);
    const history = await app.handle.db.select().from(personaChanges);
    const edit = history.find((h) => h.personaId === after.id && h.action === 'update')!;
    expect(edit).toMatchObject({ actor: 'U0EDITOR' });
    expect(edit.changes.map((c) => c.field)).toEqual(['summary']);
  });

  it('refuses politely to archive for someone who is neither owner nor admin, keeping the rest', async () => {
    const view = await openEdit('Cargo Bike Parent', 'U0STRANGER');
    const values = stateFrom(view, { [PERSONA_FORM.summary]: 'Changed by a stranger.' }, { [PERSONA_FORM.archive]: [{ value: 'archive' }] });
    const res = await submit(view, values, 'U0STRANGER');
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([PERSONA_FORM.archive]);
    expect(body.errors[PERSONA_FORM.archive]).toContain('Only the owner (<@U07EXAMPLE3>) or an admin can archive');
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Cargo Bike Parent' }))!).toMatchObject({
      archived: false,
      summary: expect.not.stringContaining('stranger'),
    });
  });

  it('lets an admin archive, and archived personas leave search', async () => {
    const view = await openEdit('Side-Hustle Landlord', 'U0ADMIN');
    const res = await submit(view, stateFrom(view, {}, { [PERSONA_FORM.archive]: [{ value: 'archive' }] }), 'U0ADMIN');
    await expectSaved(res, 'Persona saved', 'is archived.');
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Side-Hustle Landlord' }))!.archived).toBe(true);
    const { responseUrl } = await app.command('side-hustle landlord');
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(JSON.stringify(answer.body)).not.toContain('"Side-Hustle Landlord"');
  });

  it('a persona with 40 long jobs fits the modal, split over several inputs, and saves back unchanged', async () => {
    const view = await openEdit('Job Collector');
    expect(validateView(view as never)).toEqual([]);
    const jobBlocks = view.blocks.filter((b) => b.block_id?.startsWith(PERSONA_FORM.jobs));
    expect(jobBlocks.length).toBeGreaterThan(1);
    const before = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Job Collector' }))!;
    const res = await submit(view, stateFrom(view));
    await expectSaved(res, 'Persona saved', '*Job Collector* is saved.');
    const after = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Job Collector' }))!;
    expect(after.jobs.map((j) => [j.statement, j.importance])).toEqual(before.jobs.map((j) => [j.statement, j.importance]));
  });
});

describe('App Home and Still accurate', () => {
  it("publishes the catalog grouped by product, the viewer's stale personas first", async () => {
    app.fake.reset();
    await app.event({ type: 'app_home_opened', user: 'U07EXAMPLE1', channel: 'D1', tab: 'home' });
    const publish = await app.fake.waitFor(publishFor('U07EXAMPLE1'));
    expect(publish.body.user_id).toBe('U07EXAMPLE1');
    const view = publish.body.view as View;
    expect(validateView(view as never)).toEqual([]);
    const headers = view.blocks.filter((b) => b.type === 'header').map((b) => b.text!.text);
    expect(headers.slice(0, 3)).toEqual(['Personas', 'Stale, and yours to check', 'Greenhop']);
    const sections = view.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    // Operations Director (U07EXAMPLE1's, confirmed 2026-03-01) is stale: it comes first.
    expect(sections[0]).toMatch(/^\*Operations Director\* · confirmed 264 days ago · :warning: \*Stale\*/);
    expect(JSON.stringify(view)).toContain('Still accurate');
  });

  it('Still accurate by the owner opens a modal; confirming with a note sets the date, shows the note on the card and updates the App Home', async () => {
    const persona = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Operations Director' }))!;
    app.fake.reset();
    await app.click({ actionId: ACTION_IDS.confirmPersona, value: persona.id, user: 'U07EXAMPLE1' });
    const modal = (await app.fake.waitFor((c) => c.method === 'views.open')).body.view as View & { callback_id: string };
    expect(modal.callback_id).toBe(CALLBACK_IDS.confirmPersonaForm);
    expect(validateView(modal as never)).toEqual([]);
    // Nothing is confirmed by the click alone.
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Operations Director' }))!.reviewedAt).toBe('2026-03-01');
    const res = await submit(
      modal,
      { [CONFIRM_FORM.note]: { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: 'Re-checked against the Q4 interviews' } } },
      'U07EXAMPLE1',
      CALLBACK_IDS.confirmPersonaForm,
    );
    await expectSaved(res, 'Confirmed', '*Operations Director* is confirmed as of today.');
    const publish = await app.fake.waitFor(publishFor('U07EXAMPLE1'));
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Operations Director' }))!.reviewedAt).toBe('2026-11-20');
    const sections = (publish.body.view as View).blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections.find((t) => t.startsWith('*Operations Director*'))).toMatch(/confirmed today/);
    const history = await app.handle.db.select().from(personaChanges);
    expect(history.find((h) => h.personaId === persona.id && h.action === 'confirm')).toMatchObject({
      actor: 'U07EXAMPLE1',
      changes: [
        { field: 'reviewed_at', from: '2026-03-01', to: '2026-11-20' },
        { field: 'note', to: 'Re-checked against the Q4 interviews' },
      ],
    });
    const { responseUrl } = await app.command('operations director');
    const card = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(JSON.stringify(card.body)).toContain('Last confirmed by <@U07EXAMPLE1>: “Re-checked against the Q4 interviews”');
  });

  it('Still accurate by someone else confirms nothing and offers Ask the owner, which messages the owner once', async () => {
    const persona = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Cargo Bike Parent' }))!;
    app.fake.reset();
    const { responseUrl } = await app.click({ actionId: ACTION_IDS.confirmPersona, value: persona.id, user: 'U0STRANGER' });
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body)).toContain(`Only <@${persona.owner}>, who owns *Cargo Bike Parent*, or an admin can confirm it`);
    expect(app.fake.callsTo('views.open')).toHaveLength(0);
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Cargo Bike Parent' }))!.reviewedAt).toBe(persona.reviewedAt);
    const ask = (answer.body.blocks as Block[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.askOwner)!;
    expect(ask.text?.text).toBe('Ask the owner');

    const first = await app.click({ actionId: ask.action_id!, value: ask.value!, user: 'U0STRANGER' });
    const asked = await app.fake.waitFor((c) => c.path === new URL(first.responseUrl).pathname);
    expect(JSON.stringify(asked.body)).toContain(`Asked <@${persona.owner}> to confirm *Cargo Bike Parent*`);
    const dm = await app.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(dm.body.channel).toBe(persona.owner);
    expect(JSON.stringify(dm.body)).toContain('<@U0STRANGER> asks whether *Cargo Bike Parent* is still accurate');
    expect(JSON.stringify(dm.body)).toContain(ACTION_IDS.confirmPersona);

    const again = await app.click({ actionId: ask.action_id!, value: ask.value!, user: 'U0STRANGER' });
    const second = await app.fake.waitFor((c) => c.path === new URL(again.responseUrl).pathname);
    expect(JSON.stringify(second.body)).toContain('was already asked');
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('an admin may confirm a persona they do not own', async () => {
    const persona = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'First-Time Renter' }))!;
    app.fake.reset();
    await app.click({ actionId: ACTION_IDS.confirmPersona, value: persona.id, user: 'U0ADMIN' });
    const modal = (await app.fake.waitFor((c) => c.method === 'views.open')).body.view as View;
    const res = await submit(modal, {}, 'U0ADMIN', CALLBACK_IDS.confirmPersonaForm);
    await expectSaved(res, 'Confirmed', '*First-Time Renter* is confirmed as of today.');
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'First-Time Renter' }))!.reviewedAt).toBe('2026-11-20');
  });

  it('the search box filters the catalog', async () => {
    app.fake.reset();
    await app.interact({
      type: 'block_actions',
      user: { id: 'U0ASKER', team_id: TEST_TEAM },
      trigger_id: 't',
      view: { id: 'VH', type: 'home' },
      actions: [{ type: 'plain_text_input', action_id: ACTION_IDS.homeSearch, block_id: ACTION_IDS.homeSearch, value: 'renter', action_ts: '1' }],
    });
    const publish = await app.fake.waitFor(publishFor('U0ASKER'));
    const sections = (publish.body.view as View).blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections[0]).toMatch(/^\*First-Time Renter\*/);
  });

  it('a home with 1,000 personas stays within 100 blocks and pages', async () => {
    const lines = ['version: 1', 'personas:'];
    for (let i = 0; i < 1000; i++)
      lines.push(`  - { name: Bulk ${i}, summary: "Bulk persona ${i} <&>", product: P${i % 7}, owner: U0BULK, reviewed_at: 2025-01-01 }`);
    await importPersonaText(app.handle.db, 'TBULK', lines.join('\n'), 'bulk.yaml', app.clock);
    app.fake.reset();
    await app.event({ type: 'app_home_opened', user: 'U0BULK', channel: 'D1', tab: 'home' }, { team: 'TBULK' });
    const view = (await app.fake.waitFor(publishFor('U0BULK'))).body.view as View;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain('Next (page 2 of');
  });
});

describe('edit from a card', () => {
  it('saving updates the card Edit was clicked on, in place', async () => {
    const { responseUrl: asked } = await app.command('freelance designer');
    const card = await app.fake.waitFor((c) => c.path === new URL(asked).pathname);
    const edit = (card.body.blocks as Block[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.editPersona)!;
    const before = app.fake.callsTo('views.update').length;
    const { responseUrl } = await app.click({ actionId: edit.action_id!, value: edit.value! });
    const view = (await app.fake.waitForCount((c) => c.method === 'views.update', before + 1)).at(-1)!.body.view as View;
    const res = await submit(view, stateFrom(view, { [PERSONA_FORM.summary]: 'Designer with a waiting list of clients.' }));
    await expectSaved(res, 'Persona saved', 'The card you edited is updated to show the change.');
    const replaced = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(replaced.body.replace_original).toBe(true);
    expect(JSON.stringify(replaced.body)).toContain('Designer with a waiting list of clients.');
  });
});
