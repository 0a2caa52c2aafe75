// The persona file format, version 1: the single definition behind validation,
// docs/persona.schema.json and the CLI's import and export.
import { z } from 'zod';
import { CHANNEL_IDS, EVIDENCE_SOURCES, GAIN_KINDS, identityKey, JOB_KINDS, PAIN_KINDS } from '../domain/persona.js';
import type { Persona, PersonaDraft } from '../domain/persona.js';
import { closestWord } from './closest-word.js';

export const PERSONA_FILE_VERSION = 1;

// The store keeps text as UTF-8: a NUL cannot be stored at all, and half of a surrogate pair
// (left by a broken "\uD800" escape or a cut string) is not a character. Both are named
// here, where the file can point at them, rather than failing in the database.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored: remove it';
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone surrogate (U+${code}), half of a character that is not valid Unicode: the text is damaged, retype it`;
  }
  return null;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
const optionalText = (max: number) => text(max).optional();
const scale = (what: string) =>
  z
    .number({ error: `${what} must be a whole number from 1 to 5` })
    .int(`${what} must be a whole number from 1 to 5`)
    .min(1, `${what} must be from 1 to 5`)
    .max(5, `${what} must be from 1 to 5`);
// "2026-13-45" is written as asked but is no date: say so, rather than repeat the format.
const isoDate = z.iso.date({
  error: (issue) =>
    typeof issue.input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(issue.input.trim())
      ? `"${issue.input.trim()}" is not a real date (months run 01–12, days to the end of the month)`
      : 'must be a date written YYYY-MM-DD',
});
const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) => {
      const meant = closestWord(issue.input, values);
      return `${what} must be one of: ${values.join(', ')}${meant ? ` (did you mean ${meant}?)` : ''}`;
    },
  });

export const slackUserId = z
  .string()
  .trim()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U012ABCDEF');

const attributes = z
  .record(text(60), z.union([text(500), z.array(text(500)).max(50, 'at most 50 values')]))
  .refine((r) => Object.keys(r).length <= 30, 'at most 30 attributes')
  .describe('Key → text or list of text');

export const jobSchema = z
  .strictObject({
    kind: enumOf(JOB_KINDS, 'kind').describe('functional, emotional or social'),
    statement: text(300).describe('The job in the persona\'s words: "Get more done with less effort".'),
    importance: scale('importance').default(3).describe('How much this persona cares, 1–5.'),
    when: optionalText(300).describe('JTBD situation: "When …".'),
    outcome: optionalText(300).describe('JTBD outcome: "so I can …".'),
  })
  .describe('A job the persona hires products for.');

export const painSchema = z.strictObject({
  kind: enumOf(PAIN_KINDS, 'kind'),
  text: text(300),
  severity: scale('severity').default(3),
});

export const gainSchema = z.strictObject({
  kind: enumOf(GAIN_KINDS, 'kind'),
  text: text(300),
  relevance: scale('relevance').default(3),
});

export const evidenceSchema = z.strictObject({
  source: enumOf(EVIDENCE_SOURCES, 'source'),
  ref: text(500).describe('What the evidence is, or a link to it.'),
  date: isoDate.optional(),
});

/** Slack's limit on a message's text: no ad posted there is longer. */
export const EXAMPLE_TEXT_MAX = 40_000;

// An ad the team wrote for this persona, learned like `npm run cli -- learn` (score/examples.ts):
// the text alone, or with the jobs of this persona it addresses, its channel and an id.
export const personaExampleSchema = z
  .union([
    text(EXAMPLE_TEXT_MAX),
    z.strictObject({
      text: text(EXAMPLE_TEXT_MAX).describe('The ad as it ran.'),
      jobs: z.array(text(300)).max(60, 'at most 60 jobs').optional().describe("Which of this persona's jobs it addresses (statements as written under jobs)."),
      channel: enumOf(CHANNEL_IDS, 'channel').optional(),
      id: text(100).optional().describe('Your own id for the ad, shown by `learn --list`.'),
    }),
  ])
  .describe('An ad that speaks to this persona: its text, or {text, jobs, channel, id}.');

export const personaSchema = z
  .strictObject({
    name: text(100).describe('Unique in the workspace, regardless of case.'),
    summary: text(1000),
    product: optionalText(100).describe('Optional grouping, such as the product line.'),
    owner: slackUserId.optional().describe('Slack user id of the person who keeps this persona up to date.'),
    reviewed_at: isoDate.optional().describe('When research last confirmed the persona; default: import date.'),
    demographics: attributes.default({}).describe('Circumstances: age, role, location …'),
    psychographics: attributes.default({}).describe('Archetype, worldview, motivations …'),
    sociographics: attributes.default({}).describe('Networks and orbits.'),
    channels: z.array(enumOf(CHANNEL_IDS, 'channel')).max(CHANNEL_IDS.length).default([]),
    quote: optionalText(500),
    success_metric: optionalText(500),
    constraints: z.array(text(300)).max(20, 'at most 20 constraints').default([]),
    jobs: z.array(jobSchema).max(60, 'at most 60 jobs').default([]),
    pains: z.array(painSchema).max(40, 'at most 40 pains').default([]),
    gains: z.array(gainSchema).max(40, 'at most 40 gains').default([]),
    evidence: z.array(evidenceSchema).max(60, 'at most 60 pieces of evidence').default([]),
    examples: z
      .array(personaExampleSchema)
      .max(200, 'at most 200 examples')
      .default([])
      .describe('Ads that speak to this persona: the reviewer learns from them as from `learn` (not exported: see `learn --list`).'),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.jobs.forEach((job, i) => {
      const key = identityKey(job.statement);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'statement'], message: `repeats jobs[${first}] of the same persona` });
      } else seen.set(key, i);
    });
    p.examples.forEach((e, i) => {
      if (typeof e === 'string') return;
      (e.jobs ?? []).forEach((j, k) => {
        if (!seen.has(identityKey(j)))
          ctx.addIssue({
            code: 'custom',
            path: ['examples', i, 'jobs', k],
            message: `${p.name} has no job "${j}" (an example's jobs are statements listed under jobs)`,
          });
      });
    });
    const channels = new Set<string>();
    p.channels.forEach((c, i) => {
      if (channels.has(c)) ctx.addIssue({ code: 'custom', path: ['channels', i], message: `channel ${c} is listed twice` });
      channels.add(c);
    });
  });

