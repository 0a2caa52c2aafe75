// Which of the workspace's products a draft names: the product's name as a word of its own
// ("Pawsure"), or inside a handle, hashtag or web address (@pawsure, #PawsureParents,
// pawsure.com). A named product says which product an ad is for, which narrows the personas.

/** The letters and digits of a name, lower case: "Green Hop" and "#GreenHop" both give "greenhop". */
export function brandKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Handles, hashtags, host names and CamelCase compounds ("UberX", "AirbnbPlus") in a text, as brand keys. */
function tagKeys(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b\p{Lu}\p{Ll}+(?:\p{Lu}[\p{L}\p{N}]*)+\b/gu)) out.push(brandKey(m[0]));
  for (const m of text.matchAll(/[@#]([\p{L}\p{N}_.]+)/gu)) out.push(brandKey(m[1]!));
  for (const m of text.matchAll(/\b(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)\.(?:com|co|io|app|org|net|uk|de|fr|au|ca|us|ie|nz|eu|shop|store|example)\b/giu))
    out.push(brandKey(m[1]!));
  return out;
}

const wordRes = new Map<string, RegExp>();

function namesAsWord(lowerText: string, product: string): boolean {
  const n = product.toLowerCase().trim();
  if (n.length < 3 || !lowerText.includes(n)) return false;
  let re = wordRes.get(n);
  if (!re) {
    const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u');
    if (wordRes.size > 10_000) wordRes.clear();
    wordRes.set(n, re);
  }
  return re.test(lowerText);
}

/**
 * The products (as given) that `text` names. A product key shorter than four letters counts
 * only as a word of its own: "Go" inside a hashtag says nothing.
 */
export function namedProducts(text: string, products: Iterable<string>): Set<string> {
  const lower = text.toLowerCase();
  // Tags are read from the text as written: CamelCase needs its capitals.
  const tags = tagKeys(text);
  const out = new Set<string>();
  for (const product of products) {
    if (namesAsWord(lower, product)) {
      out.add(product);
      continue;
    }
    const key = brandKey(product);
    if (key.length >= 4 && tags.some((t) => t.includes(key))) out.add(product);
  }
  return out;
}
