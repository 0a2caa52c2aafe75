import { describe, expect, it } from 'vitest';
import { detectChannel, parseChannelName } from '../../src/review-engine/channel-hint.js';

describe('detectChannel', () => {
  it('reads a leading tag and removes it', () => {
    expect(detectChannel('[tiktok] Short and sweet')).toEqual({ channel: 'tiktok', text: 'Short and sweet', from: 'tag' });
    expect(detectChannel('[Google Search]\nCheap Flights Today')).toEqual({ channel: 'google_search', text: 'Cheap Flights Today', from: 'tag' });
  });

  it('reads a "channel:" line anywhere and removes that line', () => {
    expect(detectChannel('channel: meta\nHello there')).toEqual({ channel: 'meta', text: 'Hello there', from: 'line' });
    expect(detectChannel('Hello there\nChannel = LinkedIn')).toEqual({ channel: 'linkedin', text: 'Hello there', from: 'line' });
  });

  it('takes a first line starting "Subject:" as an email and keeps it', () => {
    const draft = '\nSubject: Hi\n\nBody';
    expect(detectChannel(draft)).toEqual({ channel: 'email', text: draft, from: 'subject' });
  });

  it('leaves drafts without a hint, or with an unknown one, alone', () => {
    expect(detectChannel('[new] Fresh drop')).toEqual({ channel: null, text: '[new] Fresh drop', from: null });
    expect(detectChannel('channel: carrier pigeon\nHi')).toEqual({ channel: null, text: 'channel: carrier pigeon\nHi', from: null });
  });

  it('understands the usual names for channels', () => {
    expect(parseChannelName('Twitter')).toBe('x');
    expect(parseChannelName('fb')).toBe('meta');
    expect(parseChannelName('google-search')).toBe('google_search');
    expect(parseChannelName('e-mail')).toBe('email');
    expect(parseChannelName('fax')).toBeNull();
  });
});
