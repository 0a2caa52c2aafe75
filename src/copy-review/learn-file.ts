// Reads a file of labelled ads for `learn`: YAML or JSON in the labelled-set format of
// `npm run eval` (`cases:` with `text`, `persona` — a name, or null for generic — and optional
// `jobs`, `channel`, `id`; other keys ignored), or JSONL with the same fields per line. Every
// case keeps where its persona and each job sit in the file, so that a name the workspace does
// not know is reported as `file:line:column`.
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { z } from 'zod';
import { CHANNEL_IDS } from '../domain/persona.js';
import type { ChannelId } from '../domain/persona.js';
import type { FileProblem } from '../personas/parse-file.js';

export interface Position {
  line: number;
  column: number;
}

export interface LearnCase {
  id: string | null;
  text: string;
  persona: string | null;
  jobs: string[] | null;
  channel: ChannelId | null;
  at: Position;
  personaAt: Position;
  jobsAt: Position[];
}

const caseSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    text: z.string().min(1, 'needs the ad text'),
    persona: z.string().min(1).nullable(),
    jobs: z.array(z.string().min(1)).optional(),
    channel: z.enum(CHANNEL_IDS).optional(),
  })
  .loose();

export type LearnFileResult = { ok: true; cases: LearnCase[] } | { ok: false; problems: FileProblem[] };

/** Parses a learn file; `jsonl` when the name ends in .jsonl or .ndjson. */
export function parseLearnFile(text: string, file: string): LearnFileResult {
  return /\.(jsonl|ndjson)$/i.test(file) ? parseJsonl(text, file) : parseDocumentFile(text, file);
}

function parseDocumentFile(text: string, file: string): LearnFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    return { ok: false, problems: [{ file, line: pos.line, column: pos.col, field: '', message: e.message.split('\n')[0]!.trim() }] };
  }
  const root = doc.contents;
  const casesNode = isMap(root) ? root.get('cases', true) : null;
  if (!isSeq(casesNode)) return { ok: false, problems: [{ file, line: 1, column: 1, field: 'cases', message: 'expected a list of cases under "cases:"' }] };
  const problems: FileProblem[] = [];
  const cases: LearnCase[] = [];
  casesNode.items.forEach((item, i) => {
    const at = posOf(item as Node, lineCounter);
    const parsed = caseSchema.safeParse((item as Node & { toJSON(): unknown }).toJSON?.() ?? null);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = ['cases', i, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
        const node = nodeAt(doc, path);
        const pos = node ? posOf(node, lineCounter) : at;
        problems.push({
          file,
          ...pos,
          field: path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
            .join('')
            .replace(/^\./, ''),
          message: issue.message,
        });
      }
      return;
    }
    const personaNode = nodeAt(doc, ['cases', i, 'persona']);
    const jobsAt = (parsed.data.jobs ?? []).map((_, j) => {
      const n = nodeAt(doc, ['cases', i, 'jobs', j]);
      return n ? posOf(n, lineCounter) : at;
    });
    cases.push({
      id: parsed.data.id ?? null,
      text: parsed.data.text,
      persona: parsed.data.persona,
      jobs: parsed.data.jobs ?? null,
      channel: parsed.data.channel ?? null,
      at,
      personaAt: personaNode ? posOf(personaNode, lineCounter) : at,
      jobsAt,
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, cases };
}

function parseJsonl(text: string, file: string): LearnFileResult {
  const problems: FileProblem[] = [];
  const cases: LearnCase[] = [];
  text.split('\n').forEach((raw, li) => {
    const lineText = raw.replace(/\r$/, '');
    if (lineText.trim() === '') return;
    const line = li + 1;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (err) {
      problems.push({ file, line, column: 1, field: '', message: `not a JSON object: ${(err as Error).message}` });
      return;
    }
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file, line, column: columnOfKey(lineText, String(issue.path[0] ?? '')), field: issue.path.join('.'), message: issue.message });
      return;
    }
    const personaColumn = columnOfValue(lineText, 'persona');
    const jobsColumn = columnOfValue(lineText, 'jobs');
    cases.push({
      id: parsed.data.id ?? null,
      text: parsed.data.text,
      persona: parsed.data.persona,
      jobs: parsed.data.jobs ?? null,
      channel: parsed.data.channel ?? null,
      at: { line, column: 1 },
      personaAt: { line, column: personaColumn },
      jobsAt: (parsed.data.jobs ?? []).map((j) => ({ line, column: columnOfString(lineText, j, jobsColumn) })),
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, cases };
}

/** 1-based column of the value of "key" on a JSON line (1 when not found). */
function columnOfValue(line: string, key: string): number {
  const m = new RegExp(`"${key}"\\s*:\\s*`).exec(line);
  return m ? m.index + m[0].length + 1 : 1;
}

function columnOfKey(line: string, key: string): number {
  const i = key ? line.indexOf(`"${key}"`) : -1;
  return i >= 0 ? i + 1 : 1;
}

function columnOfString(line: string, value: string, from: number): number {
  const i = line.indexOf(JSON.stringify(value), Math.max(0, from - 1));
  return i >= 0 ? i + 1 : from;
}

function nodeAt(doc: Document, path: Array<string | number>): Node | null {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node) || (isSeq(node) && typeof part === 'number')) node = (node as { get(k: unknown, keep: true): unknown }).get(part, true);
    else return null;
    if (!node) return null;
  }
  return node as Node;
}

function posOf(node: Node, lc: LineCounter): Position {
  const pos = node.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
  return { line: pos.line, column: pos.col };
}
