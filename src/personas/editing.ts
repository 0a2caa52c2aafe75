// Creating, editing, confirming and archiving personas from Slack, with the rules that go with
// it: names stay unique, only the owner or an admin may archive, every change is recorded.
import { isoDay } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import { identityKey } from '../domain/persona.js';
import type { Persona, PersonaDraft } from '../domain/persona.js';
import { getPersonaById, getPersonaByName, latestConfirmation } from '../db/queries/personas.js';
import { confirmPersona, NameTakenError, savePersonaEdit, setArchived } from '../db/queries/persona-writes.js';
import { describeConflictForForm, JobKindConflictError } from './job-kinds.js';
import { changedFields } from './persona-diff.js';
import type { WorkspaceIndexes } from '../search/workspace-indexes.js';
import type { Change } from '../db/queries/persona-writes.js';

/**
 * What an edit form says, read by whoever shows the form (the Slack layer's forms/): the draft,
 * whether to archive, what changed; or problems keyed by field (`name`, `jobs`, `archive` …).
 */
export type EditForm =
  | { ok: true; draft: PersonaDraft; archive: boolean; changes: Change[] }
  /** `name`: the name as typed, so a taken name is reported with the other problems at once. */
  | { ok: false; errors: Record<string, string>; name?: string };

/** Reads the form against the stored persona (null when creating) and today's date. */
export type FormReader = (existing: Persona | null, today: string) => EditForm;

/** Field keys of the problems this service reports itself. */
export const EDIT_FIELDS = { name: 'name', jobs: 'jobs', archive: 'archive' } as const;

export type ConfirmOutcome = 'confirmed' | 'gone' | 'not_allowed';

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
    return getPersonaById(this.db, { teamId, id });
  }

  canArchive(persona: Persona, userId: string): boolean {
    return persona.owner === userId || this.adminUserIds.includes(userId);
  }

  async save(teamId: string, userId: string, personaId: string | null, readForm: FormReader): Promise<SaveOutcome> {
    const existing = personaId ? await this.load(teamId, personaId) : null;
    if (personaId && !existing) return { ok: false, errors: { [EDIT_FIELDS.name]: 'This persona no longer exists; it may have been deleted.' } };
    const now = this.clock.now();
    const form = readForm(existing, isoDay(now));
    // A taken name is one more problem to list with the others, not one found after them.
    const name = form.ok ? form.draft.name : form.name;
    // From the in-memory index as it is (no waiting for a rebuild before Slack's 3 s are up);
    // without one, from the store. A name the index has not seen yet (just saved elsewhere, or
    // archived) is still caught by the store's unique key, as NameTakenError.
    const index = this.indexes.current(teamId);
    const taken = !name
      ? undefined
      : index
        ? index.personas.find((p) => identityKey(p.name) === identityKey(name))
        : ((await getPersonaByName(this.db, { teamId, name })) ?? undefined);
    const nameProblem = taken && taken.id !== personaId ? `Another persona is already called "${taken.name}". Pick another name, or edit that one.` : null;
    if (!form.ok) {
      if (!nameProblem) return { ok: false, errors: form.errors };
      const before = form.errors[EDIT_FIELDS.name];
      return { ok: false, errors: { ...form.errors, [EDIT_FIELDS.name]: before ? `${nameProblem} ${before}` : nameProblem } };
    }
    if (nameProblem) {
      const earlier = personaId ? null : await this.sameSaveEarlier(teamId, userId, taken!.id, form.draft);
      if (earlier) return earlier;
      return { ok: false, errors: { [EDIT_FIELDS.name]: nameProblem } };
    }
    const archiveChanged = existing !== null && form.archive !== existing.archived;
    if (archiveChanged && !this.canArchive(existing, userId)) {
      const owner = existing.owner ? `the owner (<@${existing.owner}>)` : 'the owner';
      return {
        ok: false,
        errors: {
          [EDIT_FIELDS.archive]: `Only ${owner} or an admin can ${form.archive ? 'archive' : 'restore'} this persona. Your other changes are still here: untick this to save them.`,
        },
      };
    }
    try {
      const id = await savePersonaEdit(this.db, { teamId, id: personaId, draft: form.draft, changes: form.changes, now, actor: userId });
      if (archiveChanged) await setArchived(this.db, { teamId, id, archived: form.archive, now, actor: userId });
      this.indexes.invalidate(teamId);
      return { ok: true, personaId: id, archived: form.archive };
    } catch (err) {
      if (err instanceof NameTakenError) {
        const clash = personaId ? null : await getPersonaByName(this.db, { teamId, name: form.draft.name });
        const earlier = clash ? await this.sameSaveEarlier(teamId, userId, clash.id, form.draft) : null;
        if (earlier) return earlier;
        return { ok: false, errors: { [EDIT_FIELDS.name]: `${err.message} Pick another name, or edit that one.` } };
      }
      if (err instanceof JobKindConflictError) return { ok: false, errors: { [EDIT_FIELDS.jobs]: err.conflicts.map(describeConflictForForm).join(' ') } };
      throw err;
    }
  }

  /**
   * A new persona whose name is taken by the very persona this person's same form already made:
   * the earlier submission was told "try again" because its save passed Slack's 3 s, but it
   * committed after all. Its retry is that save, not a clash: it is answered as saved, and
   * nothing is written twice. Anyone else's persona of that name, or other content, is a clash.
   */
  private async sameSaveEarlier(teamId: string, userId: string, id: string, draft: PersonaDraft): Promise<SaveOutcome | null> {
    const stored = await this.load(teamId, id);
    if (!stored || stored.archived || stored.updatedBy !== userId) return null;
    return changedFields(stored, draft).length === 0 ? { ok: true, personaId: stored.id, archived: false } : null;
  }

  /**
   * Confirming is the research lead's promise that the persona still holds: only its owner or
   * an admin may give it.
   */
  canConfirm(persona: Persona, userId: string): boolean {
    return persona.owner === userId || this.adminUserIds.includes(userId);
  }

  /** "Still accurate": sets the confirmation date to today and records who confirmed it, with their note. */
  async confirm(teamId: string, id: string, userId: string, note?: string | null): Promise<{ outcome: ConfirmOutcome; persona: Persona | null }> {
    const persona = await this.load(teamId, id);
    if (!persona || persona.archived) return { outcome: 'gone', persona };
    if (!this.canConfirm(persona, userId)) return { outcome: 'not_allowed', persona };
    const now = this.clock.now();
    const today = isoDay(now);
    const text = note?.trim() || null;
    // The same confirmation again (a resubmitted modal, a double click) records nothing more.
    if (persona.reviewedAt === today) {
      const last = await latestConfirmation(this.db, { teamId, personaId: id });
      if (last && last.by === userId && last.note === text) return { outcome: 'confirmed', persona };
    }
    const ok = await confirmPersona(this.db, { teamId, id, today, now, actor: userId, note: text });
    if (ok) this.indexes.invalidate(teamId);
    return { outcome: ok ? 'confirmed' : 'gone', persona };
  }

  /** Who confirmed the persona last, and their note. */
  lastConfirmation(teamId: string, id: string): Promise<{ by: string; at: Date; note: string | null } | null> {
    return latestConfirmation(this.db, { teamId, personaId: id });
  }
}
