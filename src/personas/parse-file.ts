// Reads a persona file (YAML or JSON: JSON is read by the YAML parser, which keeps
// source positions) and reports every problem as `file:line:column field: message`.
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import { personaFileSchema } from './file-format.js';
import type { PersonaFile } from './file-format.js';
import { fileTooLargeMessage, IMPORT_LIMITS, tooManyPersonasMessage } from './import-limits.js';
import type { ImportLimits } from './import-limits.js';

export interface FileProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, such as `personas[2].jobs[0].importance`; empty for syntax errors. */
  field: string;
  message: string;
}

export function formatProblem(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export class PersonaFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PersonaFileError';
  }
}

export type ParseResult = { ok: true; file: PersonaFile } | { ok: false; problems: FileProblem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses and validates persona file text. `file` is only used in the problem reports. */
export function parsePersonaFile(text: string, file = '<input>', limits: ImportLimits = IMPORT_LIMITS): ParseResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.fileBytes) return { ok: false, problems: [{ file, line: 1, column: 1, field: '', message: fileTooLargeMessage(bytes, limits) }] };
  return readQuickly(text, limits) ?? readWithPositions(text, file, limits);
}

/**
 * A valid file needs no positions: js-yaml builds the values straight from the text, where the
 * `yaml` library first builds the syntax tree that problem reports point into (for a 10 MB
 * file about a second instead of 20, and tens of MB instead of about 500). Anything this
 * path does not accept, the careful path reads again and explains.
 */
function readQuickly(text: string, limits: ImportLimits): ParseResult | null {
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA, maxAliases: 100 });
  } catch {
    return null;
  }
  const personas = (data as { personas?: unknown } | null)?.personas;
  if (Array.isArray(personas) && personas.length > limits.personas) return null;
  const result = personaFileSchema.safeParse(data);
  return result.success ? { ok: true, file: result.data } : null;
}

function readWithPositions(text: string, file: string, limits: ImportLimits): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const opening = e.code === 'MISSING_CHAR' ? openingQuoteBefore(text, e.pos[0]) : null;
        const pos = lineCounter.linePos(opening ?? e.pos[0]);
        const message = opening === null ? firstLine(e.message) : `the quote opened here is never closed (${firstLine(e.message)})`;
        return { file, line: pos.line, column: pos.col, field: '', message: `syntax error: ${message}` };
      }),
    };
  }
  // Counted on the syntax tree, before the personas become objects and are checked.
  const list = isMap(doc.contents) ? doc.contents.get('personas', true) : undefined;
  if (isSeq(list) && list.items.length > limits.personas) {
    const first = list.items[limits.personas];
    const pos = isNode(first) && first.range ? lineCounter.linePos(first.range[0]) : { line: 1, col: 1 };
    return {
      ok: false,
      problems: [{ file, line: pos.line, column: pos.col, field: `personas[${limits.personas}]`, message: tooManyPersonasMessage(list.items.length, limits) }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [{ file, line: 1, column: 1, field: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  if (data === null || data === undefined) {
    return { ok: false, problems: [{ file, line: 1, column: 1, field: '', message: 'the file is empty: expected "version: 1" and a "personas" list' }] };
  }
  const result = personaFileSchema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, file: result.data };
  const problems = result.error.issues.flatMap((issue) => issueToProblems(issue, doc, lineCounter, file));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

/**
 * Where the field at `path` (such as personas[2].jobs[0].kind) is in a file that parsed: for
 * problems found after parsing, against what the store holds. Parses again rather than keep
 * a large file's syntax tree alive through the import.
 */
export function locateField(text: string, file: string, path: Array<string | number>, message: string): FileProblem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const pos = nodePosition(doc, path, lineCounter);
  return { file, line: pos.line, column: pos.column, field: formatPath(path), message };
}

/**
 * The parser notices an unclosed quote only where the file ends; point at the quote that
 * opened the scalar instead, which is where the writer has to look.
 */
function openingQuoteBefore(text: string, end: number): number | null {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    const ch = text[i];
    if ((ch === '"' || ch === "'") && /[\s:[{,-]/.test(text[i - 1] ?? ' ')) return i;
  }
  return null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function issueToProblems(issue: z.core.$ZodIssue, doc: Document, lc: LineCounter, file: string): FileProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'invalid_union') {
    // "Invalid input" says nothing: report the alternative the value was meant to be (the one
    // whose own type matched), such as the too-long list of an attribute that may be text or a list.
    const meant = issue.errors.find((branch) => branch.length > 0 && !branch.some((e) => e.code === 'invalid_type' && e.path.length === 0));
    if (meant) return meant.flatMap((e) => issueToProblems({ ...e, path: [...issue.path, ...e.path] }, doc, lc, file));
  }
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    const { node } = deepestNode(doc, path);
    const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    return [{ file, line: pos.line, column: pos.col, field: formatPath(path), message: `the name ${issue.issues.map((i) => i.message).join('; ')}` }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const pos = keyPosition(doc, path, key, lc) ?? nodePosition(doc, path, lc);
      return { file, ...pos, field: formatPath([...path, key]), message: `unknown field "${key}"` };
    });
  }
  const { node, depth } = deepestNode(doc, path);
  const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
  const missing = depth < path.length && issue.code === 'invalid_type' && issue.input === undefined;
  return [
    {
      file,
      line: pos.line,
      column: pos.col,
      field: formatPath(path),
      message: missing ? 'is required' : humanMessage(issue),
    },
  ];
}

function humanMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input !== undefined) {
    return issue.message.startsWith('Invalid input') ? `expected ${expectedName(issue.expected)}, got ${describeValue(issue.input)}` : issue.message;
  }
  return issue.message;
}

function expectedName(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a map of fields';
  return `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of fields';
  return `a ${typeof value}`;
}

/** The node at `path`, or the nearest ancestor that exists (a missing field points at its parent). */
function deepestNode(doc: Document, path: Array<string | number>): { node: Node | null; depth: number } {
  let node: unknown = doc.contents;
  let depth = 0;
  for (const part of path) {
    let next: unknown;
    if (isMap(node)) next = node.get(part, true);
    else if (isSeq(node) && typeof part === 'number') next = node.get(part, true);
    if (!isNode(next)) break;
    node = next;
    depth++;
  }
  return { node: isNode(node) ? node : null, depth };
}

function nodePosition(doc: Document, path: Array<string | number>, lc: LineCounter): { line: number; column: number } {
  const { node } = deepestNode(doc, path);
  const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
  return { line: pos.line, column: pos.col };
}

function keyPosition(doc: Document, path: Array<string | number>, key: string, lc: LineCounter) {
  const { node, depth } = deepestNode(doc, path);
  if (depth !== path.length || !isMap(node)) return null;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) {
      const pos = lc.linePos(item.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return null;
}
