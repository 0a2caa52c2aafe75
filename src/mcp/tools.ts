// The MCP server: tools an assistant calls to find personas and review drafts, and a resource
// per persona it can attach to a conversation. Descriptions are written for a model to choose
// well: what the tool is for, when to use it, what comes back.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { getPersonaByName } from '../db/queries/personas.js';
import { CHANNEL_IDS, channelName } from '../domain/persona.js';
import { listRulesInForce } from '../review-engine/rules-in-force.js';
import { learnAd, listTeamExamples, toLabelled } from '../copy-review/examples.js';
import { loadHouseRules } from '../copy-review/house-rules.js';
import { UnknownPersonaError } from '../review-engine/engine.js';
import { closeCallPersona, reviewResultSchema } from '../review-engine/result.js';
import type { ReviewResult } from '../review-engine/result.js';
import { ToolInputError } from './context.js';
import type { McpContext } from './context.js';
import { personaEntry, personaLine, personaLineSchema, personaUri, personaYaml } from './persona-view.js';

export const SERVER_NAME = 'persona-bot';
export const SERVER_VERSION = '0.1.0';

/** Slack's own limit for a message's text: a longer draft could not be posted for review either. */
export const MAX_DRAFT_CHARACTERS = 40_000;
const MAX_QUERY_CHARACTERS = 200;
const SEARCH_LIMIT = 5;

const INSTRUCTIONS = `Persona Bot holds this team's customer personas: who they are, the jobs they hire products for (functional, emotional, social), their pains and gains, and the channels that reach them. Use find_persona or list_personas to pick the persona a piece of copy is for, get_persona to read it in full before writing, and review_copy to check a draft: which persona it speaks to and how well, how many jobs it addresses (one clear job per message works best), and whether it fits the channel's rules.`;

/** An ad or draft as a tool takes it: not blank, and no longer than Slack would post. */
const adText = (what: string) =>
  z
    .string()
    .refine((t) => t.trim().length > 0, `text must not be empty: give ${what}`)
    .refine((t) => t.length <= MAX_DRAFT_CHARACTERS, `text must be at most ${MAX_DRAFT_CHARACTERS.toLocaleString('en-US')} characters (Slack's message limit)`);

const channelSchema = z.enum(CHANNEL_IDS).describe(`Where the copy will run: ${CHANNEL_IDS.map((c) => `${c} (${channelName(c)})`).join(', ')}`);

/** A tool's answer: structured content, and the same as text for clients that only read text. */
function answer(summary: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: `${summary}\n\n${JSON.stringify(structured)}` }], structuredContent: structured };
}

/**
 * Runs a tool body: a refusal the client caused keeps its message; anything else is logged and
 * answered without internals (no SQL, no stack), as a tool error the assistant can read.
 */
function guarded<A>(ctx: McpContext, tool: string, body: (args: A) => Promise<CallToolResult>) {
  return async (args: A): Promise<CallToolResult> => {
    try {
      return await body(args);
    } catch (err) {
      if (err instanceof ToolInputError) return { isError: true, content: [{ type: 'text', text: err.message }] };
      ctx.log.error({ err, tool, team: ctx.teamId }, 'mcp tool failed');
      return {
        isError: true,
        content: [{ type: 'text', text: `${tool} could not finish: Persona Bot hit an internal error (it is in the server's log). Try again.` }],
      };
    }
  };
}

async function personasOf(ctx: McpContext) {
  return (await ctx.indexes.get(ctx.teamId)).personas;
}

/** Exact name first (any case), else a refusal that names the closest personas. */
async function personaNamed(ctx: McpContext, name: string) {
  const exact = await getPersonaByName(ctx.db, { teamId: ctx.teamId, name });
  if (exact) return exact;
  const index = await ctx.indexes.get(ctx.teamId);
  const close = index.search(name, 3).personas.map((r) => r.item.name);
  throw new ToolInputError(
    `No persona is named "${name}".${close.length ? ` Closest: ${close.join(', ')}.` : index.personas.length ? '' : ' The workspace has no personas yet.'} Use list_personas for every name.`,
  );
}

