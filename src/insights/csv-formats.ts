// The CSV layouts `results import` reads: the generic one, and the column headers of the ad
// platforms' own exports (Google Ads' ad report, Meta Ads Manager, LinkedIn Campaign Manager),
// so people can import what the platform gave them without editing it.
//
// Headers are matched case-insensitively with spacing collapsed; a few carry the currency in
// the name ("Amount spent (EUR)"), so those match by prefix.
import type { ChannelId } from '../domain/persona.js';
import { parseChannelName } from '../review-engine/channel-hint.js';

export const RESULT_FORMATS = ['generic', 'google-ads', 'meta', 'linkedin'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export const RESULT_FIELDS = ['date', 'channel', 'text', 'impressions', 'clicks', 'conversions', 'spend', 'persona', 'campaign'] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];

export interface FormatSpec {
  label: string;
  /** Per field, the headers that carry it, preferred first. */
  columns: Partial<Record<ResultField, string[]>>;
  /** Headers whose cells are joined (with a line break) to make the ad text, in this order. */
  textParts?: string[];
  /** Fields that must have a column. `text` is satisfied by any of `textParts`. */
  required: ResultField[];
  /** The channel when the export is of one platform; a function of the channel cell otherwise. */
  channel: ChannelId | ((cell: string) => ChannelId | null);
  /** Platform exports write numbers for people: "1,234", "--" for none, a currency sign. */
  lenientNumbers: boolean;
  /** Conversions may be fractional (data-driven attribution): rounded, and counted in the summary. */
  fractionalConversions: boolean;
  /** Summary rows the platforms append ("Total: account"): skipped, not imported. */
  isSummaryRow?: (cells: Record<string, string>) => boolean;
}

const startsWithTotal = (cells: Record<string, string>) => Object.values(cells).some((v) => /^total\b/i.test(v.trim()));

// Google Ads' ad-level campaign types that are search ads; the others are not a channel the
// review engine knows (Display, Video, Performance Max), so they are refused by name.
const GOOGLE_CAMPAIGN_TYPES: Record<string, ChannelId> = { search: 'google_search', 'search network': 'google_search' };

// Meta's "Platform" breakdown: Facebook, Instagram, Messenger, Audience Network.
const META_PLATFORMS: Record<string, ChannelId> = {
  facebook: 'meta',
  instagram: 'instagram',
  messenger: 'meta',
  'audience network': 'meta',
  audience_network: 'meta',
};

export const FORMATS: Record<ResultFormat, FormatSpec> = {
  generic: {
    label: 'generic (date, channel, text, impressions, clicks, conversions; spend, persona, campaign optional)',
    columns: {
      date: ['date'],
      channel: ['channel'],
      text: ['text'],
      impressions: ['impressions'],
      clicks: ['clicks'],
      conversions: ['conversions'],
      spend: ['spend'],
      persona: ['persona'],
      campaign: ['campaign'],
    },
    required: ['date', 'channel', 'text', 'impressions', 'clicks', 'conversions'],
    channel: (cell) => parseChannelName(cell),
    lenientNumbers: false,
    fractionalConversions: false,
  },
  // Google Ads → Ads → Download: the "Ad report". Two title lines (report name, date range)
  // come before the header; responsive search ads carry up to 15 headlines and 4 descriptions.
  'google-ads': {
    label: 'Google Ads ad report (Day, Headline 1…15, Description 1…4, Impr., Clicks, Conversions, Cost)',
    columns: {
      date: ['day', 'date'],
      channel: ['campaign type'],
      impressions: ['impr.', 'impressions'],
      clicks: ['clicks'],
      conversions: ['conversions', 'conv.'],
      spend: ['cost'],
      persona: ['persona'],
      campaign: ['campaign'],
    },
    textParts: [...Array.from({ length: 15 }, (_, i) => `headline ${i + 1}`), 'description', ...Array.from({ length: 4 }, (_, i) => `description ${i + 1}`)],
    required: ['date', 'text', 'impressions', 'clicks', 'conversions'],
    channel: (cell) => (cell.trim() === '' ? 'google_search' : (GOOGLE_CAMPAIGN_TYPES[cell.trim().toLowerCase()] ?? null)),
    lenientNumbers: true,
    fractionalConversions: true,
    isSummaryRow: startsWithTotal,
  },
  // Ads Manager → Reports → Export table data, at ad level with a daily breakdown and the
  // creative columns (Title, Body) added.
  meta: {
    label: 'Meta Ads Manager export (Reporting starts, Title, Body, Impressions, Link clicks, Results, Amount spent)',
    columns: {
      date: ['reporting starts', 'day'],
      channel: ['platform'],
      impressions: ['impressions'],
      clicks: ['link clicks', 'clicks (all)'],
      conversions: ['results', 'conversions', 'purchases', 'leads'],
      spend: ['amount spent*'],
      persona: ['persona'],
      campaign: ['campaign name'],
    },
    textParts: ['title', 'body'],
    required: ['date', 'text', 'impressions', 'clicks', 'conversions'],
    channel: (cell) => (cell.trim() === '' ? 'meta' : (META_PLATFORMS[cell.trim().toLowerCase()] ?? null)),
    lenientNumbers: true,
    fractionalConversions: true,
  },
  // Campaign Manager → Analyze → Export → "Ad performance", daily. Four title lines (report
  // name, start, end, generated) come before the header; dates are month/day/year.
  linkedin: {
    label:
      'LinkedIn Campaign Manager ad performance report (Start Date (in UTC), Ad Introduction Text, Ad Headline, Impressions, Clicks, Conversions, Total Spent)',
    columns: {
      date: ['start date (in utc)', 'start date', 'date'],
      impressions: ['impressions'],
      clicks: ['clicks'],
      conversions: ['conversions'],
      spend: ['total spent', 'amount spent*'],
      persona: ['persona'],
      campaign: ['campaign name'],
    },
    textParts: ['ad headline', 'ad introduction text'],
    required: ['date', 'text', 'impressions', 'clicks', 'conversions'],
    channel: 'linkedin',
    lenientNumbers: true,
    fractionalConversions: false,
  },
};

export function normaliseHeader(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Where each field is in a header row, or the required fields that have no column. */
export function locateColumns(
  spec: FormatSpec,
  header: string[],
): { columns: Partial<Record<ResultField, number>>; textColumns: number[]; missing: ResultField[] } {
  const names = header.map(normaliseHeader);
  const find = (alias: string) => (alias.endsWith('*') ? names.findIndex((n) => n.startsWith(alias.slice(0, -1))) : names.indexOf(alias));
  const columns: Partial<Record<ResultField, number>> = {};
  for (const field of RESULT_FIELDS) {
    for (const alias of spec.columns[field] ?? []) {
      const at = find(alias);
      if (at >= 0) {
        columns[field] = at;
        break;
      }
    }
  }
  const textColumns = (spec.textParts ?? []).map(find).filter((i) => i >= 0);
  const missing = spec.required.filter((f) => (f === 'text' && spec.textParts ? textColumns.length === 0 : columns[f] === undefined));
  return { columns, textColumns, missing };
}

/** The header a field is written under in the format, for messages. */
export function columnLabel(spec: FormatSpec, field: ResultField): string {
  if (field === 'text' && spec.textParts) return spec.textParts.slice(0, 3).join(' / ');
  return spec.columns[field]?.[0]?.replace(/\*$/, '') ?? field;
}
