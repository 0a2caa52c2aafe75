import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { LookupService } from '../personas/lookup.js';
import type { PersonaEditing } from '../personas/editing.js';
import type { ChannelSettingsService } from '../copy-review/channel-settings.js';
import type { InsightsService } from '../insights/service.js';
import type { CopyReviewService } from '../copy-review/service.js';
import type { ActionLog } from './listeners/actions/once.js';
import type { EventLog } from './middleware/dedupe.js';
import type { WorkQueue } from './jobs/queue.js';

/** What listeners may use: services, settings and the clock; never the raw Bolt app. */
export interface AppDeps {
  lookup: LookupService;
  editing: PersonaEditing;
  reviews: CopyReviewService;
  channelSettings: ChannelSettingsService;
  /** Event ids already handled (the dedupe middleware). */
  events: EventLog;
  /** Block actions already acted on (buttons with side effects act once). */
  actions: ActionLog;
  /** Campaign results read per persona × job × channel (`/persona insights`); absent, the command says so. */
  insights?: InsightsService;
  /** The durable job queue: work recorded here survives a crash and runs once (slack/jobs/). */
  work: WorkQueue;
  clock: Clock;
  log: Logger;
  settings: {
    staleAfterDays: number;
    adminUserIds: string[];
  };
}
