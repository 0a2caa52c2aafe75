// Cards fetched by reference, for buttons: share, show another persona.
import type { SlackMessage } from '../../render/common.js';
import { jobCard } from '../../render/job-card.js';
import { goneMessage } from '../../render/notices.js';
import { personaCard } from '../../render/persona-card.js';
import type { CardRef } from '../../ids.js';
import type { AppDeps } from '../../deps.js';

export async function cardReply(deps: AppDeps, teamId: string, ref: CardRef, viewer: { shareable: boolean; sharedBy?: string }): Promise<SlackMessage> {
  if (ref.kind === 'job') {
    const job = await deps.lookup.job(teamId, ref.id);
    return job ? jobCard(job, viewer) : goneMessage('job');
  }
  const persona = await deps.lookup.persona(teamId, ref.id);
  if (!persona) return goneMessage('persona');
  return personaCard(persona, { now: deps.clock.now(), staleAfterDays: deps.settings.staleAfterDays, ...viewer });
}
