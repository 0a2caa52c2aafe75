// Turns an authenticated body into the object Bolt expects, or says why it cannot:
// Slack sends form-encoded commands, form-encoded interactivity (one `payload` field of JSON)
// and JSON events. Anything else, or anything that is not an object at the top, is refused.

export type MediaType = 'form' | 'json';

const MEDIA_TYPES: Record<string, MediaType> = {
  'application/x-www-form-urlencoded': 'form',
  'application/json': 'json',
};

/**
 * The media type of a Content-Type header. Parameters are allowed when they say UTF-8 (proxies
 * add `; charset=utf-8`, and Slack's bodies are UTF-8); any other charset is refused.
 */
export function mediaTypeOf(header: string | undefined): MediaType | null {
  if (!header) return null;
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  const media = MEDIA_TYPES[type];
  if (!media) return null;
  for (const param of params) {
    if (param === '') continue;
    const [name, value = ''] = param.split('=').map((p) => p.trim());
    if (name !== 'charset' || !/^"?utf-8"?$/.test(value)) return null;
  }
  return media;
}

/** Deeper than any payload Slack sends (rich text in a message event is about 10 levels). */
export const MAX_JSON_DEPTH = 64;

export type ParsedBody = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseBody(raw: Buffer, media: MediaType): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, reason: 'not UTF-8' };
  }
  if (media === 'json') return parseJsonObject(text);
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    // A field twice would make Bolt see an array where it expects a string.
    if (fields.has(key)) return { ok: false, reason: `field ${key.slice(0, 40)} repeated` };
    fields.set(key, value);
  }
  // Interactivity: the whole payload is JSON in one field.
  const payload = fields.get('payload');
  if (payload !== undefined) return parseJsonObject(payload);
  return { ok: true, body: withoutNul(Object.fromEntries(fields)) as Record<string, unknown> };
}

function parseJsonObject(text: string): ParsedBody {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return { ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  return { ok: true, body: withoutNul(value) as Record<string, unknown> };
}

/** The deepest nesting of arrays and objects, counted without parsing (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * The same value without NUL characters in any string or key. PostgreSQL cannot store U+0000
 * in text, and nothing a person types in Slack contains it: removing it here means no text
 * from a request can make a query fail.
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a "__proto__" key stays a key, never a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)]));
  }
  return value;
}
