import { describe, expect, it } from 'vitest';
import { CHANNEL_RULES, RULES_VERSION, rulesFor } from '../../../src/review-engine/channels/rules.js';
import type { ChannelRule } from '../../../src/review-engine/channels/rules.js';
import { CHANNEL_IDS } from '../../../src/domain/persona.js';

describe('channel rules data', () => {
  it('gives every rule a unique id, a kind, a source and the date it was checked', () => {
    const ids = CHANNEL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CHANNEL_RULES) {
      expect(['hard', 'rec', 'bp']).toContain(r.kind);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.checked).toMatch(/^2026-11-\d{2}$/);
      expect(r.id.startsWith(`${r.channel === 'any' ? '' : r.channel}`)).toBe(true);
    }
    expect(RULES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers every channel with at least one hard rule', () => {
    for (const channel of CHANNEL_IDS) {
      if (channel === 'email') continue; // email has practices, no platform limit
      expect(rulesFor(channel).some((r) => r.kind === 'hard' && r.channel === channel)).toBe(true);
    }
  });

  it('records the limits of the channel research', () => {
    const limit = (id: string) => (CHANNEL_RULES as readonly ChannelRule[]).find((r) => r.id === id)?.limit;
    expect(limit('google_search.headline_length')).toBe(30);
    expect(limit('google_search.description_length')).toBe(90);
    expect(limit('tiktok.length')).toBe(100);
    expect(limit('x.weighted_length')).toBe(280);
    expect(limit('linkedin.intro_length')).toBe(600);
    expect(limit('meta.primary_visible')).toBe(125);
    expect(limit('email.subject_length')).toBe(50);
  });
});
