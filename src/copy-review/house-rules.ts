// A workspace's house rules between the store and the review: importing a file (all or
// nothing, every problem with its line) and loading the rules in force for a review, parsed
// once per import and kept until the next one.
import type { Db } from '../db/client.js';
import { getHouseRules, houseRulesImportedAt, saveHouseRules } from '../db/queries/house-rules.js';
import type { HouseRuleSet } from '../review-engine/house-rules/check.js';
import { houseRulesFileSchema, parseHouseRules } from '../review-engine/house-rules/format.js';
import type { HouseRulesFile, HouseRulesProblem } from '../review-engine/house-rules/format.js';

export type HouseRulesImport = { ok: true; file: HouseRulesFile } | { ok: false; problems: HouseRulesProblem[] };

/** Parses `body` and, when every rule is valid, replaces the workspace's house rules with it. */
export async function importHouseRules(
  db: Db,
  { teamId, fileName, body, by, now }: { teamId: string; fileName: string; body: string; by: string; now: Date },
): Promise<HouseRulesImport> {
  const parsed = parseHouseRules(body);
  if (!parsed.ok) return parsed;
  await saveHouseRules(db, { teamId, fileName, body, rules: parsed.file, by, now });
  return parsed;
}

/** "house-rules.yaml:7: …", the form an editor jumps to. */
export function formatProblems(fileName: string, problems: readonly HouseRulesProblem[]): string {
  return problems.map((p) => `${fileName}:${p.line}: ${p.message}`).join('\n');
}

const cache = new Map<string, { at: number; set: HouseRuleSet }>();

/** The house rules in force for a workspace, or undefined when it has none. */
export async function loadHouseRules(db: Db, { teamId }: { teamId: string }): Promise<HouseRuleSet | undefined> {
  const at = await houseRulesImportedAt(db, { teamId });
  if (!at) {
    cache.delete(teamId);
    return undefined;
  }
  const known = cache.get(teamId);
  if (known && known.at === at.getTime()) return known.set;
  const row = await getHouseRules(db, { teamId });
  if (!row) return undefined;
  // Validated again on the way out: a row written by an older version must not reach a review unchecked.
  const parsed = houseRulesFileSchema.safeParse(row.rules);
  if (!parsed.success) return undefined;
  const set: HouseRuleSet = { rules: parsed.data.rules, packs: parsed.data.packs };
  cache.set(teamId, { at: at.getTime(), set });
  return set;
}
