// The review engine is used by Slack listeners and by the CLI: it imports neither, and it keeps
// its vectors through a VectorStore interface, not SQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('src/review-engine imports no Slack, no CLI and no database code', () => {
  const sources = files('src/review-engine');
  expect(sources.length).toBeGreaterThan(10);
  for (const file of sources) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      expect(m[1], `${file} imports ${m[1]}`).not.toMatch(/@slack\/|\/slack\/|\/cli\/|\/db\/|drizzle-orm/);
    }
  }
});
