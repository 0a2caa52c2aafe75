// The one-line-per-item short forms the Slack modal uses for jobs, pains, gains, evidence
// and attributes, e.g. `functional | Get more done with less effort | 5`. Parsing turns lines
// into file-format entries (validated by the same zod schema as files); formatting turns a
// persona back into the lines, so an edit starts from what is stored.
import type { Attributes, Evidence, Gain, Pain, PersonaJob } from '../domain/persona.js';

export const SHORT_FORM_HELP = {
  jobs: 'One per line: kind | statement | importance 1-5, optionally | when … | so I can …. Kinds: functional, emotional, social.',
  pains: 'One per line: kind | text | severity 1-5. Kinds: undesired_outcome, obstacle, risk.',
  gains: 'One per line: kind | text | relevance 1-5. Kinds: required, expected, desired, unexpected.',
  evidence: 'One per line: source | reference or link | date YYYY-MM-DD (optional). Sources: interview, survey, support_ticket, analytics, other.',
  attributes: 'One per line: key: value. Separate several values with ";".',
} as const;

export interface LineError {
  line: number;
  message: string;
}

type Parsed<T> = { items: T[]; errors: LineError[] };

function lines(text: string | undefined | null): Array<{ line: number; text: string }> {
  return (text ?? '')
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text.length > 0);
}

/** Splits `a | b | c` into at least `min` and at most `max` trimmed parts. */
function parts(l: { line: number; text: string }, min: number, max: number, shape: string, errors: LineError[]): string[] | null {
  const ps = l.text.split('|').map((p) => p.trim());
  if (ps.length < min || ps.length > max) {
    errors.push({ line: l.line, message: `expected ${shape}` });
    return null;
  }
  return ps;
}

/** A 1–5 number when the text is one; otherwise the text, so the schema can say what is wrong. */
function scale(text: string | undefined): number | string | undefined {
  if (text === undefined || text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Entries keep the line they came from, so schema errors can name it. */
export type WithLine<T> = T & { line: number };

export function parseJobLines(
  text: string | undefined | null,
): Parsed<WithLine<{ kind: string; statement: string; importance?: number | string; when?: string; outcome?: string }>> {
  const errors: LineError[] = [];
  const items = lines(text).flatMap((l) => {
    const p = parts(l, 2, 5, '"kind | statement | importance" (then optionally "| when | outcome")', errors);
    if (!p) return [];
    return [
      {
        line: l.line,
        kind: p[0]!.toLowerCase(),
        statement: p[1]!,
        ...(p[2] ? { importance: scale(p[2]) } : {}),
        ...(p[3] ? { when: p[3] } : {}),
        ...(p[4] ? { outcome: p[4] } : {}),
      },
    ];
  });
  return { items, errors };
}

export function parsePainLines(text: string | undefined | null): Parsed<WithLine<{ kind: string; text: string; severity?: number | string }>> {
  const errors: LineError[] = [];
  const items = lines(text).flatMap((l) => {
    const p = parts(l, 2, 3, '"kind | text | severity"', errors);
    return p ? [{ line: l.line, kind: p[0]!.toLowerCase(), text: p[1]!, ...(p[2] ? { severity: scale(p[2]) } : {}) }] : [];
  });
  return { items, errors };
}

export function parseGainLines(text: string | undefined | null): Parsed<WithLine<{ kind: string; text: string; relevance?: number | string }>> {
  const errors: LineError[] = [];
  const items = lines(text).flatMap((l) => {
    const p = parts(l, 2, 3, '"kind | text | relevance"', errors);
    return p ? [{ line: l.line, kind: p[0]!.toLowerCase(), text: p[1]!, ...(p[2] ? { relevance: scale(p[2]) } : {}) }] : [];
  });
  return { items, errors };
}

export function parseEvidenceLines(text: string | undefined | null): Parsed<WithLine<{ source: string; ref: string; date?: string }>> {
  const errors: LineError[] = [];
  const items = lines(text).flatMap((l) => {
    const p = parts(l, 2, 3, '"source | reference | date"', errors);
    return p ? [{ line: l.line, source: p[0]!.toLowerCase(), ref: p[1]!, ...(p[2] ? { date: p[2] } : {}) }] : [];
  });
  return { items, errors };
}

export function parseAttributeLines(text: string | undefined | null): {
  value: Record<string, string | string[]>;
  errors: LineError[];
  keyLines: Record<string, number>;
} {
  const errors: LineError[] = [];
  const value: Record<string, string | string[]> = {};
  const keyLines: Record<string, number> = {};
  for (const l of lines(text)) {
    const at = l.text.indexOf(':');
    if (at <= 0) {
      errors.push({ line: l.line, message: 'expected "key: value"' });
      continue;
    }
    const key = l.text.slice(0, at).trim();
    const raw = l.text.slice(at + 1).trim();
    if (key in value) {
      errors.push({ line: l.line, message: `"${key}" is given twice` });
      continue;
    }
    const list = raw
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean);
    value[key] = list.length > 1 ? list : raw;
    keyLines[key] = l.line;
  }
  return { value, errors, keyLines };
}

export const formatJobLines = (jobs: Array<Pick<PersonaJob, 'kind' | 'statement' | 'importance' | 'when' | 'outcome'>>): string =>
  jobs
    .map((j) => [j.kind, j.statement, String(j.importance), ...(j.when || j.outcome ? [j.when ?? '', j.outcome ?? ''] : [])].join(' | ').replace(/ \| $/, ''))
    .join('\n');
export const formatPainLines = (pains: Pain[]): string => pains.map((p) => `${p.kind} | ${p.text} | ${p.severity}`).join('\n');
export const formatGainLines = (gains: Gain[]): string => gains.map((g) => `${g.kind} | ${g.text} | ${g.relevance}`).join('\n');
export const formatEvidenceLines = (evidence: Evidence[]): string => evidence.map((e) => `${e.source} | ${e.ref}${e.date ? ` | ${e.date}` : ''}`).join('\n');
export const formatAttributeLines = (attrs: Attributes): string =>
  Object.entries(attrs)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('; ') : v}`)
    .join('\n');
