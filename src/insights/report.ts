// The insights report: the JSON contract of `insights --json`, and what Slack renders.
import { z } from 'zod';

export const SIGNAL_KINDS = ['performance_opportunity', 'conversion_gap', 'audience_mismatch', 'trend_shift'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const jobChannelSchema = z.object({
  persona: z.string(),
  /** The job statement; null for the persona's ads that speak to none of its jobs. */
  job: z.string().nullable(),
  jobKind: z.string().nullable(),
  channel: z.string(),
  ads: z.number().int().min(0),
  impressions: z.number().min(0),
  clicks: z.number().min(0),
  conversions: z.number().min(0),
  /** Conversions per click; null without clicks. */
  conversionRate: z.number().min(0).max(1).nullable(),
  /** 95% Wilson interval of the conversion rate. */
  low: z.number().min(0).max(1),
  high: z.number().min(0).max(1),
  spend: z.number().nullable(),
  costPerConversion: z.number().nullable(),
  /** False when there are too few clicks for the rate to support a signal. */
  enough: z.boolean(),
});

export const signalSchema = z.object({
  kind: z.enum(SIGNAL_KINDS),
  persona: z.string(),
  job: z.string().nullable(),
  channel: z.string(),
  message: z.string(),
  /** The numbers behind the message. */
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const insightsReportSchema = z.object({
  persona: z.string().nullable(),
  totals: z.object({
    ads: z.number().int().min(0),
    impressions: z.number().min(0),
    clicks: z.number().min(0),
    conversions: z.number().min(0),
    /** Clicks of ads no persona fits: in the totals, in no persona's rows. */
    unattributedClicks: z.number().min(0),
    /** Monday of the first and of the last week with results. */
    firstWeek: z.string().nullable(),
    lastWeek: z.string().nullable(),
  }),
  jobChannels: z.array(jobChannelSchema),
  signals: z.array(signalSchema),
  method: z.object({
    minClicks: z.number(),
    minConversions: z.number(),
    minRatio: z.number(),
    familyAlpha: z.number(),
    /** Comparisons made; each must pass |z| ≥ criticalZ (Bonferroni over all of them). */
    tests: z.number().int().min(0),
    criticalZ: z.number(),
    recentWeeks: z.number().int(),
  }),
  notes: z.array(z.string()),
});

export type JobChannel = z.infer<typeof jobChannelSchema>;
export type Signal = z.infer<typeof signalSchema>;
export type InsightsReport = z.infer<typeof insightsReportSchema>;
