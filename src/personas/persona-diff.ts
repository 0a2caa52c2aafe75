// What an import would change in a stored persona, field by field, compared in the file
// format's own terms, so that a re-import of an unchanged file changes nothing.
import { personaToEntry } from './file-format.js';
import type { Persona, PersonaDraft } from '../domain/persona.js';
import type { Change } from '../db/queries/persona-writes.js';

/** JSON with object keys sorted: jsonb hands attributes back in its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The fields that differ (named as in the file); empty when the persona would stay as it is. */
export function changedFields(before: Persona, after: PersonaDraft): Change[] {
  const a = personaToEntry(before) as Record<string, unknown>;
  const b = personaToEntry(after) as Record<string, unknown>;
  const changes: Change[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (canonical(a[field]) !== canonical(b[field])) changes.push({ field });
  }
  // An import brings an archived persona back.
  if (before.archived) changes.push({ field: 'archived', from: 'yes', to: 'no' });
  return changes;
}
