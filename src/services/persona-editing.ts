// Creating, editing, confirming and archiving personas from Slack, with the rules that go with
// it: names stay unique, only the owner or an admin may archive, every change is recorded.
import { isoDay } from '../clock.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { describeConflictForForm, JobKindConflictError } from '../personas/job-kinds.js';
import type { Persona } from '../personas/model.js';
import { getPersonaById } from '../personas/queries.js';
import { confirmPersona, NameTakenError, savePersonaEdit, setArchived } from '../personas/writes.js';
import type { WorkspaceIndexes } from '../search/workspace-indexes.js';
import { PERSONA_FORM } from '../slack/ids.js';
import { readPersonaForm } from '../slack/views/persona-form.js';
import type { ViewState } from '../slack/views/persona-form.js';

export type SaveOutcome = { ok: true; personaId: string; archived: boolean } | { ok: false; errors: Record<string, string> };

export class PersonaEditing {
  constructor(
    private readonly db: Db,
    private readonly indexes: WorkspaceIndexes,
    private readonly clock: Clock,
    private readonly adminUserIds: readonly string[],
  ) {}

  /** The stored persona, fresh from the database (an edit must start from what is there now). */
  load(teamId: string, id: string): Promise<Persona | null> {
    return getPersonaById(this.db, teamId, id);
  }

  canArchive(persona: Persona, userId: string): boolean {
    return persona.owner === userId || this.adminUserIds.includes(userId);
  }

  async save(teamId: string, userId: string, personaId: string | null, state: ViewState): Promise<SaveOutcome> {
    const existing = personaId ? await this.load(teamId, personaId) : null;
    if (personaId && !existing) return { ok: false, errors: { [PERSONA_FORM.name]: 'This persona no longer exists; it may have been deleted.' } };
    const now = this.clock.now();
    const form = readPersonaForm(state, existing, isoDay(now));
    if (!form.ok) return form;
    const archiveChanged = existing !== null && form.archive !== existing.archived;
    if (archiveChanged && !this.canArchive(existing, userId)) {
      const owner = existing.owner ? `the owner (<@${existing.owner}>)` : 'the owner';
      return {
        ok: false,
        errors: { [PERSONA_FORM.archive]: `Only ${owner} or an admin can ${form.archive ? 'archive' : 'restore'} this persona. Your other changes are still here: untick this to save them.` },
      };
    }
    try {
      const id = await savePersonaEdit(this.db, teamId, personaId, form.draft, form.changes, now, userId);
      if (archiveChanged) await setArchived(this.db, teamId, id, form.archive, now, userId);
      this.indexes.invalidate(teamId);
      return { ok: true, personaId: id, archived: form.archive };
    } catch (err) {
      if (err instanceof NameTakenError) return { ok: false, errors: { [PERSONA_FORM.name]: `${err.message} Pick another name, or edit that one.` } };
      if (err instanceof JobKindConflictError) return { ok: false, errors: { [PERSONA_FORM.jobs]: err.conflicts.map(describeConflictForForm).join(' ') } };
      throw err;
    }
  }

  /** "Still accurate": sets the confirmation date to today and records who confirmed it. */
  async confirm(teamId: string, id: string, userId: string): Promise<boolean> {
    const now = this.clock.now();
    const ok = await confirmPersona(this.db, teamId, id, isoDay(now), now, userId);
    if (ok) this.indexes.invalidate(teamId);
    return ok;
  }
}
