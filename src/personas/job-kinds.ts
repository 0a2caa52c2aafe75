// How a job-kind conflict (db/queries/job-kinds.ts finds them) is told to the person who
// caused it: in a persona file's import report, or next to the edit form's jobs field.
import type { JobKindConflict } from '../db/queries/job-kinds.js';

export { JobKindConflictError } from '../db/queries/job-kinds.js';
export type { JobKindConflict } from '../db/queries/job-kinds.js';

const names = (list: string[]) => (list.length <= 5 ? list.join(', ') : `${list.slice(0, 5).join(', ')} and ${list.length - 5} more`);

/** For a persona file: what is wrong, and the two ways out. */
export function describeConflictForFile(c: JobKindConflict): string {
  return (
    `job "${c.statement}" is ${c.storedKind} in the store, hired by ${names(c.hiredBy)}; a job has one kind, so it cannot be ${c.wantedKind} here. ` +
    `Write ${c.storedKind}, or list ${c.hiredBy.length === 1 ? 'that persona' : 'those personas'} in this file with the new kind.`
  );
}

/** For the edit form's jobs field. */
export function describeConflictForForm(c: JobKindConflict): string {
  return `"${c.statement}" is ${c.storedKind} for ${names(c.hiredBy)}: a job has one kind. Write it as ${c.storedKind}, or change it in ${c.hiredBy.length === 1 ? 'that persona' : 'those personas'} first.`;
}
