// Generated campaign results with patterns planted in them, for tests and the import bench:
// each ad has a true click-through and conversion rate (which may change by week), and each
// day's counts are drawn from them with a seeded generator, so a run is repeatable.

export interface PlantedAd {
  text: string;
  channel: string;
  persona?: string;
  /** Clicks per impression. */
  ctr: number;
  /** Conversions per click; a function of the week (0 = first) for a trend. */
  cvr: number | ((week: number) => number);
  impressionsPerDay: number;
  /** Cost per click; spend is left empty without it. */
  cpc?: number;
}

export interface GeneratedRow {
  date: string;
  channel: string;
  text: string;
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number | null;
  persona: string | null;
}

/** mulberry32: a small, well-mixed 32-bit generator; enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A binomial draw: exact for small expected counts (Poisson limit), normal beyond. */
export function binomial(random: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  const mean = n * p;
  if (n <= 60) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  if (mean < 30) {
    // Knuth's Poisson sampler: n large and p small.
    const limit = Math.exp(-mean);
    let k = 0;
    let prod = random();
    while (prod > limit) {
      k++;
      prod *= random();
    }
    return Math.min(k, n);
  }
  const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(random));
  return Math.max(0, Math.min(n, draw));
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function generateResults({ ads, start, days, seed }: { ads: PlantedAd[]; start: string; days: number; seed: number }): GeneratedRow[] {
  const random = seededRandom(seed);
  const rows: GeneratedRow[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    const week = Math.floor(d / 7);
    for (const ad of ads) {
      const impressions = Math.max(0, Math.round(ad.impressionsPerDay * (0.8 + 0.4 * random())));
      const clicks = binomial(random, impressions, ad.ctr);
      const cvr = typeof ad.cvr === 'function' ? ad.cvr(week) : ad.cvr;
      const conversions = binomial(random, clicks, cvr);
      rows.push({
        date,
        channel: ad.channel,
        text: ad.text,
        impressions,
        clicks,
        conversions,
        spend: ad.cpc === undefined ? null : Math.round(clicks * ad.cpc * 100) / 100,
        persona: ad.persona ?? null,
      });
    }
  }
  return rows;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rows as a generic-format CSV file. */
export function toGenericCsv(rows: GeneratedRow[]): string {
  const header = 'date,channel,text,impressions,clicks,conversions,spend,persona';
  const lines = rows.map((r) => [r.date, r.channel, r.text, r.impressions, r.clicks, r.conversions, r.spend, r.persona].map(csvCell).join(','));
  return `${[header, ...lines].join('\n')}\n`;
}
