import { describe, expect, it } from 'vitest';
import data from '../../../src/review-engine/channels/rules-data.json' with { type: 'json' };
import { CHANNEL_RULES, RULE_IDS, RULES_VERSION, parseRulesFile, rulesFor } from '../../../src/review-engine/channels/rules.js';
import { CHANNEL_IDS } from '../../../src/domain/persona.js';

const clone = (): { version: string; rules: Record<string, unknown>[] } => structuredClone(data) as never;

describe('channel rules data', () => {
  it('gives every rule a unique id and number, a kind, the URL of its source and the day it was read', () => {
    const ids = CHANNEL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CHANNEL_RULES.map((r) => r.number)).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...RULE_IDS].sort());
    for (const r of CHANNEL_RULES) {
      expect(['hard', 'recommendation', 'best_practice']).toContain(r.kind);
      expect(r.url).toMatch(/^https?:\/\/\S+$/);
      expect(r.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.read <= RULES_VERSION).toBe(true);
      expect(r.quote.length).toBeGreaterThan(3);
      expect(r.id.startsWith(`${r.channel === 'any' ? '' : r.channel}`)).toBe(true);
    }
    expect(RULES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a rule without a source URL or without the day it was read', () => {
    const noUrl = clone();
    delete (noUrl.rules[0]!.source as Record<string, unknown>).url;
    expect(() => parseRulesFile(noUrl)).toThrow(/rules\.0\.source\.url/);
    const notAUrl = clone();
    (notAUrl.rules[1]!.source as Record<string, unknown>).url = 'Mailchimp guidance';
    expect(() => parseRulesFile(notAUrl)).toThrow(/rules\.1\.source\.url/);
    const noDate = clone();
    delete (noDate.rules[2]!.source as Record<string, unknown>).read;
    expect(() => parseRulesFile(noDate)).toThrow(/rules\.2\.source\.read/);
  });

  it('refuses a missing rule, a duplicated number and a rule read after the file was versioned', () => {
    const missing = clone();
    missing.rules = missing.rules.filter((r) => r.id !== 'sms.segments');
    expect(() => parseRulesFile(missing)).toThrow(/rule sms\.segments is missing/);
    const twice = clone();
    twice.rules[1]!.number = twice.rules[0]!.number;
    expect(() => parseRulesFile(twice)).toThrow(/appears twice/);
    const future = clone();
    (future.rules[0]!.source as Record<string, unknown>).read = '2999-01-01';
    expect(() => parseRulesFile(future)).toThrow(/read after/);
  });

  it('covers every channel with at least one hard rule', () => {
    for (const channel of CHANNEL_IDS) {
      if (channel === 'email') continue; // email has practices, no platform limit
      expect(rulesFor(channel).some((r) => r.kind === 'hard' && r.channel === channel)).toBe(true);
    }
  });

  it('holds the limits the platforms state today', () => {
    const limit = (id: string) => CHANNEL_RULES.find((r) => r.id === id)?.limit;
    expect(limit('google_search.headline_length')).toBe(30);
    expect(limit('google_search.description_length')).toBe(90);
    expect(limit('google_search.path_length')).toBe(15);
    expect(limit('tiktok.length')).toBe(100);
    expect(limit('x.weighted_length')).toBe(280);
    expect(limit('linkedin.intro_length')).toBe(3000);
    expect(limit('linkedin.intro_visible')).toBe(150);
    expect(limit('instagram.hashtags')).toBe(5);
    expect(limit('meta.primary_visible')).toBe(125);
    expect(limit('email.subject_length')).toBe(50);
    // Not on Google's current punctuation policy page: no longer rules.
    expect(CHANNEL_RULES.some((r) => /exclamation/.test(r.id))).toBe(false);
    expect(CHANNEL_RULES.find((r) => r.id === 'google_search.capitals')?.url).toBe('https://support.google.com/adspolicy/answer/14848295');
  });
});
