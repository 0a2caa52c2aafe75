// Structured JSON logs (one object per line). Secrets and draft text never go in here:
// the redact list is a second line of defence, not the first.
import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'persona-bot' },
      redact: { paths: ['token', '*.token', 'headers.authorization', 'signingSecret', '*.text'], censor: '[redacted]' },
    },
    options.destination ?? process.stdout,
  );
}

/** A logger that writes nowhere, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
