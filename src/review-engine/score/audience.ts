// The audience cue in persona fit: a draft written to someone who earns from the product moves
// the personas who buy from it down, and a draft written to a customer moves down those who earn
// from it (text/audience.ts reads both sides). It only ever takes away: addressing a customer
// is what every sale and notice does, so it must not make generic copy fit a customer persona;
// what it settles is which side of a product the ad is NOT for. Personas with no clear side are
// not moved.
import { quote } from '../text/counting.js';
import { draftAudience, personaAudience } from '../text/audience.js';
import type { DraftAudience, Side } from '../text/audience.js';
import type { PreparedPersonas } from './prepared-personas.js';

/** Logit taken from a persona's relevance when the draft fully addresses the other side (lean ±1): chosen on the fit sets (2 fixed fewer sibling misses there). */
export const AUDIENCE_WEIGHT = 3;

export interface AudienceAgreement {
  /** Added to the relevance logit: AUDIENCE_WEIGHT × lean × (+1 earner, −1 customer, 0 no side), when below 0. */
  shift: number;
  side: Side | null;
  draft: DraftAudience;
}

const sides = new WeakMap<PreparedPersonas, Array<Side | null>>();
const drafts = new WeakMap<PreparedPersonas, { text: string; audience: DraftAudience }>();

function personaSides(index: PreparedPersonas): Array<Side | null> {
  let out = sides.get(index);
  if (!out) {
    out = index.personas.map((p) => personaAudience(p).side);
    sides.set(index, out);
  }
  return out;
}

function audienceOf(index: PreparedPersonas, text: string): DraftAudience {
  const cached = drafts.get(index);
  if (cached && cached.text === text) return cached.audience;
  const audience = draftAudience(text);
  drafts.set(index, { text, audience });
  return audience;
}

export function audienceAgreement(index: PreparedPersonas, pi: number, text: string): AudienceAgreement {
  const side = personaSides(index)[pi] ?? null;
  const draft = audienceOf(index, text);
  const sign = side === 'earner' ? 1 : side === 'customer' ? -1 : 0;
  return { shift: Math.min(0, AUDIENCE_WEIGHT * draft.lean * sign), side, draft };
}

/** The cue in plain words, when it moved the persona down. */
export function audienceReason(a: AudienceAgreement): string | null {
  if (a.side === null || a.shift > -0.05) return null;
  const toEarner = a.draft.lean > 0;
  const cues = a.draft.cues
    .filter((c) => c.side === (toEarner ? 'earner' : 'customer'))
    .slice(0, 3)
    .map((c) => `"${quote(c.text, 40)}"`)
    .join(', ');
  const reader = toEarner ? 'someone who earns from the product' : 'a customer';
  const persona = a.side === 'earner' ? 'earns from it' : 'buys from it';
  return `speaks to ${reader} (${cues}), but this persona ${persona}`;
}
