// The sections of docs/benchmarks.md for the review burst and the fault run (issue 19), from
// bench/results/review-burst.json, review-burst-before.json and fault-run.json.
import { existsSync, readFileSync } from 'node:fs';

// The results files, read for display only.
type Json = any;

function read(name: string): Json | null {
  const path = `bench/results/${name}.json`;
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : null;
}

const at = (d: Json) => `${String(d.at).slice(0, 16).replace('T', ' ')} UTC`;
const sec = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(x / 1000).toFixed(2)} s`);
const msr = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${Math.round(x)} ms`);

export function renderBurst(): string[] {
  const after = read('review-burst');
  if (!after) return [];
  const before = read('review-burst-before');
  const out = [`## Review copy burst (${at(after)})`, ''];
  out.push(
    'Command: `BENCH_POSTGRES_URL=postgres://… npx tsx bench/review-burst.ts` (the PostgreSQL run creates and drops a database of its own). 200 “Review copy”',
    'shortcuts sent at once over 20 channels to the product in a child process (sentence model on, 8 personas); ack: request sent → HTTP answer; thread post: first request',
    '→ the review’s post in its thread (1 post a second per channel, so about 10 s is the floor for the last). Event-loop delay: `monitorEventLoopDelay` in the product',
    'from the first request to the last post. “Before”: the tree before the model moved to a worker thread, run the same way just before.',
    'Load: the 1-minute load average as the burst started → ended, on 2 cores shared with other work; figures under load are upper bounds.',
    '',
    '| store | model on | acks p50 | p99 | max | over 3 s | told “try again” | last thread post | loop delay p99 | max | RSS before → after (peak) | load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const d of [before, after].filter(Boolean))
    for (const r of d.results)
      out.push(
        `| ${r.store} | ${r.model ?? '–'} | ${sec(r.ackMs.p50)} | ${sec(r.ackMs.p99)} | ${sec(r.ackMs.max)} | ${r.acksOver3s}/${r.burst} | ${r.notRecorded ?? 0} | ${sec(r.lastPostMs)} | ${msr(r.eventLoopDelayMs?.p99)} | ${msr(r.eventLoopDelayMs?.max)} | ${r.rssMiB ? `${r.rssMiB.before} → ${r.rssMiB.after} MiB (${r.rssMiB.peak})` : '–'} | ${r.loadavg ? `${r.loadavg.start[0]} → ${r.loadavg.end[0]}` : '–'} |`,
      );
  out.push('');
  return out;
}

export function renderFaultRun(): string[] {
  const d = read('fault-run');
  if (!d) return [];
  const out = [`## Fault run: PostgreSQL stopped, then frozen, under mixed traffic (${at(d)})`, ''];
  out.push(
    `Command: \`npx tsx bench/fault-run.ts\`. A throwaway PostgreSQL of the run’s own (never the shared server); the product in a child process with the sentence model;`,
    `${d.settings.ratePerSecond} requests a second in turn: \`/persona\` lookups, “Review copy” shortcuts (10 channels), auto-review message events (5 channels).`,
    `${d.settings.calmS} s calm, the server stopped ${d.settings.stopS} s and started again, ${d.settings.calmS} s, frozen (SIGSTOP to the server and its backends) ${d.settings.freezeS} s and thawed, ${d.settings.calmS} s more.`,
    `Answer: \`/persona\` → its response_url post; shortcut → the ack, or the “try again” post when it could not be recorded; event → the HTTP answer. An event answered`,
    `other than 200 within 3 s is delivered again with \`X-Slack-Retry-Num\` after ${d.settings.retryAfterMs.map((x: number) => `${x / 1000} s`).join(', ')} (Slack: about at once, 1 min, 5 min).`,
    'Lost: a review recorded (event answered 200, shortcut not told to try again) and never posted in its thread; duplicated: posted there twice; both counted from what the fake Slack received.',
    `Load average at the end: ${d.loadavg.join(', ')} (2 cores shared with other work).`,
    '',
    '| | sent | answer p50 | p99 | max | over 3 s | unanswered | first answers | told “try again” |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const k of ['lookup', 'shortcut', 'event']) {
    const r = d[k];
    out.push(
      `| ${k} | ${r.sent} | ${msr(r.answerMs.p50)} | ${msr(r.answerMs.p99)} | ${msr(r.answerMs.max)} | ${r.over3s} | ${r.unanswered} | ${Object.entries(
        r.statuses,
      )
        .map(([st, n]) => `${st}: ${n}`)
        .join(', ')} | ${r.toldTryAgain} |`,
    );
  }
  out.push(
    '',
    `Events answered 5xx: ${d.event.answered5xx}; retries sent: ${d.event.retries}; events never taken after every retry: ${d.event.givenUp}.`,
    `Reviews recorded: ${d.reviewsRecorded}; **lost: ${d.lost.length}; duplicated: ${d.duplicated.length}**; posted though not recorded: ${d.postedUnrecorded.length}. All answers under 3 s: **${d.allAnswersUnder3s ? 'yes' : 'no'}**. The product still running at the end: ${d.productSurvived ? 'yes' : '**no**'}.`,
    '',
    '| phase | sent | slowest answer | over 3 s |',
    '|---|---|---|---|',
  );
  for (const [p, r] of Object.entries(d.byPhase) as Array<[string, Json]>) out.push(`| ${p} | ${r.sent} | ${msr(r.maxAnswerMs)} | ${r.over3s} |`);
  out.push('');
  return out;
}
