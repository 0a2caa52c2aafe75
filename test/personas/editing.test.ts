// Saving a persona from a form (the Slack modal's service), on PGlite and on PostgreSQL.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { personaChanges } from '../../src/db/schema.js';
import { countPersonas } from '../../src/db/queries/personas.js';
import { entryToDraft } from '../../src/personas/file-format.js';
import { PersonaEditing } from '../../src/personas/editing.js';
import type { FormReader } from '../../src/personas/editing.js';
import { parsePersonaFile } from '../../src/personas/parse-file.js';
import { WorkspaceIndexes } from '../../src/search/workspace-indexes.js';
import { silentLogger } from '../../src/logger.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const clock = fixedClock('2026-11-02T10:00:00Z');

/** A new persona's form, read as the modal reads it. */
function formFor(summary: string): FormReader {
  const parsed = parsePersonaFile(`version: 1
personas:
  - name: Late-Saved Team Lead
    summary: ${summary}
    owner: U0EDITOR
    jobs:
      - statement: Protect two focus hours a day
        kind: functional
        importance: 5
`);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return (_existing, today) => ({ ok: true, draft: entryToDraft(parsed.file.personas[0]!, today), archive: false, changes: [] });
}

describeEachDriver('saving a persona form', ({ handle }) => {
  // Slack gives a view submission 3 s. A save that passes them is answered "try again", and may
  // still commit: the retry then finds the persona its own first press made.
  it('a new persona saved again by the same person with the same form is that save, not a taken name, and is written once', async () => {
    const team = newTeamId();
    const editing = new PersonaEditing(handle().db, new WorkspaceIndexes(handle().db, silentLogger()), clock, []);
    const form = formFor('Leads a team of eight.');
    const first = await editing.save(team, 'U0EDITOR', null, form);
    expect(first.ok).toBe(true);
    const retry = await editing.save(team, 'U0EDITOR', null, form);
    expect(retry).toEqual(first);
    expect(await countPersonas(handle().db, { teamId: team })).toBe(1);
    const history = await handle().db.select().from(personaChanges).where(eq(personaChanges.teamId, team));
    expect(history.map((h) => h.action)).toEqual(['create']);
  });

  it('the same name from someone else, or with other content, is still refused as taken', async () => {
    const team = newTeamId();
    const editing = new PersonaEditing(handle().db, new WorkspaceIndexes(handle().db, silentLogger()), clock, []);
    expect((await editing.save(team, 'U0EDITOR', null, formFor('Leads a team of eight.'))).ok).toBe(true);
    const someoneElse = await editing.save(team, 'U0SOMEONE', null, formFor('Leads a team of eight.'));
    expect(someoneElse).toEqual({ ok: false, errors: { name: expect.stringContaining('already called "Late-Saved Team Lead"') } });
    const otherContent = await editing.save(team, 'U0EDITOR', null, formFor('Leads a team of twelve.'));
    expect(otherContent).toEqual({ ok: false, errors: { name: expect.stringContaining('already called') } });
    expect(await countPersonas(handle().db, { teamId: team })).toBe(1);
  });
});
