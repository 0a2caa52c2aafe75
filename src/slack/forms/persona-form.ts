// Reads the persona modal's state back into a persona draft, validated by the same zod schema
// as persona files. Problems come back per input block, with the line they are on, for
// Slack's `response_action: errors` (which keeps everything the user typed).
import { z } from 'zod';
import { entryToDraft, personaSchema, personaToEntry } from '../../personas/file-format.js';
import type { PersonaFileEntry } from '../../personas/file-format.js';
import type { Persona, PersonaDraft } from '../../domain/persona.js';
import { parseAttributeLines, parseEvidenceLines, parseGainLines, parseJobLines, parsePainLines } from '../../personas/short-form.js';
import type { LineError } from '../../personas/short-form.js';
import type { Change } from '../../db/queries/persona-writes.js';
import type { EditForm } from '../../personas/editing.js';
import { FORM_INPUT_ACTION, PERSONA_FORM } from '../ids.js';

const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

/** `view.state.values` as Slack sends it: block id → action id → element state. */
export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementState));
export type ViewState = z.output<typeof viewStateSchema>;

/** The form read back: a persona draft, or problems keyed by block id (the same as the service's field keys). */
export type FormResult = EditForm;

const field = (state: ViewState, block: string) => state[block]?.[FORM_INPUT_ACTION];
const textOf = (state: ViewState, block: string) => field(state, block)?.value?.trim() || undefined;

/** A list input may span several blocks (`jobs`, `jobs:2` …): joined in order. */
function joinedText(state: ViewState, base: string): string {
  const parts: string[] = [];
  for (let i = 1; ; i++) {
    const block = i === 1 ? base : `${base}:${i}`;
    if (!(block in state)) break;
    parts.push(field(state, block)?.value ?? '');
  }
  return parts.join('\n');
}

export function readPersonaForm(state: ViewState, existing: Persona | null, today: string): FormResult {
  const errors = new Map<string, string[]>();
  const add = (block: string, message: string) => errors.set(block, [...(errors.get(block) ?? []), message]);
  const addLines = (block: string, list: LineError[]) => list.forEach((e) => add(block, `line ${e.line}: ${e.message}`));

  const jobs = parseJobLines(joinedText(state, PERSONA_FORM.jobs));
  const pains = parsePainLines(joinedText(state, PERSONA_FORM.pains));
  const gains = parseGainLines(joinedText(state, PERSONA_FORM.gains));
  const evidence = parseEvidenceLines(joinedText(state, PERSONA_FORM.evidence));
  const attrs = {
    demographics: parseAttributeLines(textOf(state, PERSONA_FORM.demographics)),
    psychographics: parseAttributeLines(textOf(state, PERSONA_FORM.psychographics)),
    sociographics: parseAttributeLines(textOf(state, PERSONA_FORM.sociographics)),
  };
  addLines(PERSONA_FORM.jobs, jobs.errors);
  addLines(PERSONA_FORM.pains, pains.errors);
  addLines(PERSONA_FORM.gains, gains.errors);
  addLines(PERSONA_FORM.evidence, evidence.errors);
  for (const key of ['demographics', 'psychographics', 'sociographics'] as const) addLines(PERSONA_FORM[key], attrs[key].errors);

  const strip = <T extends { line: number }>(items: T[]) => items.map(({ line: _line, ...rest }) => rest);
  const entry = {
    name: textOf(state, PERSONA_FORM.name) ?? '',
    summary: textOf(state, PERSONA_FORM.summary) ?? '',
    ...(textOf(state, PERSONA_FORM.product) ? { product: textOf(state, PERSONA_FORM.product) } : {}),
    ...(field(state, PERSONA_FORM.owner)?.selected_user ? { owner: field(state, PERSONA_FORM.owner)!.selected_user } : {}),
    ...(textOf(state, PERSONA_FORM.quote) ? { quote: textOf(state, PERSONA_FORM.quote) } : {}),
    ...(textOf(state, PERSONA_FORM.successMetric) ? { success_metric: textOf(state, PERSONA_FORM.successMetric) } : {}),
    reviewed_at: existing?.reviewedAt ?? today,
    constraints: (textOf(state, PERSONA_FORM.constraints) ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    demographics: attrs.demographics.value,
    psychographics: attrs.psychographics.value,
    sociographics: attrs.sociographics.value,
    channels: (field(state, PERSONA_FORM.channels)?.selected_options ?? []).map((o) => o.value),
    jobs: strip(jobs.items),
    pains: strip(pains.items),
    gains: strip(gains.items),
    evidence: strip(evidence.items),
  };
  const lineOf: Record<string, Array<{ line: number }>> = { jobs: jobs.items, pains: pains.items, gains: gains.items, evidence: evidence.items };

  const parsed = personaSchema.safeParse(entry, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index] = issue.path as Array<string | number>;
      const block = blockFor(String(top));
      if (typeof index === 'number' && lineOf[String(top)]) {
        // Kinds and scales name themselves in their message ("importance must be …").
        const part = issue.message.startsWith(String(issue.path[2])) ? '' : partName(String(top), issue.path[2]);
        add(block, `line ${lineOf[String(top)]![index]!.line}${part ? `, ${part}` : ''}: ${issue.message}`);
      } else if (typeof index === 'string' && String(top) in attrs) {
        const line = attrs[String(top) as keyof typeof attrs].keyLines[index];
        add(block, `${line ? `line ${line}: ` : ''}${index}: ${issue.message}`);
      } else if (top === 'constraints' && typeof index === 'number') add(block, `line ${index + 1}: ${issue.message}`);
      else add(block, issue.code === 'too_small' && issue.input === '' ? 'Please fill this in.' : issue.message);
    }
  }
  if (errors.size > 0 || !parsed.success) {
    // Slack shows one message per block: join a block's problems, and keep it short.
    return {
      ok: false,
      errors: Object.fromEntries([...errors].map(([block, messages]) => [block, messages.join('; ').slice(0, 1900)])),
      ...(entry.name ? { name: entry.name } : {}),
    };
  }
  const archive = (field(state, PERSONA_FORM.archive)?.selected_options ?? []).some((o) => o.value === 'archive');
  const draft = entryToDraft(parsed.data, today);
  return { ok: true, draft, archive, changes: describeChanges(existing, parsed.data) };
}

