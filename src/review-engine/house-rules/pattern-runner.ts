// Runs a workspace's regular expressions with a time limit. A pattern such as (a+)+$ can
// backtrack for minutes on a short text; inside a `vm` context with a timeout, V8 interrupts it
// and the review carries on without that rule (and says so). Our own patterns (phrases escaped
// from the file) run the same way, so nothing a workspace writes can stall a review.
import vm from 'node:vm';
import type { Pattern } from './format.js';

export interface PatternMatch {
  index: number;
  text: string;
}

export type PatternOutcome = { ok: true; matches: PatternMatch[] } | { ok: false; reason: 'timeout' | 'error'; message: string };

/** At most this many matches are reported per pattern. */
const MAX_MATCHES = 20;

const script = new vm.Script(
  `(() => {
    const re = new RegExp(source, flags);
    const out = [];
    let m;
    while ((m = re.exec(text)) !== null && out.length < max) {
      out.push([m.index, m[0]]);
      if (m[0] === '') re.lastIndex++;
    }
    return JSON.stringify(out);
  })()`,
  { filename: 'house-rule-pattern.js' },
);

// One context for every run: creating one costs milliseconds, setting its globals nothing.
const sandbox: Record<string, unknown> = { source: '', flags: '', text: '', max: MAX_MATCHES };
const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });

export function runPattern(pattern: Pattern, text: string, timeoutMs: number): PatternOutcome {
  sandbox.source = pattern.source;
  sandbox.flags = `${pattern.flags.replace(/[gy]/g, '')}g`;
  sandbox.text = text;
  try {
    const raw = script.runInContext(context, { timeout: Math.max(1, Math.round(timeoutMs)) }) as string;
    const pairs = JSON.parse(raw) as Array<[number, string]>;
    return { ok: true, matches: pairs.map(([index, found]) => ({ index, text: found })) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, reason: 'timeout', message: `took longer than ${timeoutMs} ms` };
    return { ok: false, reason: 'error', message: (err as Error).message };
  } finally {
    sandbox.text = '';
  }
}
