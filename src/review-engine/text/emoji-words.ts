// What an emoji names, for the models: "🐶" reads as "dog", "📱" as "mobile phone". Marketers put
// the subject of a line in an emoji ("No second thoughts. 🐶"), so dropping it loses a word.
// Only emoji that name a thing count (animals and plants, food, places, objects); faces, hearts,
// hands, sparkles and other symbols set a tone rather than a subject, and reading them as words
// ("purple heart", "sparkles") would match statements that share nothing with the draft.
// The names are Unicode's CLDR short names, from unicode-emoji-json.
import { createRequire } from 'node:module';

const NAMING_GROUPS = new Set(['Animals & Nature', 'Food & Drink', 'Travel & Places', 'Objects']);
// Variation selector 16 and the skin-tone modifiers do not change what an emoji names.
const MODIFIERS_RE = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

let names: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (names) return names;
  // Loaded on the first draft that holds an emoji; only the naming groups are kept, and the
  // parsed file is dropped from the module cache.
  const require = createRequire(import.meta.url);
  const file = require.resolve('unicode-emoji-json');
  const data = require(file) as Record<string, { name: string; group: string }>;
  delete require.cache[file];
  names = new Map();
  for (const [emoji, { name, group }] of Object.entries(data)) {
    if (!NAMING_GROUPS.has(group)) continue;
    names.set(emoji.replace(MODIFIERS_RE, ''), name.replace(/ face$/, '').toLowerCase());
  }
  return names;
}

/** The words an emoji stands for ("dog" for 🐶), or null when it names no thing. */
export function emojiWords(emoji: string): string | null {
  return table().get(emoji.replace(MODIFIERS_RE, '')) ?? null;
}

/** The emoji of `text` whose name holds `word` ("🐶" for "dog"), to show where a shared word came from. */
export function emojiNaming(word: string, emojis: readonly string[]): string | null {
  const w = word.toLowerCase();
  for (const e of emojis) {
    const name = emojiWords(e);
    if (name && name.split(/[\s-]+/).some((n) => n === w || n === w.replace(/s$/, '') || `${n}s` === w)) return e;
  }
  return null;
}
