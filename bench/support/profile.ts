// Reads a V8 .cpuprofile (from the inspector's Profiler domain) into where the time went:
// self time by function and by package or source file, and inclusive time of chosen functions.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled time, ms, without (idle). */
  busyMs: number;
  idleMs: number;
  /** Self time by where the code lives: a package, a src/ file, node internals, GC. */
  byPlace: Array<{ place: string; ms: number; share: number }>;
  /** Self time by function. */
  bySelf: Array<{ fn: string; ms: number; share: number }>;
  /** Time with the function on the stack (self + callees), by function. */
  byTotal: Array<{ fn: string; ms: number; share: number }>;
}

function place(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/work\/[^/]+\/((?:src|bench|test)\/.*)$/.exec(url) ?? /((?:src|bench|test)\/[^?]*)$/.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

function label(f: CallFrame): string {
  // Within a package, the file too: "search fuse.js/dist/fuse.mjs:403".
  const where = /node_modules\/((?:@[^/]+\/)?[^/]+\/.*)$/.exec(f.url)?.[1] ?? place(f.url, f.functionName);
  return `${f.functionName || '(anonymous)'} ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

export function summariseProfile(path: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const places = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!)!;
    const f = node.callFrame;
    if (f.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    const l = label(f);
    self.set(l, (self.get(l) ?? 0) + dt);
    const p = place(f.url, f.functionName);
    places.set(p, (places.get(p) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const rows = <K extends string>(m: Map<string, number>, key: K, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => ({ [key]: k, ms: Math.round(ms), share: Math.round((ms / busy) * 1000) / 10 }) as { [P in K]: string } & { ms: number; share: number });
  return {
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    byPlace: rows(places, 'place', top),
    bySelf: rows(self, 'fn', top),
    byTotal: rows(new Map([...total].filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(program)'))), 'fn', top * 2),
  };
}
