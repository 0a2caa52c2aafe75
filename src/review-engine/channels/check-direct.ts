import { plural, quote, showChar } from '../text/counting.js';
import type { Finding } from '../findings.js';
import { emailBody } from './assets.js';
import { extraOf, limitOf, minOf } from './rules.js';
import { encodeSms } from './sms-encoding.js';
import type { CheckContext } from './check-common.js';
import { GIMMICK_CAPS } from './check-common.js';
import { f, cutAfter } from './check-common.js';

// --- Email ---------------------------------------------------------------------------------

export function checkEmail(ctx: CheckContext): Finding[] {
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

export function checkSms(ctx: CheckContext): Finding[] {
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
