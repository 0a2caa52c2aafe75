// Who an ad speaks to as "you": someone who earns from the product (a driver, courier, seller,
// host, maker, creator: paid, selling, serving customers) or someone who buys from it or uses it
// (a rider, diner, guest, buyer, member). Two personas of one product (both sides of a
// marketplace) share the product's words, and the sentence model hears "rides" or "orders" in
// both; what separates an ad to the courier from an ad to the diner is who it addresses and
// what it offers them: pay, earnings and customers of their own, or an order, a trip, a meal.
// Third-person mentions ("diners travel for the holiday") say nothing about the reader.
//
// The word lists are general English marketplace vocabulary, not any one brand's.

import { withoutOffers } from './offer.js';

export type Side = 'earner' | 'customer';

export interface AudienceCue {
  side: Side;
  /** The draft's own words, lower case. */
  text: string;
}

export interface DraftAudience {
  /** -1 (written to a customer) … +1 (written to someone who earns from the product); 0 when the draft does not say. */
  lean: number;
  cues: AudienceCue[];
}

const SERVERS = `(?:drivers?|couriers?|sellers?|hosts?|dashers?|creators?|makers?|artists?|musicians?|partners?|contractors?|merchants?|vendors?|freelancers?)`;
const CUSTOMERS = `(?:riders?|passengers?|guests?|diners?|buyers?|members?|customers?|travell?ers?|foodies|families|parents|readers|listeners)`;
const THEIR_PEOPLE = `(?:customers|clients|guests|buyers|riders|passengers|diners|fans|supporters|patrons|followers|audience|subscribers|shoppers)`;