export const personaFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional link to this schema, for editors.'),
    version: z.literal(PERSONA_FILE_VERSION, { error: `version must be ${PERSONA_FILE_VERSION}` }),
    personas: z.array(personaSchema),
  })
  .superRefine((file, ctx) => {
    const names = new Map<string, number>();
    const jobKinds = new Map<string, { kind: string; at: string }>();
    // One ad is one example: the same text under two personas would be two labels at once.
    const ads = new Map<string, string>();
    file.personas.forEach((p, i) => {
      p.examples.forEach((e, k) => {
        const ad = typeof e === 'string' ? e : e.text;
        const prior = ads.get(ad);
        if (prior !== undefined)
          ctx.addIssue({ code: 'custom', path: ['personas', i, 'examples', k], message: `the same ad is already an example at ${prior}` });
        else ads.set(ad, `personas[${i}].examples[${k}]`);
      });
      const key = identityKey(p.name);
      const first = names.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['personas', i, 'name'], message: `duplicate name "${p.name}": personas[${first}] has it too` });
      } else names.set(key, i);
      p.jobs.forEach((job, j) => {
        // Jobs are shared by statement, so one statement cannot be two kinds.
        const k = identityKey(job.statement);
        const prior = jobKinds.get(k);
        if (prior && prior.kind !== job.kind) {
          ctx.addIssue({
            code: 'custom',
            path: ['personas', i, 'jobs', j, 'kind'],
            message: `job "${job.statement}" is ${prior.kind} at ${prior.at}; a shared job has one kind`,
          });
        } else if (!prior) jobKinds.set(k, { kind: job.kind, at: `personas[${i}].jobs[${j}]` });
      });
    });
  })
  .describe('Persona Bot persona file, version 1');

