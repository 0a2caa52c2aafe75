// How an SMS is encoded and split into segments, exactly, for text of any length (linear time).
//
// GSM 03.38 (3GPP TS 23.038): a message whose every character is in the GSM-7 default alphabet
// or its extension table goes as 7-bit septets, 160 to an SMS; an extension character (€, [, ]
// …) takes two septets (escape + character). Any other character forces UCS-2 for the whole
// message: 16-bit code units, 70 to an SMS (an emoji outside the BMP takes two). A longer message
// is sent in parts that each lose room to the concatenation header: 153 septets or 67 code units.
// A character is never split across two parts (nor an escape from its character, nor a UCS-2
// grapheme such as an emoji sequence); CR and LF are separate characters.
//
// The same counts as Twilio's segment calculator (the `sms-segments-calculator` package, checked
// against it in test/review-engine/channels/conformance/sms.test.ts); that package rebuilds its
// segments per character and takes seconds on a 20,000-character draft, so the review counts here.
import { graphemes } from '../text/counting.js';

// The GSM-7 default alphabet as Unicode (the escape 0x1B excluded), and its extension table.
// Ç is the mapping of 0x09 that the calculators in use (Twilio's among them) follow.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncodingName = 'GSM-7' | 'UCS-2';

export interface SmsEncoding {
  encoding: SmsEncodingName;
  /** Septets (GSM-7) or 16-bit code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Characters outside GSM-7 (each once, in order of appearance): what forces UCS-2. */
  nonGsm: string[];
  /** GSM-7 extension characters in the text (each once): they take two septets. */
  extension: string[];
  /** CR LF pairs: one line break to the reader, two characters to the network. */
  crlf: number;
  /** Code points that are combining marks, and characters outside the BMP (two UCS-2 units each). */
  combiningMarks: number;
  astral: number;
  /** Capacity of one SMS and of each part of a longer message, in `units`. */
  single: number;
  part: number;
}

export interface SmsCapacity {
  gsm7: number;
  ucs2: number;
  gsm7Part: number;
  ucs2Part: number;
}

export const SMS_CAPACITY: SmsCapacity = { gsm7: 160, ucs2: 70, gsm7Part: 153, ucs2Part: 67 };

export function isGsm7(ch: string): boolean {
  return GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch);
}

export function encodeSms(text: string, capacity: SmsCapacity = SMS_CAPACITY): SmsEncoding {
  const nonGsm = new Set<string>();
  const extension = new Set<string>();
  let astral = 0;
  let combiningMarks = 0;
  for (const ch of text) {
    if (GSM7_EXTENSION.has(ch)) extension.add(ch);
    else if (!GSM7_BASIC.has(ch)) nonGsm.add(ch);
    if (ch.length === 2) astral++;
    if (/\p{M}/u.test(ch)) combiningMarks++;
  }
  const ucs2 = nonGsm.size > 0;
  // Units that must stay in one part: one per character in GSM-7 (2 for an extension
  // character); one per grapheme in UCS-2, where CR LF still counts as two characters.
  const sizes: number[] = [];
  if (ucs2) {
    for (const g of graphemes(text)) {
      if (g === '\r\n') sizes.push(1, 1);
      else sizes.push(g.length);
    }
  } else for (const ch of text) sizes.push(GSM7_EXTENSION.has(ch) ? 2 : 1);
  const units = sizes.reduce((a, b) => a + b, 0);
  const single = ucs2 ? capacity.ucs2 : capacity.gsm7;
  const part = ucs2 ? capacity.ucs2Part : capacity.gsm7Part;
  let segments = 1;
  if (units > single) {
    let used = 0;
    for (const size of sizes) {
      if (used + size > part && used > 0) {
        segments++;
        used = 0;
      }
      used += size;
    }
  }
  return {
    encoding: ucs2 ? 'UCS-2' : 'GSM-7',
    units,
    segments,
    nonGsm: [...nonGsm],
    extension: [...extension],
    crlf: text.match(/\r\n/g)?.length ?? 0,
    combiningMarks,
    astral,
    single,
    part,
  };
}
