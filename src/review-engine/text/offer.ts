// Offer language: discount codes, "% off", prices, multi-buys, free delivery, sales and
// deadlines. An offer is a property of the ad (it says how to buy), not a job of a persona: a
// budget-minded persona would otherwise "fit" every discount code. The models read a draft with
// its offer phrases taken out, so a draft that is only an offer speaks to nobody, and a draft
// that wraps a real promise in an offer is judged on the promise.

export interface OfferPhrase {
  text: string;
  start: number;
  end: number;
}

const MONEY = String.raw`(?:[£$€¥₹]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:usd|eur|gbp|aud|cad|dollars?|pounds?|euros?|bucks|p)\b)`;
const PER = String.raw`(?:\s*(?:\/|a|per)\s*(?:month|mo|week|wk|year|yr|day|person|meal|box))?`;

// Each pattern is one kind of offer phrase; together they are compiled into one expression.
const PATTERNS: readonly string[] = [
  // "20% off", "up to 50% off everything", "save 30%", "30% discount"
  String.raw`(?:(?:get|enjoy|take|save|saving|extra|an extra|up to|with)\s+)*\d{1,3}(?:\.\d+)?\s?%\s*(?:off|discount|savings?|cashback|back)?(?:\s+(?:everything|sitewide|all\s+\w+|your\s+(?:first\s+)?\w+(?:\s+order)?|selected\s+\w+|orders?))?`,
  // "£10 off", "save $20", "for just £5.99 a month", "only $9.99", "from £3"
  String.raw`(?:(?:for|at|from|now|just|only|save|get|and)\s+)*(?:just\s+|only\s+)?${MONEY}${PER}(?:\s+off(?:\s+your\s+(?:first\s+)?\w+)?)?`,
  // "use code SAVE20", "promo code: SPRING", "with code X at checkout"
  String.raw`(?:(?:use|with|enter|apply|redeem)\s+)?(?:the\s+)?(?:promo|discount|coupon|voucher|offer)?\s*code\s*:?\s*[A-Z0-9][A-Z0-9-]{2,}(?:\s+at\s+checkout)?`,
  // "buy one get one free", "BOGOF", "2 for 1", "3 for 2"
  String.raw`buy\s+one,?\s+get\s+one(?:\s+(?:free|half\s+price|50%\s+off))?|bogof?|\b\d\s+for\s+\d\b|two\s+for\s+one`,
  // "free delivery", "free shipping on orders over £50", "free returns", "free gift"
  String.raw`free\s+(?:next[- ]day\s+|uk\s+|standard\s+|express\s+)?(?:delivery|shipping|returns|p&p|gift(?:\s+with\s+purchase)?)(?:\s+on\s+(?:all\s+)?orders?(?:\s+over\s+${MONEY})?)?`,
  // "limited time only", "today only", "this weekend only", "ends tonight", "while stocks last"
  String.raw`(?:for\s+a\s+)?limited[- ]time(?:\s+(?:only|offer))?|(?:today|tonight|this\s+weekend|this\s+week|\d+\s+days?)\s+only|(?:offer|sale|deal|discount)s?\s+ends?\s+(?:tonight|today|tomorrow|soon|midnight|sunday|monday|friday|at\s+midnight|on\s+\w+)|ends?\s+(?:tonight|today|tomorrow|soon|at\s+midnight|midnight|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)|while\s+(?:stocks?|supplies)\s+last|last\s+chance|don[’']?t\s+miss\s+(?:out|it)`,
  // "Black Friday sale", "summer sale", "sale now on", "mega sale", "clearance"
  String.raw`(?:black\s+friday|cyber\s+monday|boxing\s+day|summer|winter|spring|autumn|fall|january|flash|mega|big|mid[- ]season|end[- ]of[- ]season|clearance|holiday|anniversary|birthday)\s+(?:sale|deals?|event)|\bsale\s+(?:now\s+on|starts|is\s+on|ends)|\bon\s+sale\b|\bclearance\b`,
  // "3 days free", "free for 30 days", "free trial", "try it free"
  String.raw`\d+\s+(?:days?|weeks?|months?)\s+free|free\s+for\s+\d+\s+(?:days?|weeks?|months?)|(?:start\s+(?:your|a)\s+)?free\s+trial|try\s+it\s+(?:for\s+)?free`,
  // "T&Cs apply", "terms apply", "ends 31/12"
  String.raw`t\s?&\s?cs?\s+apply|terms(?:\s+and\s+conditions)?\s+apply|\bexcl(?:udes|\.)?\s+sale\s+items`,
];

const OFFER_RE = new RegExp(PATTERNS.map((p) => `(?:${p})`).join('|'), 'giu');

/** The offer phrases of a text, in order, without overlaps. */
export function findOffers(text: string): OfferPhrase[] {
  const out: OfferPhrase[] = [];
  for (const m of text.matchAll(OFFER_RE)) {
    const raw = m[0];
    // Trim the whitespace the alternatives may take at either end.
    const lead = raw.length - raw.trimStart().length;
    const phrase = raw.trim();
    if (phrase.length === 0) continue;
    out.push({ text: phrase, start: m.index + lead, end: m.index + lead + phrase.length });
  }
  return out;
}

/** The text with every offer phrase replaced by a space. */
export function withoutOffers(text: string): string {
  const offers = findOffers(text);
  if (offers.length === 0) return text;
  let out = '';
  let at = 0;
  for (const o of offers) {
    out += `${text.slice(at, o.start)} `;
    at = o.end;
  }
  return out + text.slice(at);
}
