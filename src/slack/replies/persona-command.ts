// Turns the text after `/persona` into the message to answer with.
import type { SlackMessage } from '../blocks/common.js';
import { helpMessage } from '../blocks/help.js';
import { jobCard } from '../blocks/job-card.js';
import { emptyWorkspaceMessage, noMatchMessage } from '../blocks/notices.js';
import { personaCard } from '../blocks/persona-card.js';
import { personaList } from '../blocks/persona-list.js';
import type { AppDeps } from '../deps.js';

export async function personaCommandReply(deps: AppDeps, teamId: string, text: string, command: string): Promise<SlackMessage> {
  const query = text.trim();
  const [word = '', ...rest] = query.split(/\s+/);
  const sub = word.toLowerCase();
  if (query === '' || sub === 'help') return helpMessage(command);
  if (sub === 'list' && rest.length <= 1 && (rest.length === 0 || /^\d+$/.test(rest[0]!))) {
    return listReply(deps, teamId, Number(rest[0] ?? 1), command);
  }
  const result = await deps.lookup.lookup(teamId, query);
  const now = deps.clock.now();
  switch (result.kind) {
    case 'persona':
      return personaCard(result.persona, { now, staleAfterDays: deps.settings.staleAfterDays, shareable: true, others: result.others });
    case 'job':
      return jobCard(result.job, { shareable: true });
    case 'none':
      return result.workspaceEmpty ? emptyWorkspaceMessage(teamId) : noMatchMessage(query, result.suggestions, command);
  }
}

export async function listReply(deps: AppDeps, teamId: string, page: number, command: string): Promise<SlackMessage> {
  const personas = await deps.lookup.all(teamId);
  return personaList(personas, { page, now: deps.clock.now(), staleAfterDays: deps.settings.staleAfterDays, command });
}
