// Channel rules as versioned data (rules-data.json), validated with zod when this module loads:
// a rule without the URL of the page that states it, or without the day someone last read that
// page, stops the bot at start rather than reaching a review. The checks (check.ts) read every
// figure from here, never from literals of their own.
import { z } from 'zod';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import data from './rules-data.json' with { type: 'json' };

export const RULE_KINDS = ['hard', 'recommendation', 'best_practice'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Every rule the checks refer to; the data file must define each of them, and no other. */
export const RULE_IDS = [
  'draft.empty',
  'jobs.focus',
  'readability.ease',
  'google_search.headline_length',
  'google_search.description_length',
  'google_search.path_length',
  'google_search.asset_count',
  'google_search.emoji',
  'google_search.repeated_punctuation',
  'google_search.symbols',
  'google_search.capitals',
  'google_search.framing',
  'google_search.cta',
  'meta.primary_length',
  'meta.primary_visible',
  'meta.headline_length',
  'meta.description_length',
  'meta.emoji',
  'meta.framing',
  'instagram.caption_length',
  'instagram.caption_visible',
  'instagram.hashtags',
  'instagram.framing',
  'tiktok.length',
  'tiktok.hashtag',
  'tiktok.mention',
  'tiktok.link',
  'tiktok.emoji',
  'tiktok.braces',
  'tiktok.framing',
  'linkedin.intro_length',
  'linkedin.intro_visible',
  'linkedin.headline_length',
  'linkedin.brand_name',
  'linkedin.framing',
  'x.weighted_length',
  'x.invalid_characters',
  'x.hashtags',
  'email.subject_length',
  'email.subject_missing',
  'email.subject_spam',
  'email.preheader_length',
  'email.cta',
  'email.readability',
  'sms.segments',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** Where a rule comes from: the page that states it and when someone last read that page. */
export const ruleSourceSchema = z.object({
  title: z.string().min(3),
  url: z.url({ protocol: /^https?$/ }),
  read: isoDay,
  /** A one-line quote or paraphrase of what the page says. */
  quote: z.string().min(3),
  /** Anything a reader of the rule must know: a page that could not be re-read, versions that disagree. */
  note: z.string().optional(),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

const ruleSchema = z.object({
  number: z.number().int().positive(),
  id: z.enum(RULE_IDS),
  channel: z.union([z.enum(CHANNEL_IDS), z.literal('any')]),
  kind: z.enum(RULE_KINDS),
  /** The limit the rule holds a figure to (characters unless `unit` says otherwise). */
  limit: z.number().nonnegative().optional(),
  /** A lower bound, where the rule has one. */
  min: z.number().optional(),
  unit: z.enum(['characters', 'weighted characters', 'segments', 'count', 'jobs', 'reading ease']).optional(),
  /** Further figures the rule defines (per-encoding sizes, weights). */
  extra: z.record(z.string(), z.number()).optional(),
  summary: z.string().min(3),
  source: ruleSourceSchema,
});

export const rulesFileSchema = z.object({ version: isoDay, note: z.string().optional(), rules: z.array(ruleSchema).min(1) }).superRefine((file, ctx) => {
  const seen = new Map<string, number>();
  for (const [i, r] of file.rules.entries()) {
    for (const key of [`id ${r.id}`, `number ${r.number}`]) {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `${key} appears twice` });
      seen.set(key, i);
    }
    if (r.channel !== 'any' && !r.id.startsWith(`${r.channel}.`))
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `${r.id} is not a ${r.channel} rule` });
    if (r.source.read > file.version)
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'source', 'read'], message: `read after the file's version ${file.version}` });
  }
  for (const id of RULE_IDS) if (!file.rules.some((r) => r.id === id)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule ${id} is missing` });
});

export interface ChannelRule {
  id: RuleId;
  number: number;
  channel: ChannelId | 'any';
  kind: RuleKind;
  limit?: number;
  min?: number;
  unit?: string;
  extra?: Readonly<Record<string, number>>;
  summary: string;
  /** The source's title (kept as a string: messages cite it by name). */
  source: string;
  url: string;
  /** The day the source was last read. */
  read: string;
  quote: string;
  note?: string;
}

/** Parses a rules file; throws with every problem listed (path: message) when it is not valid. */
export function parseRulesFile(raw: unknown): { version: string; rules: ChannelRule[] } {
  const parsed = rulesFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`channel rules data is not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return {
    version: parsed.data.version,
    rules: parsed.data.rules.map(({ source, ...r }) => ({
      ...r,
      source: source.title,
      url: source.url,
      read: source.read,
      quote: source.quote,
      ...(source.note ? { note: source.note } : {}),
    })),
  };
}

const loaded = parseRulesFile(data);

export const RULES_VERSION: string = loaded.version;
export const CHANNEL_RULES: readonly ChannelRule[] = loaded.rules;

const BY_ID = new Map<string, ChannelRule>(CHANNEL_RULES.map((r) => [r.id, r]));

export function rule(id: RuleId): ChannelRule {
  return BY_ID.get(id)!;
}

/** The rule's upper limit; every check reads its numbers through here. */
export function limitOf(id: RuleId): number {
  const r = rule(id);
  if (r.limit === undefined) throw new Error(`rule ${id} has no limit`);
  return r.limit;
}

export function minOf(id: RuleId): number {
  const r = rule(id);
  if (r.min === undefined) throw new Error(`rule ${id} has no minimum`);
  return r.min;
}

export function extraOf(id: RuleId, key: string): number {
  const value = rule(id).extra?.[key];
  if (value === undefined) throw new Error(`rule ${id} has no figure "${key}"`);
  return value;
}

export function rulesFor(channel: ChannelId): ChannelRule[] {
  return CHANNEL_RULES.filter((r) => r.channel === channel || r.channel === 'any');
}
