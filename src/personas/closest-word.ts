// "Did you mean functional?": the allowed word nearest a mistyped one, when it is near enough
// to be the one meant.

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The word of `allowed` within a third of its length (at least 1, at most 3 edits) of `typed`, else null. */
export function closestWord(typed: unknown, allowed: readonly string[]): string | null {
  if (typeof typed !== 'string') return null;
  const t = typed.trim().toLowerCase();
  if (!t || t.length > 40) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const word of allowed) {
    const distance = editDistance(t, word);
    const within = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    if (distance <= within && distance < bestDistance) {
      best = word;
      bestDistance = distance;
    }
  }
  return best;
}
