// One import as `npm run cli -- import` runs it, in a process of its own so that its peak
// resident memory is its own: prints {"ms", "peakMiB", "summary"} as one JSON line.
import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import { systemClock } from '../../src/domain/clock.js';

const [url, team, file] = process.argv.slice(2);
let out = '';
let err = '';
const stdout = new PassThrough().on('data', (c) => (out += c));
const stderr = new PassThrough().on('data', (c) => (err += c));
const started = performance.now();
const code = await runCli(['import', '--json', '--team', team!, file!], {
  stdout,
  stderr,
  stdin: Readable.from([]),
  env: { ...process.env, DATABASE_URL: url! },
  clock: systemClock,
});
const ms = performance.now() - started;
// CPU time tells the work apart from waiting for a busy machine's cores.
const cpu = process.cpuUsage();
const cpuMs = (cpu.user + cpu.system) / 1000;
const peakKiB = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
if (code !== 0) {
  console.error(err);
  process.exit(code);
}
const summary = JSON.parse(out) as { created: string[]; updated: string[]; unchanged: string[] };
console.log(
  JSON.stringify({
    ms,
    cpuMs,
    peakMiB: Math.round(peakKiB / 1024),
    created: summary.created.length,
    updated: summary.updated.length,
    unchanged: summary.unchanged.length,
  }),
);
