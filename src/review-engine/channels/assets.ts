// The parts of a pasted draft: labelled fields ("Subject:", "Headline 2:", "Path:") and the
// lines around them. Google Search reads every line as one asset; email reads its subject from
// a "Subject:" line; feeds read everything that is not a labelled headline as the primary text.
import { graphemeCount } from '../text/counting.js';
import { FIELD_LABEL_RE } from '../text/segment.js';

export type FieldKind = 'subject' | 'preheader' | 'headline' | 'description' | 'path' | 'body' | 'plain';

export interface DraftLine {
  /** 1-based line number in the draft. */
  number: number;
  kind: FieldKind;
  /** The line without its label, trimmed. */
  text: string;
  length: number;
}

export interface DraftParts {
  lines: DraftLine[];
  subject: DraftLine | null;
  preheader: DraftLine | null;
  /** The text a feed shows: every line that is not a labelled headline, description or path, labels removed. */
  primary: string;
}

function kindOf(label: string): FieldKind {
  const l = label.toLowerCase().replace(/\s+/g, ' ');
  if (l.startsWith('subject')) return 'subject';
  if (l.startsWith('preheader') || l.startsWith('preview')) return 'preheader';
  if (l.startsWith('headline') || /^h\d/.test(l)) return 'headline';
  if (l.startsWith('desc') || /^d\d/.test(l)) return 'description';
  if (l.includes('path')) return 'path';
  return 'body';
}

export function draftParts(text: string): DraftParts {
  const lines: DraftLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = FIELD_LABEL_RE.exec(raw);
    const content = (m ? raw.slice(m[0].length) : raw).trim();
    if (!content && !m) return;
    lines.push({ number: i + 1, kind: m ? kindOf(m[1]!) : 'plain', text: content, length: graphemeCount(content) });
  });
  const subject = lines.find((l) => l.kind === 'subject') ?? null;
  const preheader = lines.find((l) => l.kind === 'preheader') ?? null;
  const primary = lines
    .filter((l) => l.kind === 'plain' || l.kind === 'body')
    .map((l) => l.text)
    .join('\n');
  return { lines, subject, preheader, primary };
}

/** The body of an email: everything but its subject and preheader lines. */
export function emailBody(parts: DraftParts): string {
  return parts.lines
    .filter((l) => l.kind !== 'subject' && l.kind !== 'preheader')
    .map((l) => l.text)
    .join('\n');
}