// Each cue is one pattern; the sides are counted once per distinct phrase.
const EARNER: readonly RegExp[] = [
  // The reader is paid: "you'll earn", "you will make at least $12", "we'll bonus you", "cash in"
  /\byou(?:['’]ll| will| can| could| may)?\s+(?:earn|get paid|be paid|make (?:at least|more|up to|extra|money))\b/giu,
  /\b(?:bonus|pay|reward)\s+you\b/giu,
  /\bcash(?:ing)? in\b/giu,
  // Their money from the product: earnings, payouts, pay per order, peak pay, guarantees, surge
  /\b(?:your\s+)?(?:earnings?|payouts?|take[- ]home)\b/giu,
  /\b(?:pay|earnings?)\s+per\s+(?:order|trip|ride|delivery|hour|job|sale|booking)\b/giu,
  // ("surge" alone is left out: riders hear about surge prices too)
  /\b(?:peak|base|bonus|boost|surge)\s+pay\b|\bguarantee(?:d)?\s+(?:minimum\s+)?(?:earnings|pay|bonus(?:es)?)\b/giu,
  /\b(?:milestones?|incentives?|quests?)\b/giu,
  // Their side of the business: customers, listings, sales, fees for selling, bookings
  new RegExp(String.raw`\byour\s+(?:own\s+)?(?:${THEIR_PEOPLE}|listings?|shop|store|storefront|sales|bookings|calendar|tips|craft|creations?)\b`, 'giu'),
  /\b(?:sell(?:ing)?\s+on|(?:listing|insertion|final value|transaction|seller|selling|service)\s+fees?|seller\s+(?:tools|protection|standards|community|update|dashboard|ratings?))\b/giu,
  // Addressed by their role: "sellers like you", "Dear Seller Community", "thank you for driving"
  new RegExp(
    String.raw`\b${SERVERS}\s+like\s+you\b|\b(?:dear|hello|hi|hey|attention)\s+${SERVERS}\b|\bthank(?:s| you)\s+for\s+(?:driving|delivering|hosting|selling|creating|shopping\s+for|partnering)\b`,
    'giu',
  ),
  // The work itself: going online, accepting or completing trips, orders and deliveries
  /\b(?:go(?:ing)?\s+online|accept(?:ing)?\s+(?:rides|orders|trips|offers|requests|deliveries|bookings)|delivery\s+(?:offers|opportunities)|complet(?:e|ed|ing)\s+(?:\d+\s+)?(?:deliver(?:y|ies)|delivery\s+offers|orders|trips|rides|jobs)|acceptance\s+rate|hot\s*zones?|activate\s+new\s+drivers)\b/giu,
];

const CUSTOMER: readonly RegExp[] = [
  // Their order, ride or stay: "your next 10 rides", "your first order", "your groceries"
  /\byour\s+(?:next\s+|first\s+|favou?rite\s+)?(?:\d+\s+)?(?:orders?|rides?|trips?|stays?|meals?|food|dinner|lunch|breakfast|groceries|basket|cart|purchases?|deliver(?:y|ies)(?!\s+(?:offers|opportunities))|booking|getaway|holidays?|vacation|gifts?|membership|subscription|dish(?:es)?|restaurants?)\b/giu,
  // Asked to buy or use: "order now", "book today", "ride with Uber", "treat yourself"
  /\b(?:order|book|shop|buy|ride|eat|dine|travel|stay)\s+(?:now|today|tonight|with|in)\b|\btreat\s+(?:yourself|your\s+family)\b|\bjoin\s+(?:for\s+free|now)\b/giu,
  // Addressed by their role: "riders like you", "thank you for shopping", "Dear guest"
  new RegExp(
    String.raw`\b${CUSTOMERS}\s+like\s+you\b|\b(?:dear|hello|hi|hey)\s+${CUSTOMERS}\b|\bthank(?:s| you)\s+for\s+(?:shopping|ordering|riding|staying|booking|choosing|your\s+(?:order|purchase|trust)|being\s+a\s+(?:member|customer))\b`,
    'giu',
  ),
  // Served by the other side: "your driver", "your host"; or asked to back the people who make things
  /\byour\s+(?:driver|courier|host|shopper|dasher|seller|server)s?\b/giu,
  /\bsupport(?:ing)?\s+(?:the\s+|your\s+favou?rite\s+|local\s+|independent\s+|small\s+)*(?:artists?|musicians?|bands?|makers?|creators?|restaurants?|businesses|shops?|sellers|labels?)\b/giu,
  // Delivered to them: "straight to your door", "delivered to you"
  /\b(?:to|at)\s+your\s+(?:door(?:step)?|home|table)\b|\bdelivered\s+to\s+you\b/giu,
  // What they spend: "you spend", "save on", "members get"
  /\b(?:every(?:\s+eligible)?\s+dollar\s+you\s+spend|you\s+spend|save\s+on\s+(?:your|each|every)|members?\s+(?:get|save|enjoy))\b/giu,
];

function cuesOf(text: string, side: Side, patterns: readonly RegExp[]): AudienceCue[] {
  const seen = new Set<string>();
  const out: AudienceCue[] = [];
  for (const re of patterns)
    for (const m of text.matchAll(re)) {
      const phrase = m[0].toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      out.push({ side, text: phrase });
    }
  return out;
}

/** Who the draft addresses: the cues on each side and the balance between them. */
export function draftAudience(draft: string): DraftAudience {
  // An offer ("50% off your first order") says how to buy, not who is reading: read without it.
  const text = withoutOffers(draft);
  const earner = cuesOf(text, 'earner', EARNER);
  const customer = cuesOf(text, 'customer', CUSTOMER);
  const e = earner.length;
  const c = customer.length;
  return { lean: (e - c) / (e + c + 1), cues: [...earner, ...customer] };
}

// A persona's side, from its own words: what it is paid or earns (earner) versus what it buys,
// spends or orders (customer).
const PERSONA_EARNER =
  /\b(?:earn\w*|income|paid|payouts?|(?:my|the|fair|extra|bonus|base|hourly)\s+(?:pay|rate)|pay\s+(?:rules|changes|cuts?|rises?)|tips|bonus(?:es)?|sell(?:s|ing)?|sales|margins?|charge\s+a|bring\s+in|my\s+(?:customers|clients|guests|buyers|fans|supporters|listings?|shop|store|craft|work|calendar)|business|driv(?:e|es|ing)\s+(?:for|my|part)|deliver(?:s|ing)\s+(?:for|restaurant|orders)|rents?\s+out|hosting)\b/giu;
const PERSONA_CUSTOMER =
  /(?:\b|^)(?:buy(?:s|ing)?|bought|spend(?:s|ing)?|(?:^|\.\s|\bI\s)pays?\s+(?:less|for|full)|cheaper|price\s+(?:up\s+front|before)|order(?:s|ing)?\s+(?:dinner|food|from)|eat(?:s|ing)?|gifts?|presents?|books?\s+(?:whole|rooms|flats|a\s+place|trips?)|takes?\s+rides|rides\s+I\s+take|membership|groceries|my\s+(?:meal|order|trip|ride|family)|deals?|discounts?|cash\s+back|value\s+for\s+money)\b/giu;

export interface PersonaAudience {
  side: Side | null;
  earner: number;
  customer: number;
}

interface PersonaWords {
  name: string;
  summary: string;
  quote: string | null;
  demographics: Record<string, string | string[]>;
  psychographics: Record<string, string | string[]>;
  jobs: ReadonlyArray<{ statement: string }>;
  pains: ReadonlyArray<{ text: string }>;
  gains: ReadonlyArray<{ text: string }>;
}

const flat = (a: Record<string, string | string[]>) => Object.values(a).flat().join('. ');

/**
 * Which side of its product a persona is on, from its own words. A persona that says neither
 * clearly (most personas of single-sided products) has no side, and the cue never moves it.
 */
export function personaAudience(p: PersonaWords): PersonaAudience {
  const text = [
    p.name,
    p.summary,
    p.quote ?? '',
    flat(p.demographics),
    flat(p.psychographics),
    ...p.jobs.map((j) => j.statement),
    ...p.pains.map((x) => x.text),
    ...p.gains.map((x) => x.text),
  ].join('. ');
  const earner = [...text.matchAll(PERSONA_EARNER)].length;
  const customer = [...text.matchAll(PERSONA_CUSTOMER)].length;
  const side: Side | null = earner >= customer + 2 ? 'earner' : customer >= earner + 2 ? 'customer' : null;
  return { side, earner, customer };
}
