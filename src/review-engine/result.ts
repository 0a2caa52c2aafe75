// The review result: the JSON contract of `review --json` (one object per draft, or per line
// with `--batch`, then with an "id"), and what Slack renders. Defined once, with zod.
import { z } from 'zod';
import { CHANNEL_IDS, JOB_KINDS } from '../domain/persona.js';
import { SEVERITIES } from './findings.js';

export const VERDICTS = ['good', 'ok', 'poor'] as const;
export const MATCH_LEVELS = ['strong', 'partial', 'none'] as const;

export const findingSchema = z.object({
  severity: z.enum(SEVERITIES),
  rule: z.string(),
  message: z.string(),
  text: z.string().optional(),
  actual: z.number().optional(),
  limit: z.number().optional(),
});

export const jobResultSchema = z.object({
  statement: z.string(),
  kind: z.enum(JOB_KINDS),
  importance: z.number().int().min(1).max(5),
  /** 0–1: how sure the engine is that the draft addresses the job. */
  score: z.number().min(0).max(1),
  /** The draft's words that carry the job. */
  evidence: z.string(),
  /** Where the evidence sits in the draft (UTF-16 offsets). */
  evidenceStart: z.number().int().min(0),
  evidenceEnd: z.number().int().min(0),
  /** `primary`: a promise of its own; `supporting`: the payoff of a primary job (an emotional or social job beside a functional one). */
  role: z.enum(['primary', 'supporting']),
});

export const touchResultSchema = z.object({ text: z.string(), score: z.number().min(0).max(1), evidence: z.string() });

export const personaResultSchema = z.object({
  name: z.string(),
  fit: z.number().int().min(0).max(100),
  match: z.enum(MATCH_LEVELS),
  /** Only the jobs the draft addresses, clearest first. */
  jobs: z.array(jobResultSchema),
  pains: z.array(touchResultSchema.extend({ severity: z.number().int() })),
  gains: z.array(touchResultSchema.extend({ relevance: z.number().int() })),
  /** Why the fit is what it is, in words. */
  reasons: z.array(z.string()),
});

export const channelResultSchema = z.object({
  channel: z.enum(CHANNEL_IDS),
  verdict: z.enum(VERDICTS),
  score: z.number().int().min(0).max(100),
  reasons: z.array(z.string()),
});

export const reviewResultSchema = z.object({
  /** The channel reviewed: the one asked for, else the best of the ranking. */
  channel: z.enum(CHANNEL_IDS),
  /** Suitability for that channel: poor when a hard rule is broken, ok when a recommendation is missed. */
  verdict: z.enum(VERDICTS),
  findings: z.array(findingSchema),
  /** Every persona, best first. */
  personas: z.array(personaResultSchema),
  /** Jobs addressed for --persona when given, else for the best persona when it matches at all, else 0. */
  jobsAddressed: z.number().int().min(0),
  /** The persona `jobsAddressed` counts for, or null. */
  persona: z.string().nullable(),
  /**
   * The persona ranked second when the draft is written nearly as clearly for it as for the
   * first: the engine cannot tell the two apart with confidence. Null otherwise.
   */
  closeCall: z.string().nullable(),
  /** Of those jobs, the ones that are promises of their own (the one-job rule counts these). */
  primaryJobs: z.number().int().min(0),
  /** Every channel, best first. */
  channels: z.array(channelResultSchema),
  analysis: z.object({
    /** `semantic` with sentence vectors, `lexical` with word overlap only. */
    mode: z.enum(['semantic', 'lexical']),
    model: z.string().nullable(),
    characters: z.number().int().min(0),
    analysedCharacters: z.number().int().min(0),
    pieces: z.number().int().min(0),
    rulesVersion: z.string(),
  }),
});

export type ReviewResult = z.infer<typeof reviewResultSchema>;
export type PersonaResult = z.infer<typeof personaResultSchema>;
export type JobResult = z.infer<typeof jobResultSchema>;
export type ChannelResult = z.infer<typeof channelResultSchema>;

/** The persona a review's first is a close call with (`closeCall`), or undefined. */
export function closeCallPersona(result: ReviewResult): PersonaResult | undefined {
  return result.closeCall === null ? undefined : result.personas.find((p) => p.name === result.closeCall);
}
