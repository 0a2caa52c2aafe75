// Checks a draft against one channel's rules (rules.ts) and says, for each rule it breaks,
// what triggered it, with the offending text, the figure and the limit.
import twitter from 'twitter-text';
import type { ChannelId } from '../../domain/persona.js';
import { channelName } from '../../domain/persona.js';
import {
  asianScriptCount,
  doubleWidthLength,
  emojiIn,
  findHashtags,
  findMentions,
  findUrls,
  graphemeCount,
  plural,
  quote,
  showChar,
  takeGraphemes,
} from '../text/counting.js';
import type { Finding, Severity } from '../findings.js';
import type { Framing } from '../text/framing.js';
import { emailBody } from './assets.js';
import type { DraftLine, DraftParts } from './assets.js';
import { extraOf, limitOf, minOf } from './rules.js';
import { encodeSms } from './sms-encoding.js';
import { xWeights } from './x-weights.js';
import type { RuleId } from './rules.js';

export interface CheckContext {
  /** The whole draft: limits always count all of it. */
  text: string;
  parts: DraftParts;
  /** Framing of the analysed part of the draft. */
  framing: Framing;
  /** The phrase that carries the draft's main job, for "the hook comes after the cut" advice. */
  hook?: { text: string; start: number } | null;
}

function f(severity: Severity, id: RuleId, message: string, extra: Omit<Finding, 'severity' | 'rule' | 'message'> = {}): Finding {
  return { severity, rule: id, message, ...extra };
}

function cutAfter(text: string, limit: number): string {
  const kept = takeGraphemes(text.replace(/\s+/g, ' ').trim(), limit);
  const tail = kept.length > 40 ? kept.slice(kept.length - 40).replace(/^\S*\s/, '') : kept;
  return `…${tail}`;
}

function lineLabel(line: DraftLine): string {
  return `line ${line.number}`;
}

export function checkChannel(channel: ChannelId, ctx: CheckContext): Finding[] {
  if (!ctx.text.trim()) {
    return [
      f('error', 'draft.empty', `The draft is empty: ${channelName(channel)} needs at least ${minOf('draft.empty')} character of text.`, {
        actual: 0,
        limit: minOf('draft.empty'),
      }),
    ];
  }
  const out = CHECKS[channel](ctx);
  const ease = readabilityFinding(channel, ctx);
  if (ease) out.push(ease);
  return out;
}

const CHECKS: Record<ChannelId, (ctx: CheckContext) => Finding[]> = {
  google_search: checkGoogleSearch,
  meta: (ctx) => checkFeed('meta', ctx),
  instagram: (ctx) => checkFeed('instagram', ctx),
  tiktok: checkTikTok,
  linkedin: checkLinkedIn,
  x: checkX,
  email: checkEmail,
  sms: checkSms,
};

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

const GIMMICK_CAPS = new Set(['FREE', 'NOW', 'SALE', 'NEW', 'BUY', 'BEST', 'HOT', 'DEAL', 'DEALS', 'CHEAP', 'OFF', 'WOW', 'OMG', 'CLICK', 'HURRY']);

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

