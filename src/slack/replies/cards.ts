// Cards fetched by reference, for buttons: share, show another persona.
import type { SlackMessage } from '../blocks/common.js';
import { jobCard } from '../blocks/job-card.js';
import { goneMessage } from '../blocks/notices.js';
import { personaCard } from '../blocks/persona-card.js';
import type { CardRef } from '../ids.js';
import type { AppDeps } from '../deps.js';

export async function cardReply(deps: AppDeps, teamId: string, ref: CardRef, viewer: { shareable: boolean; sharedBy?: string }): Promise<SlackMessage> {
  if (ref.kind === 'job') {
    const job = await deps.lookup.job(teamId, ref.id);
    return job ? jobCard(job, viewer) : goneMessage('job');
  }
  const persona = await deps.lookup.persona(teamId, ref.id);
  if (!persona) return goneMessage('persona');
  return personaCard(persona, { now: deps.clock.now(), staleAfterDays: deps.settings.staleAfterDays, ...viewer });
}
