// A progress bar for long imports, on a terminal only: after a second and a half without
// being done it appears on standard error, so quick imports and piped output stay quiet.
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SHOW_AFTER_MS = 1500;

/** `what` names the items counted ("personas", "rows saved"); `label` the work ("Importing"). */
export function importProgress(stream: Writable, now: () => number = () => performance.now(), what = 'personas', label = 'Importing'): Progress {
  const tty = (stream as Writable & { isTTY?: boolean }).isTTY === true;
  const started = now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      if (!tty || total === 0) return;
      if (!bar) {
        if (now() - started < SHOW_AFTER_MS || done >= total) return;
        bar = new cliProgress.SingleBar(
          {
            stream: stream as NodeJS.WritableStream,
            format: `${label} [{bar}] {value}/{total} ${what}, {eta_formatted} left`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
