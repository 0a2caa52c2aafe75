// SMS segment conformance. Source of the vectors: Twilio's Messaging Segment Calculator
// (github.com/TwilioDevEd/message-segment-calculator, MIT; its tests/index.test.js and
// tests/segments.test.js), re-expressed here as our own cases: the same shapes (an escape
// character at the start, an emoji at the start, three-part messages whose last part holds one
// character), built from our own text. The npm port of that calculator (sms-segments-calculator)
// is then the oracle for generated text: our linear encoder must agree with it everywhere.
import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { encodeSms, isGsm7 } from '../../../../src/review-engine/channels/sms-encoding.js';

const digits = (n: number) => Array.from({ length: n }, (_, i) => String((i + 2) % 10)).join('');

describe('SMS segments: vectors after Twilio’s segment calculator', () => {
  const cases: Array<{ what: string; text: string; encoding: 'GSM-7' | 'UCS-2'; segments: number; units: number }> = [
    { what: 'GSM-7, an escape character and 158 more: one segment of 160 septets', text: `{${digits(158)}`, encoding: 'GSM-7', segments: 1, units: 160 },
    { what: 'GSM-7, an escape character and 159 more: two segments', text: `{${digits(159)}`, encoding: 'GSM-7', segments: 2, units: 161 },
    { what: 'UCS-2, an emoji and 68 more: one segment of 70 code units', text: `😜${digits(68)}`, encoding: 'UCS-2', segments: 1, units: 70 },
    { what: 'UCS-2, an emoji and 69 more: two segments', text: `😜${digits(69)}`, encoding: 'UCS-2', segments: 2, units: 71 },
    { what: 'GSM-7, 307 characters: 153 + 153 + 1', text: digits(307), encoding: 'GSM-7', segments: 3, units: 307 },
    { what: 'UCS-2, an emoji and 133 more (135 units): 67 + 67 + 1', text: `😜${digits(133)}`, encoding: 'UCS-2', segments: 3, units: 135 },
    { what: 'GSM-7, 160 plain characters', text: 'a'.repeat(160), encoding: 'GSM-7', segments: 1, units: 160 },
    { what: 'GSM-7, 306 characters: exactly two parts', text: 'a'.repeat(306), encoding: 'GSM-7', segments: 2, units: 306 },
    {
      what: 'GSM-7, an escape character is never split from its escape (306 septets, yet 3 parts)',
      text: `${'a'.repeat(152)}€${'a'.repeat(152)}`,
      encoding: 'GSM-7',
      segments: 3,
      units: 306,
    },
    { what: 'UCS-2, an emoji is never split across parts', text: `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`, encoding: 'UCS-2', segments: 2, units: 78 },
    { what: 'CR LF counts two characters in GSM-7', text: `${'a'.repeat(79)}\r\n${'a'.repeat(79)}`, encoding: 'GSM-7', segments: 1, units: 160 },
    { what: 'CR LF at 161 makes two segments', text: `${'a'.repeat(159)}\r\n`, encoding: 'GSM-7', segments: 2, units: 161 },
    { what: 'a non-breaking space forces UCS-2', text: 'Hello\u00A0world', encoding: 'UCS-2', segments: 1, units: 11 },
    { what: 'a tab is not in GSM-7', text: 'Hello\tworld', encoding: 'UCS-2', segments: 1, units: 11 },
    { what: 'an accent typed as a combining mark forces UCS-2', text: 'Cafe\u0301', encoding: 'UCS-2', segments: 1, units: 5 },
    { what: 'é precomposed is GSM-7', text: 'Café', encoding: 'GSM-7', segments: 1, units: 4 },
    { what: 'a ZWJ family emoji is one grapheme of 11 code units', text: '👨‍👩‍👧‍👦', encoding: 'UCS-2', segments: 1, units: 11 },
    { what: 'a flag is two regional indicators, four code units', text: '🇬🇧', encoding: 'UCS-2', segments: 1, units: 4 },
    { what: 'Arabic (RTL) is UCS-2', text: 'مرحبا بكم', encoding: 'UCS-2', segments: 1, units: 9 },
    { what: 'an empty message is one (empty) segment', text: '', encoding: 'GSM-7', segments: 1, units: 0 },
  ];
  for (const c of cases)
    it(c.what, () => {
      const ours = encodeSms(c.text);
      expect({ encoding: ours.encoding, segments: ours.segments, units: ours.units }).toEqual({ encoding: c.encoding, segments: c.segments, units: c.units });
      const theirs = new SegmentedMessage(c.text);
      expect([theirs.encodingName, theirs.segmentsCount]).toEqual([c.encoding, c.segments]);
    });

  it('counts any length exactly: 2,000 a and an emoji is UCS-2 in 30 segments; 1,001 emoji take 31', () => {
    expect(encodeSms(`${'a'.repeat(2000)}😀`)).toMatchObject({ encoding: 'UCS-2', segments: 30, units: 2002 });
    expect(encodeSms('😀'.repeat(1001))).toMatchObject({ encoding: 'UCS-2', segments: 31, units: 2002 });
    expect(encodeSms('a'.repeat(100_000))).toMatchObject({ encoding: 'GSM-7', segments: 654 });
  });
});

describe('SMS segments agree with Twilio’s calculator on generated text', () => {
  it('has the same GSM-7 alphabet and extension table', () => {
    for (let code = 0; code < 0x3000; code++) {
      const ch = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdfff) continue;
      expect(isGsm7(ch), `U+${code.toString(16)}`).toBe(new SegmentedMessage(ch).encodingName === 'GSM-7');
    }
  });

  it('gives the same encoding and segment count for any mix of plain, extension, accented, CR LF and wide characters', () => {
    const pieces = ['a', 'Z', ' ', '.', '€', '{', '[', '\n', '\r\n', 'é', 'ñ', 'Ç', 'ç', '’', 'ж', '好', '😀', '👍🏽', '🇫🇷', 'e\u0301', '\u00A0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 420 }), (parts) => {
        const text = parts.join('');
        const ours = encodeSms(text);
        const theirs = new SegmentedMessage(text);
        expect([ours.encoding, ours.segments]).toEqual([theirs.encodingName, theirs.segmentsCount]);
      }),
      { seed: 20, numRuns: 300 },
    );
  });
});