/** The parts of each short-form line, in order, to say which one a problem is in. */
const LINE_PARTS: Record<string, string[]> = {
  jobs: ['kind', 'statement', 'importance', 'when', 'outcome'],
  pains: ['kind', 'text', 'severity'],
  gains: ['kind', 'text', 'relevance'],
  evidence: ['source', 'ref', 'date'],
};
const ORDINAL = ['1st', '2nd', '3rd', '4th', '5th'];
const PART_LABEL: Record<string, string> = { ref: 'reference' };

/** "statement (2nd part)" for a problem in one part of a line; '' for the line as a whole. */
function partName(list: string, key: PropertyKey | undefined): string {
  if (typeof key !== 'string') return '';
  const at = LINE_PARTS[list]?.indexOf(key) ?? -1;
  return at < 0 ? '' : `${PART_LABEL[key] ?? key} (${ORDINAL[at]} part)`;
}

function blockFor(top: string): string {
  const map: Record<string, string> = { success_metric: PERSONA_FORM.successMetric, reviewed_at: PERSONA_FORM.name };
  return map[top] ?? (Object.values(PERSONA_FORM) as string[]).find((b) => b === top) ?? PERSONA_FORM.name;
}

const show = (v: unknown): string => {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
};

/** Field by field, what an edit changed, for the persona's history. */
export function describeChanges(existing: Persona | null, next: PersonaFileEntry): Change[] {
  if (!existing) return [{ field: 'created', to: next.name }];
  const before = personaToEntry(existing) as Record<string, unknown>;
  const after = personaToEntry(entryToDraft(next, existing.reviewedAt)) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: Change[] = [];
  for (const key of keys) {
    const a = JSON.stringify(before[key] ?? null);
    const b = JSON.stringify(after[key] ?? null);
    if (a !== b) changes.push({ field: key, from: show(before[key]), to: show(after[key]) });
  }
  return changes;
}
