// Cards fetched by reference, for buttons: share, show another persona.
import type { SlackMessage } from '../../render/common.js';
import { jobCard } from '../../render/job-card.js';
import { goneMessage } from '../../render/notices.js';
import { personaCard } from '../../render/persona-card.js';
import type { CardOptions } from '../../render/persona-card.js';
import type { CardRef } from '../../ids.js';
import type { AppDeps } from '../../deps.js';
import type { Persona } from '../../../domain/persona.js';

type Viewer = { shareable: boolean; sharedBy?: string };

/**
 * A persona's card with who confirmed it last and their note. `query`: the search the card
 * answers, so it says why the persona matched and keeps offering the other matches.
 */
export async function personaCardReply(
  deps: AppDeps,
  teamId: string,
  persona: Persona,
  viewer: Viewer,
  search: Pick<CardOptions, 'query' | 'reasons' | 'others'> = {},
): Promise<SlackMessage> {
  const confirmation = await deps.editing.lastConfirmation(teamId, persona.id);
  return personaCard(persona, { now: deps.clock.now(), staleAfterDays: deps.settings.staleAfterDays, ...viewer, ...search, confirmation });
}

export async function cardReply(deps: AppDeps, teamId: string, ref: CardRef, viewer: Viewer, query?: string): Promise<SlackMessage> {
  if (ref.kind === 'job') {
    const job = await deps.lookup.job(teamId, ref.id);
    return job ? jobCard(job, viewer) : goneMessage('job');
  }
  if (query) {
    const found = await deps.lookup.among(teamId, ref.id, query);
    if (!found) return goneMessage('persona');
    return personaCardReply(deps, teamId, found.persona, viewer, { query, reasons: found.reasons, others: found.others });
  }
  const persona = await deps.lookup.persona(teamId, ref.id);
  if (!persona) return goneMessage('persona');
  return personaCardReply(deps, teamId, persona, viewer);
}
