// Local mode's address for people: the JSON log line carries it for machines, but on a
// terminal it is buried there, so a plain line says where to go.
import type { Writable } from 'node:stream';

export function localBanner(url: string): string {
  return `\n  Persona Bot is running in local mode. Open ${url}/ in your browser.\n  (Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to connect it to Slack; Ctrl+C stops it.)\n\n`;
}

/** Writes the banner when `out` is a terminal; logs piped to a file or a collector stay JSON only. */
export function printLocalBanner(out: Writable & { isTTY?: boolean }, url: string): boolean {
  if (out.isTTY !== true) return false;
  out.write(localBanner(url));
  return true;
}
