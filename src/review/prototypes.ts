// Prototype sentences, written for this engine and unrelated to any workspace, that stand for
// kinds of message rather than for any product:
// - how functional, emotional and social jobs tend to be spoken to in copy (the three kinds of
//   the jobs-to-be-done model), used to tell which kind of job a phrase speaks to;
// - what copy aimed at nobody in particular reads like (announcements, notices, plain sales,
//   service messages), used to recognise generic copy.
import type { JobKind } from '../domain/persona.js';

export const KIND_PROTOTYPES: Record<JobKind, readonly string[]> = {
  functional: [
    'Get the task done in half the time',
    'Set it up in minutes and it runs by itself',
    'Everything you need in one place',
    'Track every order automatically',
    'Save money on every bill',
    'Book it in three taps',
    'Works offline and syncs later',
    'Compare options and pick the right one',
    'Cut the time you spend on admin',
    'Fix the problem before it costs you',
  ],
  emotional: [
    'Feel calm and in control again',
    'Stop worrying about it',
    'Finally, peace of mind',
    'No more stress, no more guilt',
    'Feel confident when it matters',
    'Breathe easy, it is handled',
    'You will never feel alone with it',
    'Enjoy the moment instead of fretting',
    'Be proud of what you did',
    'Sleep well knowing it is taken care of',
  ],
  social: [
    'Be the one your friends rely on',
    'Impress your boss and your team',
    'Stay close to the people you love',
    'Be seen as an expert by your peers',
    'Make your family proud',
    'Fit in with the group from day one',
    'Join a community of people like you',
    'Show others you do your part',
    'Earn the respect of your colleagues',
    'Be there for the people who need you',
  ],
};

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