function checkGoogleSearch(ctx: CheckContext): Finding[] {
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

// --- Meta and Instagram --------------------------------------------------------------------

function checkFeed(channel: 'meta' | 'instagram', ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const primary = ctx.parts.primary;
  const n = graphemeCount(primary);
  const hardId = channel === 'meta' ? 'meta.primary_length' : 'instagram.caption_length';
  const visibleId = channel === 'meta' ? 'meta.primary_visible' : 'instagram.caption_visible';
  const what = channel === 'meta' ? 'Primary text' : 'Caption';
  const hard = limitOf(hardId);
  const visible = limitOf(visibleId);
  if (n > hard)
    out.push(
      f('error', hardId, `${what} is ${n.toLocaleString('en')} characters; ${channelName(channel)} accepts about ${hard.toLocaleString('en')}.`, {
        actual: n,
        limit: hard,
      }),
    );
  else if (n > visible) out.push(visibilityFinding(visibleId, what, primary, n, visible, channel === 'meta' ? '"See more"' : '"more"', ctx));
  if (channel === 'meta') {
    for (const line of ctx.parts.lines) {
      if (line.kind === 'headline' && line.length > limitOf('meta.headline_length'))
        out.push(
          f(
            'warning',
            'meta.headline_length',
            `Headline "${quote(line.text)}" is ${line.length} characters; Meta recommends ${limitOf('meta.headline_length')} (${extraOf('meta.headline_length', 'facebookFeed')} for Facebook Feed).`,
            {
              text: line.text,
              actual: line.length,
              limit: limitOf('meta.headline_length'),
            },
          ),
        );
      if (line.kind === 'description' && line.length > limitOf('meta.description_length'))
        out.push(
          f(
            'warning',
            'meta.description_length',
            `Description "${quote(line.text)}" is ${line.length} characters; Meta recommends about ${limitOf('meta.description_length')}.`,
            { text: line.text, actual: line.length, limit: limitOf('meta.description_length') },
          ),
        );
    }
    const emoji = emojiIn(primary);
    if (emoji.length > limitOf('meta.emoji'))
      out.push(
        f('warning', 'meta.emoji', `${plural(emoji.length, 'emoji', 'emoji')} (${emoji.join(' ')}); one or two at most read well in Meta ads.`, {
          text: emoji.join(''),
          actual: emoji.length,
          limit: limitOf('meta.emoji'),
        }),
      );
  } else {
    const tags = findHashtags(primary);
    if (tags.length > limitOf('instagram.hashtags'))
      out.push(
        f(
          'error',
          'instagram.hashtags',
          `${plural(tags.length, 'hashtag')}; Instagram allows at most ${limitOf('instagram.hashtags')} in a caption (since December 2025).`,
          { actual: tags.length, limit: limitOf('instagram.hashtags') },
        ),
      );
  }
  const fr = ctx.framing;
  if (fr.label === 'functional' && fr.emotionalCues.length === 0 && fr.functionalCues.length >= 2)
    out.push(
      f(
        'info',
        channel === 'meta' ? 'meta.framing' : 'instagram.framing',
        `Reads as a list of functions (${fr.functionalCues
          .slice(0, 3)
          .map((c) => `"${c}"`)
          .join(', ')}): in feeds, an emotional or identity-led hook in the first ${visible} characters tends to stop the scroll.`,
      ),
    );
  return out;
}

function visibilityFinding(id: RuleId, what: string, text: string, n: number, visible: number, fold: string, ctx: CheckContext): Finding {
  let message = `${what} is ${n} characters; about ${visible} show before ${fold}, so it is cut after "${cutAfter(text, visible)}".`;
  if (ctx.hook) {
    const before = graphemeCount(ctx.text.slice(0, ctx.hook.start));
    if (before >= visible) message += ` The phrase that carries the main job ("${quote(ctx.hook.text, 50)}") comes after the cut: move it up.`;
  }
  return f('warning', id, message, { actual: n, limit: visible });
}

// --- TikTok --------------------------------------------------------------------------------

function checkTikTok(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const text = ctx.parts.primary || ctx.text;
  const max = limitOf('tiktok.length');
  const asianMax = extraOf('tiktok.length', 'asianScriptLimit');
  const weight = max / asianMax;
  // Counted as the reader sees characters (graphemes): a Thai consonant with its vowel and tone
  // marks is one character, and so is a Korean syllable typed as separate jamo.
  const trimmed = text.trim();
  const plain = graphemeCount(trimmed);
  const asian = asianScriptCount(trimmed);
  const counted = plain + asian * (weight - 1);
  if (counted > max) {
    out.push(
      f(
        'error',
        'tiktok.length',
        asian > 0
          ? `"${quote(text, 40)}" counts ${counted} (${plain} characters, ${asian} in Asian scripts counted ${weight} each); TikTok ad text allows ${max} characters, ${asianMax} in Asian scripts.`
          : `"${quote(text, 40)}" is ${plain} characters; TikTok ad text allows ${minOf('tiktok.length')}–${max}: it is cut after "${cutAfter(text, max)}".`,
        { text: quote(text, 40), actual: counted, limit: max },
      ),
    );
  }
  const braces = text.match(/[{}]/g) ?? [];
  if (braces.length > 0)
    out.push(
      f('error', 'tiktok.braces', `"${[...new Set(braces)].join('", "')}" in the ad text: TikTok does not support "{" or "}" in ad descriptions.`, {
        text: braces.join(''),
        actual: braces.length,
        limit: 0,
      }),
    );
  // A hashtag or a mention, or the bare character: both are refused the same way.
  const refused = (id: 'hashtag' | 'mention', symbol: string, found: readonly { text: string }[]) =>
    f(
      'error',
      `tiktok.${id}`,
      `${found.length ? found.map((t) => `"${t.text}"`).join(', ') : `"${symbol}"`}: non-Spark TikTok ad text allows no "${symbol}".`,
      {
        text: found.map((t) => t.text).join(' ') || symbol,
        actual: Math.max(found.length, 1),
        limit: 0,
      },
    );
  const tags = findHashtags(text);
  if (tags.length > 0 || text.includes('#')) out.push(refused('hashtag', '#', tags));
  const mentions = findMentions(text);
  if (mentions.length > 0 || text.includes('@')) out.push(refused('mention', '@', mentions));
  const urls = findUrls(text);
  if (urls.length > 0)
    out.push(
      f('error', 'tiktok.link', `${urls.map((u) => `"${u.text}"`).join(', ')}: TikTok ad text allows no links; put the link in the ad's destination.`, {
        text: urls.map((u) => u.text).join(' '),
        actual: urls.length,
        limit: 0,
      }),
    );
  const emoji = emojiIn(text);
  if (emoji.length > 0)
    out.push(
      f('error', 'tiktok.emoji', `${emoji.join(' ')}: TikTok does not support emoji in ad descriptions.`, {
        text: emoji.join(''),
        actual: emoji.length,
        limit: 0,
      }),
    );
  return out;
}

// --- LinkedIn ------------------------------------------------------------------------------

function checkLinkedIn(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const text = ctx.parts.primary;
  const n = graphemeCount(text);
  const hard = limitOf('linkedin.intro_length');
  const visible = limitOf('linkedin.intro_visible');
  if (n > hard)
    out.push(
      f(
        'error',
        'linkedin.intro_length',
        `Introductory text is ${n.toLocaleString('en')} characters; LinkedIn allows ${hard.toLocaleString('en')}: it is cut after "${cutAfter(text, hard)}".`,
        {
          actual: n,
          limit: hard,
        },
      ),
    );
  else if (n > visible) out.push(visibilityFinding('linkedin.intro_visible', 'Introductory text', text, n, visible, '"…see more"', ctx));
  const brand = /\blinked\s?in\b/i.exec(ctx.text);
  if (brand) {
    const around = ctx.text
      .slice(Math.max(0, brand.index - 20), brand.index + brand[0].length + 20)
      .replace(/\s+/g, ' ')
      .trim();
    out.push(
      f(
        'error',
        'linkedin.brand_name',
        `"${brand[0]}" appears in the copy ("…${around}…"): LinkedIn's advertising policies do not allow its name in ad text.`,
        { text: brand[0] },
      ),
    );
  }
  for (const line of ctx.parts.lines) {
    if (line.kind !== 'headline') continue;
    const rec = limitOf('linkedin.headline_length');
    const max = extraOf('linkedin.headline_length', 'hardLimit');
    if (line.length > max)
      out.push(
        f('error', 'linkedin.headline_length', `Headline "${quote(line.text)}" is ${line.length} characters; LinkedIn allows ${max}.`, {
          text: line.text,
          actual: line.length,
          limit: max,
        }),
      );
    else if (line.length > rec)
      out.push(
        f('warning', 'linkedin.headline_length', `Headline "${quote(line.text)}" is ${line.length} characters; LinkedIn recommends ${rec}.`, {
          text: line.text,
          actual: line.length,
          limit: rec,
        }),
      );
  }
  const emoji = emojiIn(text);
  if (emoji.length > limitOf('linkedin.framing'))
    out.push(
      f(
        'warning',
        'linkedin.framing',
        `${plural(emoji.length, 'emoji', 'emoji')} (${emoji.join(' ')}): LinkedIn copy reads professional; keep to ${limitOf('linkedin.framing')} or fewer.`,
        { text: emoji.join(''), actual: emoji.length, limit: limitOf('linkedin.framing') },
      ),
    );
  return out;
}

// --- X -------------------------------------------------------------------------------------

function checkX(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const max = limitOf('x.weighted_length');
  const parsed = twitter.parseTweet(ctx.text);
  if (parsed.weightedLength > max) {
    const w = xWeights(ctx.text);
    const notes: string[] = [];
    if (w.urls) notes.push(`${plural(w.urls, 'link')} counted ${extraOf('x.weighted_length', 'linkWeight')} each`);
    if (w.emoji) notes.push(`${plural(w.emoji, 'emoji', 'emoji')} counted ${extraOf('x.weighted_length', 'wideWeight')} each`);
    if (w.heavy) notes.push(`${plural(w.heavy, 'CJK or other wide character')} counted ${extraOf('x.weighted_length', 'wideWeight')} each`);
    out.push(
      f(
        'error',
        'x.weighted_length',
        `Weighs ${parsed.weightedLength} of ${max} on X${notes.length ? ` (${notes.join(', ')})` : ''}: cut ${parsed.weightedLength - max}.`,
        {
          actual: parsed.weightedLength,
          limit: max,
        },
      ),
    );
  }
  // twitter-text also refuses a post holding certain characters, whatever its length.
  const invalid = [...new Set(ctx.text.match(/[\uFFFE\uFEFF\uFFFF]/g) ?? [])];
  if (!parsed.valid && parsed.weightedLength > 0 && (invalid.length > 0 || parsed.weightedLength <= max))
    out.push(
      f(
        'error',
        'x.invalid_characters',
        invalid.length
          ? `${invalid.map(showChar).join(', ')} in the text: X rejects a post that holds ${invalid.length === 1 ? 'it' : 'them'}; delete ${invalid.length === 1 ? 'it' : 'them'} (often pasted in, invisible).`
          : 'X (twitter-text) does not accept this text as a post.',
        { text: invalid.join(''), actual: Math.max(invalid.length, 1), limit: 0 },
      ),
    );
  const tags = twitter.extractHashtags(ctx.text);
  const maxTags = limitOf('x.hashtags');
  if (tags.length > maxTags)
    out.push(
      f('warning', 'x.hashtags', `${plural(tags.length, 'hashtag')} (${tags.map((t) => `#${t}`).join(' ')}); posts on X read best with ${maxTags} or fewer.`, {
        actual: tags.length,
        limit: maxTags,
      }),
    );
  return out;
}

