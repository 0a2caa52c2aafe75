// The persona vocabulary shared by the store, the file format, search and review.
// Kept as `as const` tuples so zod enums, SQL check constraints and Slack selects
// all read the same list.

export const JOB_KINDS = ['functional', 'emotional', 'social'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const PAIN_KINDS = ['undesired_outcome', 'obstacle', 'risk'] as const;
export type PainKind = (typeof PAIN_KINDS)[number];

export const GAIN_KINDS = ['required', 'expected', 'desired', 'unexpected'] as const;
export type GainKind = (typeof GAIN_KINDS)[number];

export const EVIDENCE_SOURCES = ['interview', 'survey', 'support_ticket', 'analytics', 'other'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const CHANNEL_IDS = ['google_search', 'meta', 'instagram', 'tiktok', 'linkedin', 'x', 'email', 'sms'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** How people write the channels. */
export const CHANNEL_NAMES: Record<ChannelId, string> = {
  google_search: 'Google Search',
  meta: 'Meta',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  x: 'X',
  email: 'Email',
  sms: 'SMS',
};

/** How people write a channel; an id that is not a channel is shown as it is. */
export function channelName(id: ChannelId | string): string {
  return (CHANNEL_NAMES as Record<string, string>)[id] ?? id;
}

/** Free-form attribute maps (demographics, psychographics, sociographics): key → text or list of text. */
export type Attributes = Record<string, string | string[]>;

export interface PersonaJob {
  id: string;
  kind: JobKind;
  statement: string;
  /** JTBD situation: "When …". */
  when: string | null;
  /** JTBD outcome: "so I can …". */
  outcome: string | null;
  /** How much this persona cares about the job, 1–5 (the link's own value: another persona may weigh it differently). */
  importance: number;
}

export interface Pain {
  kind: PainKind;
  text: string;
  severity: number;
}

export interface Gain {
  kind: GainKind;
  text: string;
  relevance: number;
}

export interface Evidence {
  source: EvidenceSource;
  ref: string;
  /** ISO date (YYYY-MM-DD) or null when the source has none. */
  date: string | null;
}

/** What a person writes about a persona: everything but ids and bookkeeping. */
export interface PersonaDraft {
  name: string;
  summary: string;
  product: string | null;
  owner: string | null;
  /** ISO date (YYYY-MM-DD) research last confirmed the persona. */
  reviewedAt: string;
  demographics: Attributes;
  psychographics: Attributes;
  sociographics: Attributes;
  channels: ChannelId[];
  quote: string | null;
  successMetric: string | null;
  constraints: string[];
  jobs: Array<Omit<PersonaJob, 'id'>>;
  pains: Pain[];
  gains: Gain[];
  evidence: Evidence[];
}

/** A stored persona with its jobs, pains, gains and evidence. */
export interface Persona extends Omit<PersonaDraft, 'jobs'> {
  id: string;
  teamId: string;
  archived: boolean;
  /** Slack user id (or `cli`) behind the last change. */
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  jobs: PersonaJob[];
}

/** Case- and space-insensitive identity used for persona names and job statements. */
export function identityKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A persona in memory from a draft, without a database: for tests, benchmarks and the eval set. */
export function personaFromDraft(draft: PersonaDraft, id: string, teamId = 'T_LOCAL', at = new Date(0)): Persona {
  return {
    ...draft,
    id,
    teamId,
    archived: false,
    updatedBy: null,
    createdAt: at,
    updatedAt: at,
    jobs: draft.jobs.map((j) => ({ ...j, id: `${id}:${identityKey(j.statement)}` })),
  };
}
