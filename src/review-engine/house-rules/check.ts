// Checks a draft against a workspace's house rules (and the compliance pack when it is on):
// each broken rule becomes a finding named after the rule (`house.<name>`), with where in the
// draft it was found. Every pattern runs under a time limit (pattern-runner.ts), and the whole
// set under a budget, so a pattern that backtracks forever costs a review at most that budget.
import type { ChannelId } from '../../domain/persona.js';
import type { Finding, Severity } from '../findings.js';
import { graphemeCount, plural, quote } from '../text/counting.js';
import { findOffers } from '../text/offer.js';
import { COMPLIANCE_PACK } from './compliance-pack.js';
import { appliesTo, toPattern } from './format.js';
import type { HousePack, HouseRule, Pattern } from './format.js';
import { runPattern } from './pattern-runner.js';
import type { PatternMatch } from './pattern-runner.js';

export interface HouseRuleSet {
  rules: readonly HouseRule[];
  packs: readonly HousePack[];
}

export interface HouseCheckOptions {
  /** The most one pattern may take on one draft. */
  patternTimeoutMs?: number;
  /** The most all house rules together may take on one draft. */
  budgetMs?: number;
  /** Milliseconds, for the budget (injectable so tests need no real clock). */
  now?: () => number;
}

export const HOUSE_RULE_PREFIX = 'house.';

const SEVERITY: Record<HouseRule['kind'], Severity> = { hard: 'error', recommendation: 'warning', best_practice: 'info' };

/** The rules in force for a workspace: its own, then the packs it turned on. */
export function rulesInForce(set: HouseRuleSet): HouseRule[] {
  return [...set.rules, ...(set.packs.includes('compliance') ? COMPLIANCE_PACK : [])];
}

/** "line 2, column 5": where a match starts, as an editor shows it (columns count graphemes). */
export function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: (before.match(/\n/g)?.length ?? 0) + 1, column: graphemeCount(before.slice(lineStart)) + 1 };
}

function where(text: string, m: PatternMatch): string {
  const { line, column } = positionOf(text, m.index);
  return `"${quote(m.text, 40)}" at line ${line}, column ${column}`;
}

/** A product name matched however it is spaced, hyphenated or cased: "Paw Sure", "pawsure", "Paw-sure". */
function spellingPattern(name: string): Pattern {
  const chars = [...name.replace(/[\s\-_.]+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { raw: name, source: `(?<![\\p{L}\\p{N}])${chars.join('[\\s\\-_.]?')}(?![\\p{L}\\p{N}])`, flags: 'iu' };
}

export function checkHouseRules(set: HouseRuleSet, draft: { text: string; channel: ChannelId }, options: HouseCheckOptions = {}): Finding[] {
  const patternTimeout = options.patternTimeoutMs ?? 100;
  const budget = options.budgetMs ?? 1_000;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const out: Finding[] = [];
  const { text, channel } = draft;

  for (const rule of rulesInForce(set)) {
    if (!appliesTo(rule, channel)) continue;
    const id = `${HOUSE_RULE_PREFIX}${rule.name}`;
    const severity = SEVERITY[rule.kind];
    const about = rule.summary ? ` (${rule.summary.replace(/\.$/, '')})` : '';
    let skipped = false;
    const run = (pattern: Pattern): PatternMatch[] | null => {
      const left = budget - (now() - started);
      if (left <= 0) {
        out.push({
          severity: 'info',
          rule: id,
          message: `House rule "${rule.name}" was not checked: the house rules used up their ${budget} ms for this draft.`,
        });
        skipped = true;
        return null;
      }
      const outcome = runPattern(pattern, text, Math.min(patternTimeout, left));
      if (outcome.ok) return outcome.matches;
      out.push({
        severity: 'info',
        rule: id,
        message: `House rule "${rule.name}": the pattern ${pattern.raw} ${outcome.reason === 'timeout' ? `took longer than ${Math.min(patternTimeout, Math.round(left))} ms on this draft` : `failed (${outcome.message})`} and was skipped; simplify it.`,
        text: pattern.raw,
      });
      skipped = true;
      return null;
    };

    if (rule.banned) {
      const found: PatternMatch[] = [];
      for (const raw of rule.banned) {
        const matches = run(toPattern(raw));
        if (matches) found.push(...matches);
        if (skipped && budget - (now() - started) <= 0) break;
      }
      if (found.length > 0) {
        found.sort((a, b) => a.index - b.index);
        const shown = found.slice(0, 5).map((m) => where(text, m));
        out.push({
          severity,
          rule: id,
          message: `House rule "${rule.name}"${about}: ${shown.join('; ')}${found.length > shown.length ? ` and ${found.length - shown.length} more` : ''}.`,
          text: found[0]!.text,
          actual: found.length,
          limit: 0,
        });
      }
    } else if (rule.required) {
      let applies = true;
      let because = '';
      if (rule.when === 'offer') {
        const offers = findOffers(text);
        applies = offers.length > 0;
        if (applies) because = ` although the draft makes an offer ("${quote(offers[0]!.text, 40)}")`;
      } else if (rule.when) {
        const matches = run(toPattern(rule.when));
        applies = matches !== null && matches.length > 0;
        if (applies) because = ` although the draft has ${where(text, matches![0]!)}`;
      }
      if (applies) {
        const matches = run(toPattern(rule.required));
        if (matches && matches.length === 0)
          out.push({
            severity,
            rule: id,
            // A regular expression means nothing to most writers: the rule's summary says what is wanted.
            message: `House rule "${rule.name}"${about}: the draft lacks ${/^\/.+\/[a-z]*$/s.test(rule.required) ? 'the required wording' : `"${rule.required}"`}${because}.`,
            actual: 0,
            limit: 1,
          });
      }
    } else if (rule.max_length !== undefined) {
      const n = graphemeCount(text.trim());
      if (n > rule.max_length)
        out.push({
          severity,
          rule: id,
          message: `House rule "${rule.name}"${about}: ${n.toLocaleString('en')} characters, over the team's limit of ${plural(rule.max_length, 'character')}.`,
          actual: n,
          limit: rule.max_length,
        });
    } else if (rule.spelling) {
      const wrong: Array<{ m: PatternMatch; name: string }> = [];
      for (const name of rule.spelling) {
        const matches = run(spellingPattern(name));
        for (const m of matches ?? []) if (m.text !== name) wrong.push({ m, name });
      }
      if (wrong.length > 0) {
        wrong.sort((a, b) => a.m.index - b.m.index);
        out.push({
          severity,
          rule: id,
          message: `House rule "${rule.name}"${about}: ${wrong
            .slice(0, 5)
            .map(({ m, name }) => `${where(text, m)} is spelled "${name}"`)
            .join('; ')}${wrong.length > 5 ? ` and ${wrong.length - 5} more` : ''}.`,
          text: wrong[0]!.m.text,
          actual: wrong.length,
          limit: 0,
        });
      }
    }
  }
  return out;
}
