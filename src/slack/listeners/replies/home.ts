import type { HomeView } from '@slack/types';
import { homeOrder, homeView } from '../../render/home.js';
import type { HomeEntry } from '../../render/home.js';
import type { AppDeps } from '../../deps.js';

/** The App Home for one viewer: the whole catalog, or the personas matching `query`. */
export async function homeReply(deps: AppDeps, teamId: string, viewer: string, query = '', page = 1): Promise<HomeView> {
  const now = deps.clock.now();
  const q = query.trim();
  const staleAfterDays = deps.settings.staleAfterDays;
  // The same search as `/persona`, each match with why it matched.
  const ordered: HomeEntry[] = q
    ? (await deps.lookup.searchHits(teamId, q)).map((h) => ({ group: h.persona.product ?? 'No product', persona: h.persona, why: h.reasons }))
    : homeOrder(await deps.lookup.all(teamId), viewer, now, staleAfterDays);
  return homeView(ordered, { viewer, now, staleAfterDays, query: q, page, total: ordered.length });
}