// --- Email ---------------------------------------------------------------------------------

function checkEmail(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const subject = ctx.parts.subject;
  if (!subject) out.push(f('info', 'email.subject_missing', 'No subject line: start the draft with "Subject: …" to have it reviewed.'));
  else {
    const max = limitOf('email.subject_length');
    if (subject.length > max)
      out.push(
        f(
          'warning',
          'email.subject_length',
          `Subject "${quote(subject.text)}" is ${subject.length} characters; keep it to ${max} or fewer so inboxes show it whole (cut after "${cutAfter(subject.text, max)}").`,
          {
            text: subject.text,
            actual: subject.length,
            limit: max,
          },
        ),
      );
    const caps = (subject.text.match(/\b\p{Lu}{3,}\b/gu) ?? []).filter((w) => !/^[A-Z]{2,4}$/.test(w) || GIMMICK_CAPS.has(w));
    const marks = (subject.text.match(/[!?$]/g) ?? []).length;
    const spamMax = limitOf('email.subject_spam');
    if (caps.length > 0 || marks > spamMax || /[!?]{2,}/.test(subject.text))
      out.push(
        f(
          'warning',
          'email.subject_spam',
          `Subject "${quote(subject.text)}" ${caps.length ? `shouts ("${caps.join('", "')}")` : `has ${marks} of "!", "?" and "$"`}: it reads as spam to people and filters.`,
          {
            text: subject.text,
          },
        ),
      );
  }
  const pre = ctx.parts.preheader;
  if (pre && (pre.length < minOf('email.preheader_length') || pre.length > limitOf('email.preheader_length')))
    out.push(
      f(
        'info',
        'email.preheader_length',
        `Preheader "${quote(pre.text)}" is ${pre.length} characters; ${minOf('email.preheader_length')}–${limitOf('email.preheader_length')} shows well next to the subject.`,
        {
          text: pre.text,
          actual: pre.length,
          limit: limitOf('email.preheader_length'),
        },
      ),
    );
  const body = emailBody(ctx.parts);
  if (ctx.framing.ctaCount > limitOf('email.cta') + 1)
    out.push(
      f('info', 'email.cta', `${ctx.framing.ctaCount} calls to action (first: "${quote(ctx.framing.cta ?? '', 40)}"): one primary call to action works best.`, {
        actual: ctx.framing.ctaCount,
        limit: limitOf('email.cta'),
      }),
    );
  else if (!ctx.framing.cta && body.trim()) out.push(f('info', 'email.cta', 'No call to action in the body: tell the reader the one thing to do next.'));
  return out;
}

