import type { HomeView } from '@slack/types';
import { homeOrder, homeView } from '../../render/home.js';
import type { AppDeps } from '../../deps.js';

/** The App Home for one viewer: the whole catalog, or the personas matching `query`. */
export async function homeReply(deps: AppDeps, teamId: string, viewer: string, query = '', page = 1): Promise<HomeView> {
  const now = deps.clock.now();
  const q = query.trim();
  const all = q ? await deps.lookup.searchPersonas(teamId, q) : await deps.lookup.all(teamId);
  const ordered = q ? all.map((persona) => ({ group: persona.product ?? 'No product', persona })) : homeOrder(all, viewer, now, deps.settings.staleAfterDays);
  return homeView(ordered, { viewer, now, staleAfterDays: deps.settings.staleAfterDays, query: q, page, total: all.length });
}
