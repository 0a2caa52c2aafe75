import { graphemeCount, quote, takeGraphemes } from '../text/counting.js';
import type { Finding, Severity } from '../findings.js';
import type { Framing } from '../text/framing.js';
import type { DraftLine, DraftParts } from './assets.js';
import type { RuleId } from './rules.js';

export interface CheckContext {
  /** The whole draft: limits always count all of it. */
  text: string;
  parts: DraftParts;
  /** Framing of the analysed part of the draft. */
  framing: Framing;
  /** The phrase that carries the draft's main job, for "the hook comes after the cut" advice. */
  hook?: { text: string; start: number } | null;
}

export function f(severity: Severity, id: RuleId, message: string, extra: Omit<Finding, 'severity' | 'rule' | 'message'> = {}): Finding {
  return { severity, rule: id, message, ...extra };
}

export function cutAfter(text: string, limit: number): string {
  const kept = takeGraphemes(text.replace(/\s+/g, ' ').trim(), limit);
  const tail = kept.length > 40 ? kept.slice(kept.length - 40).replace(/^\S*\s/, '') : kept;
  return `…${tail}`;
}

export function lineLabel(line: DraftLine): string {
  return `line ${line.number}`;
}

export function visibilityFinding(id: RuleId, what: string, text: string, n: number, visible: number, fold: string, ctx: CheckContext): Finding {
  let message = `${what} is ${n} characters; about ${visible} show before ${fold}, so it is cut after "${cutAfter(text, visible)}".`;
  if (ctx.hook) {
    const before = graphemeCount(ctx.text.slice(0, ctx.hook.start));
    if (before >= visible) message += ` The phrase that carries the main job ("${quote(ctx.hook.text, 50)}") comes after the cut: move it up.`;
  }
  return f('warning', id, message, { actual: n, limit: visible });
}

// Short words in capitals that shout rather than name ("FREE", "NOW"); other short capitals are acronyms.
export const GIMMICK_CAPS = new Set(['FREE', 'NOW', 'SALE', 'NEW', 'BUY', 'BEST', 'HOT', 'DEAL', 'DEALS', 'CHEAP', 'OFF', 'WOW', 'OMG', 'CLICK', 'HURRY']);
