// A report with a little of everything, for the chart and the Slack renderer tests.
import type { InsightsReport, JobChannel } from '../../src/insights/report.js';

export const jobChannel = (over: Partial<JobChannel>): JobChannel => ({
  persona: 'Freelance Designer',
  job: 'Get paid on time without chasing clients',
  jobKind: 'functional',
  channel: 'meta',
  ads: 2,
  impressions: 150_000,
  clicks: 3_000,
  conversions: 180,
  conversionRate: 0.06,
  low: 0.052,
  high: 0.069,
  spend: 2_400,
  costPerConversion: 13.33,
  enough: true,
  ...over,
});

export function plantedReport(over: Partial<InsightsReport> = {}): InsightsReport {
  return {
    persona: null,
    totals: { ads: 6, impressions: 1_000_000, clicks: 17_000, conversions: 540, unattributedClicks: 0, firstWeek: '2026-09-07', lastWeek: '2026-10-26' },
    jobChannels: [
      jobChannel({}),
      jobChannel({ channel: 'google_search', conversions: 45, conversionRate: 0.015, low: 0.011, high: 0.02 }),
      jobChannel({ job: 'Keep every client project on schedule', conversions: 90, conversionRate: 0.03, low: 0.024, high: 0.037 }),
      jobChannel({
        persona: 'Overbooked Team Lead',
        job: 'Cut the number of status meetings',
        channel: 'linkedin',
        clicks: 2_200,
        conversions: 75,
        conversionRate: 0.034,
        low: 0.027,
        high: 0.042,
      }),
      jobChannel({
        persona: 'First-Time Renter',
        job: null,
        jobKind: null,
        channel: 'instagram',
        clicks: 40,
        conversions: 0,
        conversionRate: 0,
        low: 0,
        high: 0.088,
        enough: false,
      }),
    ],
    signals: [
      {
        kind: 'performance_opportunity',
        persona: 'Freelance Designer',
        job: 'Get paid on time without chasing clients',
        channel: 'meta',
        message: 'For Freelance Designer, ads for “Get paid on time without chasing clients” convert 4.0× better on Meta than on Google Search.',
        evidence: { ratio: 4 },
      },
      {
        kind: 'trend_shift',
        persona: 'Overbooked Team Lead',
        job: 'Cut the number of status meetings',
        channel: 'linkedin',
        message: 'For Overbooked Team Lead, ads for “Cut the number of status meetings” on LinkedIn rose to 5.1% conversion.',
        evidence: { ratio: 3 },
      },
    ],
    method: { minClicks: 100, minConversions: 10, minRatio: 1.5, familyAlpha: 0.05, tests: 7, criticalZ: 2.9, recentWeeks: 4 },
    notes: [],
    ...over,
  };
}
