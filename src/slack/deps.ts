import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { LookupService } from '../services/lookup.js';
import type { PersonaEditing } from '../services/persona-editing.js';
import type { CopyReviewService } from '../services/copy-review.js';
import type { ChannelPacer } from './channel-pacer.js';

/** What listeners may use: services, settings and the clock; never the raw Bolt app. */
export interface AppDeps {
  db: Db;
  lookup: LookupService;
  editing: PersonaEditing;
  reviews: CopyReviewService;
  /** Spaces the bot's posts in each channel (about one a second, as Slack asks). */
  pacer: ChannelPacer;
  clock: Clock;
  log: Logger;
  settings: {
    staleAfterDays: number;
    adminUserIds: string[];
  };
}