export function createPersonaMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }, { instructions: INSTRUCTIONS });

  server.registerTool(
    'find_persona',
    {
      title: 'Find a persona',
      description:
        'Fuzzy search over the team\'s personas and the jobs they hire products for, as Slack\'s /persona does (typos are fine). Use it when you know roughly who the copy is for ("busy team lead", "budget", "get paid on time") and need the persona\'s exact name. Returns the best matches with the fields that matched; then call get_persona for the whole persona.',
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1, 'query must not be empty: say who or what to look for')
          .max(MAX_QUERY_CHARACTERS, `query must be at most ${MAX_QUERY_CHARACTERS} characters`)
          .describe('Words about the persona or a job they hire for'),
      },
      outputSchema: {
        query: z.string(),
        personas: z.array(personaLineSchema.extend({ matched: z.array(z.string()).describe('the fields the query matched: name, product, summary, a job…') })),
        jobs: z.array(z.object({ statement: z.string(), kind: z.string(), personas: z.array(z.string()) })),
        note: z.string().optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(ctx, 'find_persona', async ({ query }: { query: string }) => {
      const index = await ctx.indexes.get(ctx.teamId);
      const found = index.search(query, SEARCH_LIMIT);
      const now = ctx.clock.now();
      const personas = found.personas.map((r) => ({ ...personaLine(r.item, now, ctx.staleAfterDays), matched: [...r.matched] }));
      const jobs = found.jobs.map((r) => ({ statement: r.item.statement, kind: r.item.kind, personas: r.item.hirers.map((h) => h.persona.name) }));
      const none = personas.length === 0 && jobs.length === 0;
      const note = none
        ? index.personas.length === 0
          ? 'The workspace has no personas yet.'
          : 'Nothing matched. list_personas shows every persona.'
        : undefined;
      const summary = none ? (note as string) : `Best match: ${personas[0]?.name ?? `the job "${jobs[0]!.statement}" (${jobs[0]!.personas.join(', ')})`}.`;
      return answer(summary, { query, personas, jobs, ...(note ? { note } : {}) });
    }),
  );

  server.registerTool(
    'get_persona',
    {
      title: 'Read a persona',
      description:
        "The whole persona, by exact name (any case): demographics, psychographics, sociographics, jobs with kind and importance, pains with severity, gains with relevance, channels, evidence, owner and when research last confirmed it. Read it before writing copy for that persona. Also returned as YAML in the team's persona file format.",
      inputSchema: {
        name: z.string().trim().min(1, 'name must not be empty').max(MAX_QUERY_CHARACTERS).describe('The persona\'s name, e.g. "Overbooked Team Lead"'),
      },
      outputSchema: {
        persona: z.record(z.string(), z.unknown()).describe('the persona in the persona file format'),
        stale: z.boolean(),
        yaml: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(ctx, 'get_persona', async ({ name }: { name: string }) => {
      const p = await personaNamed(ctx, name);
      const line = personaLine(p, ctx.clock.now(), ctx.staleAfterDays);
      const yaml = personaYaml(p);
      const staleNote = line.stale ? ` Research last confirmed it on ${line.lastConfirmed}: it may be out of date.` : '';
      return {
        content: [{ type: 'text', text: `${p.name}${p.product ? ` (${p.product})` : ''}.${staleNote}\n\n${yaml}` }],
        structuredContent: { persona: personaEntry(p), stale: line.stale, yaml },
      };
    }),
  );

  server.registerTool(
    'list_personas',
    {
      title: 'List personas',
      description:
        "Every persona of the team with its product, one-line summary, owner, freshness and jobs. Use it to see who the team writes for, or when find_persona doesn't find one.",
      inputSchema: {},
      outputSchema: { personas: z.array(personaLineSchema), count: z.number().int() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(ctx, 'list_personas', async () => {
      const now = ctx.clock.now();
      const personas = (await personasOf(ctx)).map((p) => personaLine(p, now, ctx.staleAfterDays));
      return answer(personas.length ? `${personas.length} persona${personas.length === 1 ? '' : 's'}.` : 'The workspace has no personas yet.', {
        personas,
        count: personas.length,
      });
    }),
  );

  server.registerTool(
    'review_copy',
    {
      title: 'Review a draft',
      description:
        "Reviews ad or message copy against the team's personas and a channel's rules, as Persona Bot does in Slack: which persona it speaks to and how well (fit 0–100 with reasons), the jobs it addresses with the words that carry each (one clear job per message works best), pains and gains it touches, and the channel verdict with every rule it breaks. Give `channel` when you know where the copy runs (otherwise every channel is ranked) and `persona` when it was written for a particular persona. Call it after drafting and revise on its findings.",
      inputSchema: {
        text: adText('the draft to review').describe('The draft, as it would be published'),
        channel: channelSchema.optional(),
        persona: z.string().trim().min(1).max(MAX_QUERY_CHARACTERS).optional().describe('Review against this persona (exact name)'),
      },
      outputSchema: reviewResultSchema.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(ctx, 'review_copy', async ({ text, channel, persona }: { text: string; channel?: (typeof CHANNEL_IDS)[number]; persona?: string }) => {
      const personas = await personasOf(ctx);
      const engine = await ctx.engine();
      // The team's house rules and labelled examples apply here as in Slack and the CLI.
      const houseRules = await loadHouseRules(ctx.db, { teamId: ctx.teamId });
      const examples = toLabelled(await listTeamExamples(ctx.db, { teamId: ctx.teamId }));
      let result: ReviewResult;
      try {
        result = await engine.review({
          text,
          personas,
          teamId: ctx.teamId,
          ...(persona ? { persona } : {}),
          ...(channel ? { channel } : {}),
          ...(houseRules ? { houseRules } : {}),
          examples,
        });
      } catch (err) {
        if (err instanceof UnknownPersonaError) throw new ToolInputError(`${err.message}. Use list_personas for every name.`);
        throw err;
      }
      return answer(reviewSummary(result), result as unknown as Record<string, unknown>);
    }),
  );

  server.registerTool(
    'channel_rules',
    {
      title: 'Channel rules',
      description:
        "The rules Persona Bot checks copy against: each platform's limits and policies per channel, then the team's own house rules (banned or required phrases, own limits, product spellings). Each with its kind (hard: the platform rejects or cuts the text; recommendation: the platform advises; best practice: practitioners' advice), the page that states it and the day it was last read. Read them before writing for a channel.",
      inputSchema: { channel: channelSchema.optional() },
      outputSchema: {
        version: z.string(),
        channel: z.string().nullable(),
        rules: z.array(
          z.object({
            label: z.string(),
            id: z.string(),
            origin: z
              .enum(['platform', 'house', 'pack'])
              .describe("platform: the channel's own rule; house: the team's; pack: a compliance reminder the team turned on"),
            channels: z.array(z.string()),
            kind: z.string(),
            summary: z.string(),
            url: z.string().optional(),
            read: z.string().optional().describe('YYYY-MM-DD: when the source was last read'),
            note: z.string().optional(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(ctx, 'channel_rules', async ({ channel }: { channel?: (typeof CHANNEL_IDS)[number] }) => {
      const house = await loadHouseRules(ctx.db, { teamId: ctx.teamId });
      const listing = listRulesInForce(channel ?? null, house ?? undefined);
      return answer(
        `${listing.rules.length} rules${channel ? ` for ${channelName(channel)}` : ''} (version ${listing.version}).`,
        listing as unknown as Record<string, unknown>,
      );
    }),
  );

  server.registerTool(
    'learn_example',
    {
      title: 'Teach the reviewer an ad',
      description:
        'Stores an ad as a labelled example of the team: the persona it was written for, or "generic" for copy meant for no persona. Later reviews of similar drafts lean on it (their reasons say so). Use it only when a person has confirmed the label, for example after the team ran the ad for that persona, or when a review named the wrong persona and the user corrected it. Teaching the same text again replaces its label.',
      inputSchema: {
        text: adText('the ad').describe('The ad, as published'),
        persona: z.string().trim().min(1).max(MAX_QUERY_CHARACTERS).describe('The persona\'s exact name, or "generic" for copy that fits no persona'),
        channel: channelSchema.optional(),
      },
      outputSchema: { persona: z.string().nullable(), added: z.number().int(), changed: z.number().int(), unchanged: z.number().int() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(ctx, 'learn_example', async ({ text, persona, channel }: { text: string; persona: string; channel?: (typeof CHANNEL_IDS)[number] }) => {
      const generic = persona.trim().toLowerCase() === 'generic';
      const target = generic ? null : await personaNamed(ctx, persona);
      const summary = await learnAd(ctx.db, await ctx.engine(), {
        teamId: ctx.teamId,
        ad: { text, personaId: target?.id ?? null, jobs: null, channel: channel ?? null, externalId: null },
        source: 'assistant',
        sourceRef: 'MCP',
        actor: 'mcp',
        storeText: ctx.storeText,
        now: ctx.clock.now(),
      });
      const what = target ? `an ad for ${target.name}` : 'a generic ad (for no persona)';
      const verb = summary.added ? 'Learned' : summary.changed ? 'Relabelled' : 'Already known as';
      return answer(`${verb} ${what}.`, { persona: target?.name ?? null, added: summary.added, changed: summary.changed, unchanged: summary.unchanged });
    }),
  );

  server.registerResource(
    'persona',
    new ResourceTemplate('persona://{name}', {
      list: async () => ({
        resources: (await personasOf(ctx)).map((p) => ({
          uri: personaUri(p.name),
          name: p.name,
          title: p.name,
          description: p.summary.slice(0, 300),
          mimeType: 'application/yaml',
        })),
      }),
    }),
    { title: 'Persona', description: "A persona in the team's persona file format (YAML)", mimeType: 'application/yaml' },
    async (uri, variables) => {
      const raw = Array.isArray(variables.name) ? variables.name[0] : variables.name;
      let name: string;
      try {
        name = decodeURIComponent(String(raw ?? ''));
      } catch {
        throw new ToolInputError(`not a persona address: ${uri.href}`);
      }
      const p = await personaNamed(ctx, name);
      return { contents: [{ uri: uri.href, mimeType: 'application/yaml', text: personaYaml(p) }] };
    },
  );

  return server;
}

/** One line a person (or model) reads first; the structured result has the rest. */
export function reviewSummary(r: ReviewResult): string {
  const best = r.personas[0];
  const close = closeCallPersona(r);
  const who =
    best && best.match !== 'none'
      ? `Speaks to ${best.name} (fit ${best.fit}/100, ${best.match})${close ? ` or to ${close.name} (fit ${close.fit}/100, ${close.match}): a close call` : ''}.`
      : 'No persona fits this draft.';
  const jobs = `${r.jobsAddressed} job${r.jobsAddressed === 1 ? '' : 's'} addressed${r.primaryJobs > 1 ? ` (${r.primaryJobs} separate promises: one per message works best)` : ''}.`;
  const hard = r.findings.filter((f) => f.severity === 'error').length;
  const channel = `${channelName(r.channel)}: ${r.verdict}${hard ? ` (${hard} rule${hard === 1 ? '' : 's'} broken)` : ''}.`;
  return `${who} ${jobs} ${channel}`;
}
