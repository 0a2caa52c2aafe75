// Personas as MCP clients see them: a short line for lists and search, the whole persona in
// the persona file format (what `npm run cli -- export` writes) for get_persona and resources.
import { z } from 'zod';
import type { Persona } from '../domain/persona.js';
import { freshness } from '../domain/freshness.js';
import { PERSONA_FILE_VERSION, personaToEntry } from '../personas/file-format.js';
import { serializePersonaFile } from '../personas/import-export.js';

export const personaLineSchema = z.object({
  name: z.string(),
  product: z.string().nullable(),
  summary: z.string(),
  owner: z.string().nullable().describe('Slack user id of the owner (the research lead who keeps it honest)'),
  lastConfirmed: z.string().describe('YYYY-MM-DD: when research last confirmed the persona'),
  stale: z.boolean().describe('true when not confirmed for longer than the workspace allows: treat with care'),
  jobs: z.array(z.string()).describe('the jobs this persona hires products for, most important first'),
});
export type PersonaLine = z.output<typeof personaLineSchema>;

export function personaLine(p: Persona, now: Date, staleAfterDays: number): PersonaLine {
  return {
    name: p.name,
    product: p.product,
    summary: p.summary,
    owner: p.owner,
    lastConfirmed: p.reviewedAt,
    stale: freshness(p.reviewedAt, now, staleAfterDays).stale,
    jobs: [...p.jobs].sort((a, b) => b.importance - a.importance).map((j) => j.statement),
  };
}

/** One persona as a persona file (YAML), importable with `npm run cli -- import`. */
export function personaYaml(p: Persona): string {
  return serializePersonaFile({ version: PERSONA_FILE_VERSION, personas: [personaToEntry(p)] }, 'yaml');
}

export function personaEntry(p: Persona): Record<string, unknown> {
  return personaToEntry(p) as Record<string, unknown>;
}

/** The resource address of a persona: `persona://<name>`, the name percent-encoded. */
export function personaUri(name: string): string {
  return `persona://${encodeURIComponent(name)}`;
}
