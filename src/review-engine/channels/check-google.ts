import { doubleWidthLength, emojiIn, plural, quote } from '../text/counting.js';
import type { Finding } from '../findings.js';
import type { DraftLine } from './assets.js';
import { extraOf, limitOf, minOf } from './rules.js';
import type { CheckContext } from './check-common.js';
import { GIMMICK_CAPS } from './check-common.js';
import { f, lineLabel } from './check-common.js';

// --- Google Search -------------------------------------------------------------------------

// Words too short to carry the case of a title ("a", "of", "to", "and", "the", "for").
const TITLE_MIN_WORD = 4;

/** Title Case with no full stop: "See a Doctor Without Taking Time Off". */
function readsAsHeadline(text: string): boolean {
  const t = text.trim();
  if (t.endsWith('.')) return false;
  const words = t.match(/\p{L}[\p{L}'’]*/gu) ?? [];
  const significant = words.filter((w) => w.length >= TITLE_MIN_WORD);
  if (significant.length < 2 || !/^\p{Lu}/u.test(words[0] ?? '')) return false;
  return significant.every((w) => /^\p{Lu}/u.test(w));
}

/** A line that is only a web address: "www.pawsure.example/pet-insurance/dog-quotes". */
const DISPLAY_URL_RE = /^(?:https?:\/\/)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(\/\S*)?$/iu;

/** The path fields of a display path ("pet-insurance/dog-quotes", "/dog-and-cat-quo"): the slashes are Google's, not the text's. */
function pathParts(text: string): string[] {
  return text
    .trim()
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
}

function widthNote(wide: number): string {
  return wide > 0 ? ` (${plural(wide, 'double-width character')} counted ${extraOf('google_search.headline_length', 'wideWeight')} each)` : '';
}

function checkDisplayPath(line: DraftLine, parts: string[], out: Finding[]): void {
  const pathMax = limitOf('google_search.path_length');
  const maxPaths = extraOf('google_search.path_length', 'maxPaths');
  if (parts.length > maxPaths)
    out.push(
      f(
        'error',
        'google_search.path_length',
        `Display path "${quote(parts.join('/'))}" (${lineLabel(line)}) has ${parts.length} parts; Google shows at most ${maxPaths} path fields after the domain.`,
        { text: parts.join('/'), actual: parts.length, limit: maxPaths },
      ),
    );
  for (const part of parts) {
    const { length, wide } = doubleWidthLength(part);
    if (length > pathMax)
      out.push(
        f(
          'error',
          'google_search.path_length',
          `Display path "${part}" (${lineLabel(line)}) is ${length} characters${widthNote(wide)}; Google allows ${pathMax} per path field.`,
          { text: part, actual: length, limit: pathMax },
        ),
      );
  }
}

export function checkGoogleSearch(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const headlineMax = limitOf('google_search.headline_length');
  const descriptionMax = limitOf('google_search.description_length');
  const headlines: DraftLine[] = [];
  const descriptions: DraftLine[] = [];
  for (const line of ctx.parts.lines) {
    if (!line.text) continue;
    if (line.kind === 'path') {
      const url = DISPLAY_URL_RE.exec(line.text);
      checkDisplayPath(line, pathParts(url ? (url[1] ?? '') : line.text), out);
      continue;
    }
    const labelled = line.kind === 'headline' || line.kind === 'description';
    if (!labelled) {
      // A line that is only a web address is the ad's display URL: its domain comes from the
      // final URL and what follows it is the display path, not a headline or a description.
      const url = DISPLAY_URL_RE.exec(line.text);
      if (url) {
        // With a scheme or a query it is the final URL (the landing page), whose path is free;
        // without, it is the display URL as the ad shows it.
        if (!/^https?:\/\//i.test(line.text) && !line.text.includes('?')) checkDisplayPath(line, pathParts(url[1] ?? ''), out);
        continue;
      }
    }
    const { length, wide } = doubleWidthLength(line.text);
    // An unlabelled line is a headline when it fits one, or when it is written as one (Title
    // Case, no full stop) even though it is too long: people paste their headline first, and
    // reading a 36-character title as a description would hide the cut Google makes.
    const titled = !labelled && length > headlineMax && length <= descriptionMax && readsAsHeadline(line.text);
    const kind = labelled ? line.kind : length <= headlineMax || titled ? 'headline' : 'description';
    if (kind === 'headline') {
      headlines.push(line);
      if (length > headlineMax)
        out.push(
          f(
            'error',
            'google_search.headline_length',
            `Headline "${quote(line.text)}" (${lineLabel(line)}) is ${length} characters${widthNote(wide)}; Google allows ${headlineMax}.${titled ? ' It reads as a headline (Title Case, no full stop); if it is a description, label it "Description:".' : ''}`,
            {
              text: line.text,
              actual: length,
              limit: headlineMax,
            },
          ),
        );
    } else {
      descriptions.push(line);
      if (length > descriptionMax)
        out.push(
          f(
            'error',
            'google_search.description_length',
            labelled
              ? `Description "${quote(line.text)}" (${lineLabel(line)}) is ${length} characters${widthNote(wide)}; Google allows ${descriptionMax}.`
              : `"${quote(line.text)}" (${lineLabel(line)}) is ${length} characters${widthNote(wide)}: too long for a headline (${headlineMax}) or a description (${descriptionMax}), so Google cannot use it. Split it into assets of at most ${descriptionMax}.`,
            { text: line.text, actual: length, limit: descriptionMax },
          ),
        );
    }
    const emoji = emojiIn(line.text);
    if (emoji.length > 0)
      out.push(
        f('error', 'google_search.emoji', `${emoji.join(' ')} in ${lineLabel(line)} ("${quote(line.text)}"): Google Ads does not allow emoji.`, {
          text: emoji.join(''),
          actual: emoji.length,
          limit: 0,
        }),
      );
    const repeated = /[!?]{2,}|\.{4,}|,{2,}/.exec(line.text);
    if (repeated)
      out.push(
        f(
          'error',
          'google_search.repeated_punctuation',
          `"${repeated[0]}" in ${lineLabel(line)} ("${quote(line.text)}"): Google Ads rejects repeated punctuation.`,
          { text: repeated[0] },
        ),
      );
    const symbol = /[\p{L}][@$€£][\p{L}]+/u.exec(line.text);
    if (symbol && !/@[\p{L}\p{N}-]+\.[\p{L}]{2,}/u.test(line.text))
      out.push(
        f('error', 'google_search.symbols', `"${symbol[0]}" in ${lineLabel(line)}: Google Ads rejects symbols standing in for letters.`, { text: symbol[0] }),
      );
    const caps = (line.text.match(/\b\p{Lu}{2,}\b/gu) ?? []).filter((w) => w.length >= 5 || GIMMICK_CAPS.has(w));
    if (caps.length > 0)
      out.push(
        f(
          'error',
          'google_search.capitals',
          `"${caps.join('", "')}" in ${lineLabel(line)}: Google Ads rejects gimmicky capitals; write "${caps[0]!.charAt(0)}${caps[0]!.slice(1).toLowerCase()}".`,
          { text: caps.join(' ') },
        ),
      );
  }

  const minHeadlines = minOf('google_search.asset_count');
  const maxHeadlines = limitOf('google_search.asset_count');
  const minDescriptions = extraOf('google_search.asset_count', 'minDescriptions');
  const maxDescriptions = extraOf('google_search.asset_count', 'maxDescriptions');
  if (headlines.length > maxHeadlines || descriptions.length > maxDescriptions)
    out.push(
      f(
        'warning',
        'google_search.asset_count',
        `${plural(headlines.length, 'headline')} and ${plural(descriptions.length, 'description')}: an ad takes at most ${maxHeadlines} headlines and ${maxDescriptions} descriptions.`,
        {
          actual: headlines.length,
          limit: maxHeadlines,
        },
      ),
    );
  // Too few assets is not yet an ad Google can run: at most `ok`, whatever the lines say.
  else if (headlines.length < minHeadlines || descriptions.length < minDescriptions)
    out.push(
      f(
        'warning',
        'google_search.asset_count',
        `Read as ${plural(headlines.length, 'headline')} and ${plural(descriptions.length, 'description')} (one asset per line: up to ${limitOf('google_search.headline_length')} characters a headline, up to ${limitOf('google_search.description_length')} a description); a full ad needs ${minHeadlines}–${maxHeadlines} headlines and ${minDescriptions}–${maxDescriptions} descriptions.`,
        { actual: headlines.length, limit: minHeadlines },
      ),
    );
  const fr = ctx.framing;
  if (fr.label === 'emotional' && fr.functionalCues.length === 0)
    out.push(
      f(
        'warning',
        'google_search.framing',
        `Reads as emotional (${fr.emotionalCues.length ? `"${fr.emotionalCues.slice(0, 3).join('", "')}"` : 'it speaks to a feeling'}) with nothing concrete: searchers arrive with a problem, so lead with what the product does, a number or an offer.`,
      ),
    );
  if (!fr.cta) out.push(f('info', 'google_search.cta', 'No call to action ("Get a quote", "Try it free", "Book now"): search ads convert better with one.'));
  return out;
}
