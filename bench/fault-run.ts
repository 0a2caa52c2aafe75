// The fault run of issue 19: mixed traffic (/persona lookups, "Review copy" shortcuts, auto-review
// message events) while the product's PostgreSQL is stopped for 20 s, started again, then frozen
// (SIGSTOP to the server and every backend) for 15 s and thawed. The server is a throwaway one of
// this run's own (test/support/throwaway-postgres.ts), never the shared one. The product runs in a
// child process (bench/support/serve.ts) with the sentence model; this process sends the signed
// requests and is the fake Slack, which counts what was posted.
//
// Reported: every answer's latency (Slack's budget is 3 s), events answered 5xx and retried as
// Slack retries them, and reviews lost (recorded, never posted) or duplicated (posted twice).
// Writes bench/results/fault-run.json.
//
//   npx tsx bench/fault-run.ts
//   (BENCH_FAULT_RATE=4 requests a second; BENCH_FAULT_STOP_S=20, BENCH_FAULT_FREEZE_S=15;
//    BENCH_FAULT_LOG=path keeps the product's log)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { personaFileSchema } from '../src/personas/file-format.js';
import { sendSigned, slashCommandBody } from '../test/support/slack-requests.js';
import type { SendOptions } from '../test/support/slack-requests.js';
import { startThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';
import { startServe } from './support/child.js';
import type { ServeChild } from './support/child.js';
import { BENCH_SIGNING_SECRET, reviewShortcutPost, startBenchSlack } from './support/load.js';
import type { BenchSlack } from './support/load.js';
import { machine } from './support/machine.js';
import { REVIEW_TEAM, seedStore } from './support/personas.js';

const RATE = Number(process.env.BENCH_FAULT_RATE ?? 4);
const STOP_S = Number(process.env.BENCH_FAULT_STOP_S ?? 20);
const FREEZE_S = Number(process.env.BENCH_FAULT_FREEZE_S ?? 15);
const CALM_S = 10;
const BUDGET_MS = 3000;
/** Slack retries a failed event about at once, after 1 min and after 5 min; scaled down here so the run stays short. */
const RETRY_AFTER_MS = [1_000, 30_000, 60_000];
const SHORTCUT_CHANNELS = 10;
const AUTO_CHANNELS = 5;
const DRAFT = 'Back-to-back meetings all day? Take back two afternoons a week for deep work, without a new tool to learn.';

const log = (msg: string) => console.log(`[fault run] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'lookup' | 'shortcut' | 'event';
type Phase = 'before' | 'stopped' | 'recovering' | 'frozen' | 'after';

interface Attempt {
  status: number;
  ms: number;
}

interface Sent {
  kind: Kind;
  phase: Phase;
  /** The message's ts (reviews) or the response id (lookups). */
  id: string;
  sentAt: number;
  attempts: Attempt[];
  /** From sending to the answer the user sees (the response_url post, or the ack when there is none). */
  answerMs: number | null;
  /** Reviews: whether the product took the job (an event answered 200, a shortcut not told to try again). */
  recorded: boolean;
  note?: string;
}

function eventBody(channel: string, ts: string, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: REVIEW_TEAM,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: REVIEW_TEAM, user_id: 'UBOT', is_bot: true }],
    event: { type: 'message', channel, channel_type: 'channel', user: 'U0WRITER', ts, text: `${DRAFT} (${ts})` },
  });
}

async function timed(url: string, body: string, contentType: string, opts: SendOptions = {}): Promise<Attempt> {
  const t = performance.now();
  try {
    const res = await sendSigned(url, body, contentType, { secret: BENCH_SIGNING_SECRET, ...opts });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

/** The first response_url post for `id` within `ms`, or null. */
async function responseWithin(slack: BenchSlack, id: string, ms: number): Promise<{ at: number; text: string } | null> {
  try {
    const a = await slack.arrival(id, ms);
    return { at: a.at, text: JSON.stringify(a.body) };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'persona-fault-'));
  const server = await startThrowawayPostgres();
  const slack = await startBenchSlack();
  let product: ServeChild | null = null;
  const sent: Sent[] = [];
  const timeline: Array<{ at: number; what: string }> = [];
  let phase: Phase = 'before';
  let productAlive = false;
  let t0 = 0;
  const mark = (what: string) => {
    timeline.push({ at: Math.round(performance.now() - t0), what });
    log(`${((performance.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  };
  try {
    const file = personaFileSchema.parse(syntheticPersonaFile(8, 5, 7));
    await seedStore(server.url, [{ team: REVIEW_TEAM, file }]);
    product = await startServe('product', {
      BENCH_SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: server.url,
      SLACK_TEAM_ID: REVIEW_TEAM,
      REVIEW_MODEL: 'on',
      BENCH_LOG_FILE: process.env.BENCH_FAULT_LOG ?? join(work, 'product.log'),
    });
    const events = product.eventsUrl;
    const form = 'application/x-www-form-urlencoded';
    let n = 0;
    const command = async (text: string, channel: string) => {
      const id = `cmd${++n}`;
      const t = performance.now();
      const attempt = await timed(
        events,
        slashCommandBody({ text, team_id: REVIEW_TEAM, channel_id: channel, user_id: 'U0LEAD', response_url: slack.responseUrl(id) }),
        form,
      );
      const answer = await responseWithin(slack, id, 10_000);
      return { id, attempt, answer, ms: answer ? answer.at - t : null };
    };
    for (let c = 0; c < AUTO_CHANNELS; c++) {
      const r = await command('config autoreview on', `C0AUTO${c}`);
      if (!r.answer?.text.includes('Auto-review is on')) throw new Error(`auto-review could not be turned on: ${r.answer?.text ?? r.attempt.status}`);
    }
    // One review first: it waits for the model and the persona vectors, as a burst later does not.
    const warm = slack.arrival('thread:1700000000.000000', 180_000);
    await timed(
      events,
      reviewShortcutPost(events, { team: REVIEW_TEAM, channel: 'C0WARM', ts: '1700000000.000000', text: DRAFT, responseUrl: slack.responseUrl('warm') }).body,
      form,
    );
    await warm;
    log(
      `product up in ${Math.round(product.startMs)} ms and warm; traffic at ${RATE}/s: ${CALM_S} s calm, stop ${STOP_S} s, ${CALM_S} s, freeze ${FREEZE_S} s, ${CALM_S} s`,
    );

    const one = async (i: number): Promise<void> => {
      const kind: Kind = (['lookup', 'shortcut', 'event'] as const)[i % 3]!;
      const s: Sent = { kind, phase, id: '', sentAt: performance.now() - t0, attempts: [], answerMs: null, recorded: false };
      sent.push(s);
      const started = performance.now();
      if (kind === 'lookup') {
        s.id = `look${i}`;
        s.attempts.push(
          await timed(events, slashCommandBody({ text: 'invoices', team_id: REVIEW_TEAM, user_id: 'U0ASKER', response_url: slack.responseUrl(s.id) }), form),
        );
        const answer = await responseWithin(slack, s.id, 30_000);
        s.answerMs = answer ? answer.at - started : null;
        if (answer?.text.includes('try again')) s.note = 'try again';
        return;
      }
      const ts = `1700100000.${String(i).padStart(6, '0')}`;
      s.id = ts;
      if (kind === 'shortcut') {
        const post = reviewShortcutPost(events, {
          team: REVIEW_TEAM,
          channel: `C0SHORT${i % SHORTCUT_CHANNELS}`,
          ts,
          text: `${DRAFT} (${i})`,
          responseUrl: slack.responseUrl(`short${i}`),
        });
        const ack = await timed(events, post.body, form);
        s.attempts.push(ack);
        // A shortcut that could not be recorded says so on its response_url; one recorded says nothing there.
        const told = await responseWithin(slack, `short${i}`, 5_000);
        s.answerMs = told ? Math.max(ack.ms, told.at - started) : ack.ms;
        s.recorded = ack.status === 200 && !told?.text.includes('try again');
        if (told) s.note = told.text.includes('try again') ? 'try again' : told.text.slice(0, 120);
        return;
      }
      // An event: Slack wants a 2xx within 3 s, else it delivers the same event_id again.
      const eventId = `EvFAULT${i}`;
      const body = eventBody(`C0AUTO${i % AUTO_CHANNELS}`, ts, eventId);
      for (let retry = 0; retry <= RETRY_AFTER_MS.length; retry++) {
        if (retry > 0) await sleep(RETRY_AFTER_MS[retry - 1]!);
        const a = await timed(events, body, 'application/json', retry > 0 ? { retryNum: retry } : {});
        s.attempts.push(a);
        if (a.status === 200) s.recorded = true;
        if (a.status === 200 && a.ms < BUDGET_MS) break;
      }
      s.answerMs = s.attempts[0]!.ms;
    };

    t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    let i = 0;
    const traffic = setInterval(() => inFlight.push(one(i++)), 1000 / RATE);
    try {
      await sleep(CALM_S * 1000);
      phase = 'stopped';
      mark('PostgreSQL stopped');
      await server.stop();
      await sleep(STOP_S * 1000);
      await server.start();
      phase = 'recovering';
      mark('PostgreSQL started again');
      await sleep(CALM_S * 1000);
      phase = 'frozen';
      mark('PostgreSQL frozen (SIGSTOP)');
      server.freeze();
      await sleep(FREEZE_S * 1000);
      server.thaw();
      phase = 'after';
      mark('PostgreSQL thawed (SIGCONT)');
      await sleep(CALM_S * 1000);
    } finally {
      clearInterval(traffic);
      server.thaw();
    }
    mark(`traffic ended (${i} requests); waiting for retries and the queue to drain`);
    await Promise.all(inFlight);
    // Every recorded review must reach its thread: wait until all have, or two minutes of nothing new.
    const expected = sent.filter((s) => s.kind !== 'lookup' && s.recorded);
    let last = -1;
    let quietSince = performance.now();
    for (;;) {
      const posted = expected.filter((s) => slack.arrivals.has(`thread:${s.id}`)).length;
      if (posted === expected.length) break;
      if (posted !== last) {
        last = posted;
        quietSince = performance.now();
      } else if (performance.now() - quietSince > 120_000) break;
      await sleep(500);
    }
    // A duplicate would come after the first post: a little longer, for a redelivered job.
    await sleep(5_000);
    mark('drained');
    productAlive = isAlive(product.pid);
  } finally {
    await product?.stop().catch(() => {});
    await slack.close();
    await server.destroy();
  }

  const posts = (s: Sent) => slack.arrivals.get(`thread:${s.id}`)?.length ?? 0;
  const reviews = sent.filter((s) => s.kind !== 'lookup');
  const byKind = (kind: Kind) => {
    const of = sent.filter((s) => s.kind === kind);
    const answers = of.map((s) => s.answerMs ?? Number.POSITIVE_INFINITY);
    const firstAttempts = of.map((s) => s.attempts[0]!);
    return {
      sent: of.length,
      answerMs: summarise(answers.filter(Number.isFinite)),
      unanswered: answers.filter((ms) => !Number.isFinite(ms)).length,
      over3s: answers.filter((ms) => ms >= BUDGET_MS).length,
      statuses: countBy(firstAttempts.map((a) => String(a.status))),
      toldTryAgain: of.filter((s) => s.note === 'try again').length,
    };
  };
  const eventsSent = sent.filter((s) => s.kind === 'event');
  const result = {
    machine: machine(),
    at: new Date().toISOString(),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    settings: { ratePerSecond: RATE, stopS: STOP_S, freezeS: FREEZE_S, calmS: CALM_S, retryAfterMs: RETRY_AFTER_MS },
    timeline,
    requests: sent.length,
    lookup: byKind('lookup'),
    shortcut: byKind('shortcut'),
    event: {
      ...byKind('event'),
      answered5xx: eventsSent.flatMap((s) => s.attempts).filter((a) => a.status >= 500).length,
      retries: eventsSent.reduce((k, s) => k + s.attempts.length - 1, 0),
      givenUp: eventsSent.filter((s) => !s.recorded).length,
    },
    productSurvived: productAlive,
    allAnswersUnder3s: sent.every((s) => s.answerMs !== null && s.answerMs < BUDGET_MS),
    reviewsRecorded: reviews.filter((s) => s.recorded).length,
    lost: reviews.filter((s) => s.recorded && posts(s) === 0).map((s) => ({ kind: s.kind, id: s.id, phase: s.phase })),
    duplicated: reviews.filter((s) => posts(s) > 1).map((s) => ({ kind: s.kind, id: s.id, posts: posts(s) })),
    postedUnrecorded: reviews.filter((s) => !s.recorded && posts(s) > 0).map((s) => ({ kind: s.kind, id: s.id, phase: s.phase })),
    byPhase: Object.fromEntries(
      (['before', 'stopped', 'recovering', 'frozen', 'after'] as const).map((p) => {
        const of = sent.filter((s) => s.phase === p);
        return [
          p,
          {
            sent: of.length,
            maxAnswerMs: Math.round(Math.max(0, ...of.map((s) => s.answerMs ?? Number.POSITIVE_INFINITY))),
            over3s: of.filter((s) => (s.answerMs ?? Infinity) >= BUDGET_MS).length,
          },
        ];
      }),
    ),
    slow: sent
      .filter((s) => (s.answerMs ?? Infinity) >= BUDGET_MS)
      .map((s) => ({
        kind: s.kind,
        phase: s.phase,
        sentAtMs: Math.round(s.sentAt),
        answerMs: s.answerMs && Math.round(s.answerMs),
        attempts: s.attempts.map((a) => ({ status: a.status, ms: Math.round(a.ms) })),
      })),
  };
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'fault-run.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const k of ['lookup', 'shortcut', 'event'] as const) {
    const r = result[k];
    log(
      `${k}: ${r.sent} sent, answer p50 ${Math.round(r.answerMs.p50)} p99 ${Math.round(r.answerMs.p99)} max ${Math.round(r.answerMs.max)} ms, ${r.over3s} over 3 s, ${r.unanswered} unanswered, statuses ${JSON.stringify(r.statuses)}, told to try again ${r.toldTryAgain}`,
    );
  }
  log(`events answered 5xx ${result.event.answered5xx}, retries ${result.event.retries}, given up ${result.event.givenUp}`);
  log(
    `reviews recorded ${result.reviewsRecorded}: lost ${result.lost.length}, duplicated ${result.duplicated.length}, posted though not recorded ${result.postedUnrecorded.length}`,
  );
  log(`product still running at the end: ${result.productSurvived}; all answers under 3 s: ${result.allAnswersUnder3s}; wrote bench/results/fault-run.json`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

await main();
