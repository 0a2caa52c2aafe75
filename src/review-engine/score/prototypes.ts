// Prototype sentences, written for this engine and unrelated to any workspace, that stand for
// kinds of message rather than for any product:
// - how functional, emotional and social jobs tend to be spoken to in copy (the three kinds of
//   the jobs-to-be-done model), used to tell which kind of job a phrase speaks to;
// - what copy aimed at nobody in particular reads like (announcements, notices, plain sales,
//   service messages), used to recognise generic copy.
import type { JobKind } from '../../domain/persona.js';

export const GENERIC_PROTOTYPES: readonly string[] = [
  'We are pleased to announce the appointment of a new director',
  'The company reported its results for the quarter',
  'We have updated our terms and conditions',
  'Our privacy notice has changed',
  'Our offices will be closed for the holiday',
  'We are hiring, apply today',
  'Everything is on sale this weekend only',
  'Twenty percent off all items while stocks last',
  'Thank you for your order, it has been dispatched',
  'Your account statement is now available',
  'Planned maintenance tonight may interrupt the service',
  'Visit our new shop, now open',
  'Meet us at the trade fair next week',
  'Happy new year from all of us',
  'Follow us for more news and updates',
  'The new version of our app is available now',
  'We are proud to have won an industry award',
  'Our opening hours are changing from Monday',
] as const;
