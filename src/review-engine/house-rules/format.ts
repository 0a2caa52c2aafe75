// A workspace's own rules ("house rules"), written in YAML in the shape of the channel rules:
// each with a name, a kind, the channels it applies to, a one-line summary and, optionally, a
// source. What a rule checks is one of: banned words or phrases, a required phrase (a disclaimer,
// optionally only when the draft makes an offer), an own length limit, a product name's spelling.
//
//   version: 1
//   packs: [compliance]            # optional: built-in reminders, off unless named here
//   rules:
//     - name: no-cheap
//       kind: hard                 # hard | recommendation | best_practice
//       channels: [any]
//       summary: We never call ourselves cheap.
//       banned: [cheap, "/guaranteed?\\s+savings/i"]
//     - name: tcs-on-offers
//       required: "T&Cs apply"
//       when: offer                # or a pattern; without it, always
//     - name: sms-short
//       channels: [sms]
//       max_length: 140
//     - name: brand
//       spelling: [PawSure]
//
// A phrase is matched whole-word and case-insensitively; "/source/flags" is a regular expression.
// Every pattern is compiled when the file is imported: one that does not compile is refused
// there, with the file's line, never at review time.
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { z } from 'zod';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import { RULE_KINDS, ruleSourceSchema } from '../channels/rules.js';

export const HOUSE_PACKS = ['compliance'] as const;
export type HousePack = (typeof HOUSE_PACKS)[number];

const channelSchema = z.enum([...CHANNEL_IDS, 'any'], { error: () => `a channel: any, ${CHANNEL_IDS.join(', ')}` });
const patternSchema = z.string().trim().min(1).max(500);

export const houseRuleSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/i, 'a short name of letters, digits, "-" or "_" (at most 48)'),
    kind: z.enum(RULE_KINDS).default('recommendation'),
    channels: z.array(channelSchema).min(1).default(['any']),
    summary: z.string().trim().min(1).max(300).optional(),
    source: ruleSourceSchema.partial({ read: true, quote: true, title: true }).optional(),
    banned: z.array(patternSchema).min(1).max(200).optional(),
    required: patternSchema.optional(),
    when: patternSchema.optional(),
    max_length: z.number().int().positive().optional(),
    spelling: z.array(z.string().trim().min(2).max(60)).min(1).max(50).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const checks = (['banned', 'required', 'max_length', 'spelling'] as const).filter((k) => r[k] !== undefined);
    if (checks.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `a rule checks exactly one of banned, required, max_length, spelling (found ${checks.join(', ') || 'none'})`,
      });
    if (r.when !== undefined && r.required === undefined) ctx.addIssue({ code: 'custom', path: ['when'], message: '"when" only goes with "required"' });
  });
export type HouseRule = z.infer<typeof houseRuleSchema>;

export const houseRulesFileSchema = z
  .object({
    version: z.literal(1).default(1),
    packs: z.array(z.enum(HOUSE_PACKS)).default([]),
    rules: z.array(houseRuleSchema).max(500).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      const key = r.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `the name "${r.name}" is used twice` });
      seen.add(key);
    });
  });
export type HouseRulesFile = z.infer<typeof houseRulesFileSchema>;

export interface Pattern {
  /** As written in the file, for messages. */
  raw: string;
  source: string;
  flags: string;
}

/** "/source/flags" is a regular expression; anything else is a phrase, whole-word and case-insensitive. */
export function toPattern(raw: string): Pattern {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(raw);
  if (re) return { raw, source: re[1]!, flags: re[2]! };
  const escaped = raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  // Whole words where the phrase starts or ends with a letter or digit ("cheap" not in "cheaper").
  const start = /^[\p{L}\p{N}]/u.test(raw) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /[\p{L}\p{N}]$/u.test(raw) ? '(?![\\p{L}\\p{N}])' : '';
  return { raw, source: `${start}${escaped}${end}`, flags: 'iu' };
}

/** The problem with a pattern, or null when it compiles. */
export function patternProblem(raw: string): string | null {
  const p = toPattern(raw);
  if (/[^dgimsuyv]/.test(p.flags)) return `unknown regular-expression flag in "${raw}" (use i, m, s or u)`;
  if (p.flags.includes('u') && p.flags.includes('v')) return `flags "u" and "v" cannot go together in "${raw}"`;
  try {
    new RegExp(p.source, p.flags.replace(/[gy]/g, ''));
    return null;
  } catch (err) {
    return `"${raw}" is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

export interface HouseRulesProblem {
  line: number;
  message: string;
}

export type ParsedHouseRules = { ok: true; file: HouseRulesFile } | { ok: false; problems: HouseRulesProblem[] };

/** Where in the YAML a path points: its 1-based line, or the nearest enclosing node's. */
function lineOf(root: Node | null, path: readonly PropertyKey[], counter: LineCounter): number {
  let node: Node | null | undefined = root;
  let line = 1;
  for (const key of path) {
    if (!node) break;
    if (node.range) line = counter.linePos(node.range[0]).line;
    if (isMap(node)) node = node.get(key as string, true) as Node | undefined;
    else if (isSeq(node)) node = node.get(Number(key), true) as Node | undefined;
    else break;
  }
  if (node?.range) line = counter.linePos(node.range[0]).line;
  return line;
}

/** Reads a house-rules YAML (or JSON) file: every problem is reported with its line. */
export function parseHouseRules(text: string): ParsedHouseRules {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
    };
  const parsed = houseRulesFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        line: lineOf(doc.contents, i.path, counter),
        message: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
      })),
    };
  const problems: HouseRulesProblem[] = [];
  parsed.data.rules.forEach((r, i) => {
    const patterns: Array<[string, readonly PropertyKey[]]> = [
      ...(r.banned ?? []).map((p, j) => [p, ['rules', i, 'banned', j]] as [string, PropertyKey[]]),
      ...(r.required ? [[r.required, ['rules', i, 'required']] as [string, PropertyKey[]]] : []),
      ...(r.when && r.when !== 'offer' ? [[r.when, ['rules', i, 'when']] as [string, PropertyKey[]]] : []),
    ];
    for (const [p, path] of patterns) {
      const problem = patternProblem(p);
      if (problem) problems.push({ line: lineOf(doc.contents, path, counter), message: `rules.${i} (${r.name}): ${problem}` });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, file: parsed.data };
}

export function appliesTo(rule: { channels: readonly (ChannelId | 'any')[] }, channel: ChannelId): boolean {
  return rule.channels.includes('any') || rule.channels.includes(channel);
}
