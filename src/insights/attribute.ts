// Which persona and which of its jobs an ad speaks to, read by the review engine. An ad is read
// once per distinct text, channel and named persona, however many days it ran.
import { identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import type { ResultAttribution } from '../db/schema.js';

export type { ResultAttribution };

export interface AdToAttribute {
  text: string;
  channel: ChannelId;
  /** The persona the file names, as written; null to let the engine pick. */
  personaGiven: string | null;
}

export interface Attributed {
  /** The persona the results count for (its stored name), or null. */
  persona: string | null;
  attribution: ResultAttribution;
}

export function adAttributionKey(ad: AdToAttribute): string {
  return `${ad.text}\u0000${ad.channel}\u0000${ad.personaGiven === null ? '' : identityKey(ad.personaGiven)}`;
}

/** The persona a name refers to (any case and spacing), or undefined. */
export function findPersona(personas: Persona[], name: string): Persona | undefined {
  const key = identityKey(name);
  return personas.find((p) => identityKey(p.name) === key);
}

export async function attributeAd(engine: ReviewEngine, teamId: string, personas: Persona[], ad: AdToAttribute): Promise<Attributed> {
  const given = ad.personaGiven === null ? undefined : findPersona(personas, ad.personaGiven);
  const result = await engine.review({ text: ad.text, personas, teamId, channel: ad.channel, ...(given ? { persona: given.name } : {}) });
  const best = result.personas[0];
  const bestFit = best && best.match !== 'none' ? best.name : null;
  const counted = given?.name ?? result.persona;
  const jobs = result.personas.find((p) => p.name === counted)?.jobs ?? [];
  return {
    persona: counted,
    attribution: {
      source: given ? 'column' : counted ? 'engine' : 'none',
      bestFit,
      fit: best ? best.fit : null,
      jobs: jobs.map((j) => ({ statement: j.statement, kind: j.kind, score: Math.round(j.score * 1000) / 1000 })),
      mode: result.analysis.mode,
      rulesVersion: result.analysis.rulesVersion,
    },
  };
}

/**
 * Attributes every distinct ad of `ads`, reporting progress as it goes. The engine is prepared
 * once for the whole batch.
 */
export async function attributeAds(
  engine: ReviewEngine,
  teamId: string,
  personas: Persona[],
  ads: AdToAttribute[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, Attributed>> {
  await engine.prepare(teamId, personas);
  const out = new Map<string, Attributed>();
  const distinct = new Map<string, AdToAttribute>();
  for (const ad of ads) distinct.set(adAttributionKey(ad), ad);
  let done = 0;
  for (const [key, ad] of distinct) {
    out.set(key, await attributeAd(engine, teamId, personas, ad));
    done++;
    if (done % 25 === 0 || done === distinct.size) onProgress?.(done, distinct.size);
  }
  return out;
}