export type PersonaFile = z.output<typeof personaFileSchema>;
export type PersonaFileEntry = z.output<typeof personaSchema>;
export type PersonaFileInput = z.input<typeof personaFileSchema>;

/** A persona file's example, as learned: the ad and its label (jobs null when not given). */
export interface PersonaFileExample {
  /** The persona's name as written in the file. */
  persona: string;
  text: string;
  /** Job statements as the persona states them; null when the example does not say. */
  jobs: string[] | null;
  channel: (typeof CHANNEL_IDS)[number] | null;
  id: string | null;
}

/** Every example of every persona in the file, in file order. */
export function fileExamples(file: PersonaFile): PersonaFileExample[] {
  return file.personas.flatMap((p) =>
    p.examples.map((e) => {
      if (typeof e === 'string') return { persona: p.name, text: e, jobs: null, channel: null, id: null };
      const statement = (j: string) => p.jobs.find((x) => identityKey(x.statement) === identityKey(j))!.statement;
      return { persona: p.name, text: e.text, jobs: e.jobs ? e.jobs.map(statement) : null, channel: e.channel ?? null, id: e.id ?? null };
    }),
  );
}

/** Turns a validated file entry into a draft for the store. */
export function entryToDraft(entry: PersonaFileEntry, today: string): PersonaDraft {
  return {
    name: entry.name,
    summary: entry.summary,
    product: entry.product ?? null,
    owner: entry.owner ?? null,
    reviewedAt: entry.reviewed_at ?? today,
    demographics: entry.demographics,
    psychographics: entry.psychographics,
    sociographics: entry.sociographics,
    channels: entry.channels,
    quote: entry.quote ?? null,
    successMetric: entry.success_metric ?? null,
    constraints: entry.constraints,
    jobs: entry.jobs.map((j) => ({
      kind: j.kind,
      statement: j.statement,
      importance: j.importance,
      when: j.when ?? null,
      outcome: j.outcome ?? null,
    })),
    pains: entry.pains,
    gains: entry.gains,
    evidence: entry.evidence.map((e) => ({ source: e.source, ref: e.ref, date: e.date ?? null })),
  };
}

const nonEmpty = <T extends object>(o: T) => Object.keys(o).length > 0;

/** The file entry for a stored persona; empty and null fields are left out. */
export function personaToEntry(p: Persona | PersonaDraft): PersonaFileInput['personas'][number] {
  const entry: PersonaFileInput['personas'][number] = { name: p.name, summary: p.summary };
  if (p.product) entry.product = p.product;
  if (p.owner) entry.owner = p.owner;
  entry.reviewed_at = p.reviewedAt;
  if (nonEmpty(p.demographics)) entry.demographics = p.demographics;
  if (nonEmpty(p.psychographics)) entry.psychographics = p.psychographics;
  if (nonEmpty(p.sociographics)) entry.sociographics = p.sociographics;
  if (p.channels.length) entry.channels = [...p.channels];
  if (p.quote) entry.quote = p.quote;
  if (p.successMetric) entry.success_metric = p.successMetric;
  if (p.constraints.length) entry.constraints = [...p.constraints];
  if (p.jobs.length)
    entry.jobs = p.jobs.map((j) => ({
      kind: j.kind,
      statement: j.statement,
      importance: j.importance,
      ...(j.when ? { when: j.when } : {}),
      ...(j.outcome ? { outcome: j.outcome } : {}),
    }));
  if (p.pains.length) entry.pains = p.pains.map((x) => ({ kind: x.kind, text: x.text, severity: x.severity }));
  if (p.gains.length) entry.gains = p.gains.map((x) => ({ kind: x.kind, text: x.text, relevance: x.relevance }));
  if (p.evidence.length) entry.evidence = p.evidence.map((e) => ({ source: e.source, ref: e.ref, ...(e.date ? { date: e.date } : {}) }));
  return entry;
}

/** JSON Schema of the file format, generated from the zod definition above. */
export function personaFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(personaFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'Persona Bot persona file',
    ...schema,
  };
}
