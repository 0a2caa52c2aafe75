// The largest request the bot can receive from Slack: a view_submission of the persona edit
// form, opened on a persona with every field at its maximum and submitted with every input
// full. The body limit of the receiver is derived from it (test/slack/body-limit.test.ts).
import { CHANNEL_IDS, personaFromDraft } from '../../src/domain/persona.js';
import type { Persona } from '../../src/domain/persona.js';
import { personaModal } from '../../src/slack/render/persona-modal.js';

/**
 * The character that costs most bytes per UTF-16 unit once Slack has sent it form-encoded:
 * a 3-byte UTF-8 character is 9 bytes percent-encoded (`%E6%BC%A2`); an emoji (two units)
 * is 12, a JSON `\u` escape 8 per unit.
 */
export const WORST_CHAR = '漢';

const fill = (n: number, ch: string) => ch.repeat(n);

/** A persona at the limits of the persona file schema, written in `ch`. */
export function largestPersona(ch = WORST_CHAR): Persona {
  const attrs = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`${fill(58, ch)}${String(i).padStart(2, '0')}`, Array.from({ length: 50 }, () => fill(500, ch))]),
  );
  return personaFromDraft(
    {
      name: fill(100, ch),
      summary: fill(1000, ch),
      product: fill(100, ch),
      owner: 'U0OWNER',
      reviewedAt: '2026-01-01',
      demographics: attrs,
      psychographics: attrs,
      sociographics: attrs,
      channels: [...CHANNEL_IDS],
      quote: fill(500, ch),
      successMetric: fill(500, ch),
      constraints: Array.from({ length: 20 }, () => fill(300, ch)),
      jobs: Array.from({ length: 60 }, (_, i) => ({
        kind: 'functional' as const,
        statement: `${fill(296, ch)}${String(i).padStart(4, '0')}`,
        importance: 5,
        when: fill(300, ch),
        outcome: fill(300, ch),
      })),
      pains: Array.from({ length: 40 }, () => ({ kind: 'undesired_outcome' as const, text: fill(300, ch), severity: 5 })),
      gains: Array.from({ length: 40 }, () => ({ kind: 'unexpected' as const, text: fill(300, ch), relevance: 5 })),
      evidence: Array.from({ length: 60 }, () => ({ source: 'support_ticket' as const, ref: fill(500, ch), date: '2026-01-01' })),
    },
    '00000000-0000-4000-8000-000000000001',
    'TTEST',
  );
}

type Json = Record<string, unknown>;

/** The view_submission payload Slack sends when that form is submitted with every input full. */
export function largestPersonaFormSubmission(ch = WORST_CHAR): Json {
  const view = personaModal(largestPersona(ch)) as unknown as Json & { blocks: Json[] };
  const values: Record<string, Record<string, Json>> = {};
  const blocks = view.blocks.map((block) => {
    const element = { ...(block.element as Json) };
    const actionId = String(element.action_id);
    const blockId = String(block.block_id);
    const max = typeof element.max_length === 'number' ? element.max_length : 3000;
    // Slack refuses a view whose initial value is longer than the input allows: it never arrives longer.
    if (typeof element.initial_value === 'string') element.initial_value = element.initial_value.slice(0, max);
    let state: Json;
    if (element.type === 'plain_text_input') state = { type: element.type, value: fill(max, ch) };
    else if (element.type === 'users_select') state = { type: element.type, selected_user: 'U0OWNER' };
    else state = { type: element.type, selected_options: element.options };
    values[blockId] = { [actionId]: state };
    return { ...block, element };
  });
  return {
    type: 'view_submission',
    team: { id: 'TTEST', domain: 'test' },
    user: { id: 'U0ASKER', username: 'marketer', name: 'marketer', team_id: 'TTEST' },
    api_app_id: 'A0TEST',
    token: 'deprecated-verification-token',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    view: {
      id: 'V0LARGEST',
      team_id: 'TTEST',
      ...view,
      blocks,
      state: { values },
      hash: '1700000000.abcdefgh',
      previous_view_id: null,
      root_view_id: 'V0LARGEST',
      app_id: 'A0TEST',
      external_id: '',
      app_installed_team_id: 'TTEST',
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
