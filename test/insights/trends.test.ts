// Freshness from data: a stale persona whose job's results moved is reminded with what moved,
// not only its age; without results the reminder is as before.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { saveResults } from '../../src/db/queries/results.js';
import { trendShiftsByPersona } from '../../src/insights/trends.js';
import { silentLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { deliverReminder, planWeek } from '../../src/reminders/run.js';
import type { Reminder } from '../../src/reminders/run.js';
import { validateMessage } from '../../src/slack/render/limits.js';
import { reminderMessage } from '../../src/slack/render/reminder.js';
import { generateResults } from '../../testing/results-data.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';

const MONDAY = '2026-11-23T09:00:00Z';
const JOB = 'Cut the number of status meetings';
const FILE = [
  'version: 1',
  'personas:',
  `  - { name: Overbooked Team Lead, summary: s, owner: U0A, reviewed_at: 2026-01-05, jobs: [{ kind: functional, statement: "${JOB}", importance: 5 }] }`,
  '  - { name: Quiet Persona, summary: s, owner: U0B, reviewed_at: 2026-01-05 }',
].join('\n');

async function seededTeam(db: Parameters<typeof saveResults>[0], withResults: boolean): Promise<string> {
  const teamId = newTeamId();
  await importPersonaText(db, teamId, FILE, 'p.yaml', fixedClock(MONDAY));
  if (!withResults) return teamId;
  const rows = generateResults({
    ads: [{ text: 'Meetings ad', channel: 'linkedin', ctr: 0.01, cvr: (week) => 0.01 + 0.006 * week, impressionsPerDay: 4000 }],
    start: '2026-09-21',
    days: 56,
    seed: 5,
  });
  await saveResults(db, {
    teamId,
    now: new Date(MONDAY),
    rows: rows.map((r) => ({
      adKey: 'meetings',
      text: r.text,
      day: r.date,
      channel: r.channel,
      impressions: r.impressions,
      clicks: r.clicks,
      conversions: r.conversions,
      spend: null,
      campaign: null,
      personaGiven: null,
      persona: 'Overbooked Team Lead',
      attribution: {
        source: 'engine',
        bestFit: 'Overbooked Team Lead',
        fit: 90,
        jobs: [{ statement: JOB, kind: 'functional', score: 0.9 }],
        mode: 'lexical',
        rulesVersion: 't',
      },
    })),
  });
  return teamId;
}

async function remindersOf(db: Parameters<typeof saveResults>[0], teamId: string): Promise<Reminder[]> {
  const sent: Reminder[] = [];
  const settings = { staleAfterDays: 90, timeZone: 'UTC' };
  const deps = {
    db,
    clock: fixedClock(MONDAY),
    log: silentLogger(),
    sender: {
      send: async (_recipient: string, reminder: Reminder) => (sent.push(reminder), { channel: 'D1', ts: '1.0' }),
      findSent: async () => null,
    },
  };
  // What each delivery job of the week does, one after another.
  const plan = await planWeek(deps, teamId, settings);
  for (const recipient of plan.unsent) await deliverReminder(deps, { teamId, week: plan.week, recipient }, settings, { by: 'test', final: false });
  return sent;
}

describeEachDriver('reminders say what moved in campaign results', ({ handle }) => {
  it('a rising job shows in its persona’s reminder, and only there', async () => {
    const db = handle().db;
    const teamId = await seededTeam(db, true);
    const trends = await trendShiftsByPersona(db, { teamId });
    expect(Object.keys(trends)).toEqual(['Overbooked Team Lead']);
    expect(trends['Overbooked Team Lead']![0]).toContain(`“${JOB}” on LinkedIn rose to`);

    const sent = await remindersOf(db, teamId);
    expect(sent).toHaveLength(2);
    const lead = sent.find((r) => r.personas[0]!.name === 'Overbooked Team Lead')!;
    const message = reminderMessage(lead.personas, lead);
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain(
      ':ocean: _Results moved:_ For Overbooked Team Lead, ads for “Cut the number of status meetings” on LinkedIn rose to',
    );
    const quiet = sent.find((r) => r.personas[0]!.name === 'Quiet Persona')!;
    expect(JSON.stringify(reminderMessage(quiet.personas, quiet).blocks)).not.toContain('Results moved');
  });

  it('without results, reminders are as before', async () => {
    const db = handle().db;
    const teamId = await seededTeam(db, false);
    expect(await trendShiftsByPersona(db, { teamId })).toEqual({});
    const sent = await remindersOf(db, teamId);
    expect(sent.every((r) => JSON.stringify(reminderMessage(r.personas, r).blocks).includes('Results moved') === false)).toBe(true);
  });
});

describe('reminder text budget', () => {
  it('many personas with long trend lines stay within the message limits', async () => {
    const { personaFromDraft } = await import('../../src/domain/persona.js');
    const personas = Array.from({ length: 40 }, (_, i) =>
      personaFromDraft(
        {
          name: `Persona ${i}`,
          summary: '',
          product: null,
          owner: null,
          reviewedAt: '2026-01-01',
          demographics: {},
          psychographics: {},
          sociographics: {},
          channels: [],
          quote: null,
          successMetric: null,
          constraints: [],
          jobs: [],
          pains: [],
          gains: [],
          evidence: [],
        },
        `p${i}`,
      ),
    );
    const trends = Object.fromEntries(personas.map((p) => [p.name, ['x'.repeat(500), 'y'.repeat(500)]]));
    const message = reminderMessage(personas, { now: new Date(MONDAY), staleAfterDays: 90, trends });
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('Results moved');
  });
});