// --- SMS -----------------------------------------------------------------------------------

function checkSms(ctx: CheckContext): Finding[] {
  const max = limitOf('sms.segments');
  const capacity = {
    gsm7: extraOf('sms.segments', 'gsm7'),
    ucs2: extraOf('sms.segments', 'ucs2'),
    gsm7Part: extraOf('sms.segments', 'gsm7Part'),
    ucs2Part: extraOf('sms.segments', 'ucs2Part'),
  };
  const sms = encodeSms(ctx.text, capacity);
  if (sms.segments <= max) return [];
  const ucs2 = sms.encoding === 'UCS-2';
  const unit = ucs2 ? 'UCS-2 code units' : 'GSM-7 characters';
  // Say why the count differs from what the writer sees, naming only what the text holds.
  const why: string[] = [];
  if (!ucs2 && sms.extension.length)
    why.push(
      `${sms.extension.map(showChar).join(', ')} ${sms.extension.length === 1 ? 'is an extension character and counts 2' : 'are extension characters and count 2 each'}`,
    );
  if (sms.crlf) why.push(`${plural(sms.crlf, 'CR LF line break')} ${sms.crlf === 1 ? 'counts 2' : 'count 2 each'}`);
  if (ucs2 && sms.astral)
    why.push(`${plural(sms.astral, 'character')} outside the Basic Multilingual Plane (emoji and the like) ${sms.astral === 1 ? 'takes 2' : 'take 2 each'}`);
  if (ucs2 && sms.combiningMarks)
    why.push(
      `${plural(sms.combiningMarks, 'accent or mark')} typed as a separate combining character count${sms.combiningMarks === 1 ? 's' : ''} on ${sms.combiningMarks === 1 ? 'its' : 'their'} own`,
    );
  let message = `Needs ${sms.segments} SMS segments: ${sms.units.toLocaleString('en')} ${unit}${why.length ? ` (${why.join('; ')})` : ''}.`;
  if (ucs2) {
    const culprits = sms.nonGsm.slice(0, 8);
    const more = sms.nonGsm.length - culprits.length;
    message += ` ${culprits.map(showChar).join(', ')}${more > 0 ? ` and ${more} more` : ''} ${sms.nonGsm.length === 1 ? 'forces' : 'force'} UCS-2 encoding, where one SMS holds ${sms.single} characters and each part of a longer one ${sms.part}.`;
    const without = encodeSms(
      sms.nonGsm.reduce((t, c) => t.split(c).join(''), ctx.text),
      capacity,
    );
    if (without.segments <= max)
      message += ` Without ${sms.nonGsm.length === 1 ? 'it' : 'them'} the text fits one GSM-7 SMS (${extraOf('sms.segments', 'gsm7')}).`;
  } else message += ` One GSM-7 SMS holds ${sms.single} characters; longer messages split into parts of ${sms.part}.`;
  return [f('error', 'sms.segments', message, { actual: sms.segments, limit: max })];
}

// --- Readability ---------------------------------------------------------------------------

function readabilityFinding(channel: ChannelId, ctx: CheckContext): Finding | null {
  const ease = ctx.framing.readingEase;
  if (ease === null || ctx.framing.words < 30 || channel === 'google_search' || channel === 'sms' || channel === 'tiktok') return null;
  const id: RuleId = channel === 'email' ? 'email.readability' : 'readability.ease';
  const min = minOf(id);
  if (ease >= min) return null;
  const longest = ctx.framing.longestSentence;
  return f(
    'warning',
    id,
    `Reading ease ${Math.round(ease)} (Flesch; ${min} or more reads comfortably${channel === 'email' ? ', 60–70 is about grade 8' : ''})${longest && longest.words >= 20 ? `: the longest sentence has ${longest.words} words ("${quote(longest.text, 50)}")` : ''}.`,
    { actual: Math.round(ease), limit: min },
  );
}
