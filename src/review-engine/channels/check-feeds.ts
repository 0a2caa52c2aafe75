import { channelName } from '../../domain/persona.js';
import { asianScriptCount, emojiIn, findHashtags, findMentions, findUrls, graphemeCount, plural, quote } from '../text/counting.js';
import type { Finding } from '../findings.js';
import { extraOf, limitOf, minOf } from './rules.js';
import type { CheckContext } from './check-common.js';
import { f, cutAfter, visibilityFinding } from './check-common.js';

// --- Meta and Instagram --------------------------------------------------------------------

export function checkFeed(channel: 'meta' | 'instagram', ctx: CheckContext): Finding[] {
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

// --- TikTok --------------------------------------------------------------------------------

export function checkTikTok(ctx: CheckContext): Finding[] {
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
