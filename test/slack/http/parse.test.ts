import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH, mediaTypeOf, parseBody, withoutNul } from '../../../src/slack/http/parse.js';

describe('Content-Type', () => {
  it('reads the two types Slack sends, with or without a UTF-8 charset, in any case', () => {
    expect(mediaTypeOf('application/x-www-form-urlencoded')).toBe('form');
    expect(mediaTypeOf('application/x-www-form-urlencoded; charset=utf-8')).toBe('form');
    expect(mediaTypeOf('Application/X-WWW-Form-Urlencoded;Charset="UTF-8"')).toBe('form');
    expect(mediaTypeOf('application/json; charset=utf-8')).toBe('json');
  });

  it('refuses anything else', () => {
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/json; charset=latin1',
      'application/json; boundary=x',
      'application/jsonx',
      'multipart/form-data',
    ]) {
      expect(mediaTypeOf(type)).toBeNull();
    }
  });
});

describe('bodies', () => {
  const parse = (text: string, media: 'form' | 'json') => parseBody(Buffer.from(text), media);

  it('parses commands, interactivity payloads and events into objects', () => {
    expect(parse('command=%2Fpersona&text=a+b', 'form')).toEqual({ ok: true, body: { command: '/persona', text: 'a b' } });
    expect(parse('payload=%7B%22type%22%3A%22shortcut%22%7D', 'form')).toEqual({ ok: true, body: { type: 'shortcut' } });
    expect(parse('{"type":"event_callback"}', 'json')).toEqual({ ok: true, body: { type: 'event_callback' } });
  });

  it('refuses what is not an object at the top', () => {
    for (const text of ['null', '[]', '"x"', '1', 'true', '', '{']) expect(parse(text, 'json').ok).toBe(false);
    for (const text of ['payload=null', 'payload=%5B%5D', 'payload=%22x%22', 'payload=']) expect(parse(text, 'form').ok).toBe(false);
  });

  it('refuses a form field sent twice', () => {
    expect(parse('text=a&text=b', 'form')).toMatchObject({ ok: false });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(parseBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 'json')).toEqual({ ok: false, reason: 'not UTF-8' });
  });

  it('refuses nesting deeper than any Slack payload, without parsing it', () => {
    const deep = (n: number) => `{"a":${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    expect(jsonDepth(deep(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    expect(parse(deep(MAX_JSON_DEPTH), 'json').ok).toBe(true);
    expect(parse(deep(MAX_JSON_DEPTH + 1), 'json').ok).toBe(false);
    // Brackets inside strings, and escaped quotes, are text.
    expect(jsonDepth('{"a":"[[[[\\"[[[","b":[1]}')).toBe(2);
  });

  it('removes NUL characters from every string and key, which PostgreSQL cannot store', () => {
    expect(parse('text=a%00b', 'form')).toEqual({ ok: true, body: { text: 'ab' } });
    expect(parse('{"a\\u0000":["x\\u0000y",{"z":"\\u0000"}],"n":1}', 'json')).toEqual({ ok: true, body: { a: ['xy', { z: '' }], n: 1 } });
  });

  it('keeps a "__proto__" key as a key, never as the prototype', () => {
    const parsed = withoutNul(JSON.parse('{"__proto__":{"type":"event_callback"}}')) as Record<string, unknown>;
    expect(parsed.type).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
