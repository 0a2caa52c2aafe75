// LinkedIn and X: posts whose length, links and hashtags each platform counts its own way.
import twitter from 'twitter-text';
import { emojiIn, graphemeCount, plural, quote, showChar } from '../text/counting.js';
import type { Finding } from '../findings.js';
import { extraOf, limitOf } from './rules.js';
import { xWeights } from './x-weights.js';
import type { CheckContext } from './check-common.js';
import { f, cutAfter, visibilityFinding } from './check-common.js';

// --- LinkedIn ------------------------------------------------------------------------------

export function checkLinkedIn(ctx: CheckContext): Finding[] {
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

export function checkX(ctx: CheckContext): Finding[] {
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
