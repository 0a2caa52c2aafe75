// Per-channel review settings (`/persona config …`): the ad channel drafts are checked for,
// auto-review and its default persona, with the rule that only whoever turned auto-review on,
// or an admin, may turn it off. The Slack layer words the answers.
import type { Clock } from '../domain/clock.js';
import type { ChannelId } from '../domain/persona.js';
import type { Db } from '../db/client.js';
import { getChannelSettings, saveChannelSettings } from '../db/queries/channel-settings.js';
import type { ChannelSettingsRow } from '../db/queries/channel-settings.js';

export type ChannelSettings = ChannelSettingsRow;

export type AutoreviewOutcome = { ok: true } | { ok: false; reason: 'not_allowed'; turnedOnBy: string | null };

export class ChannelSettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly adminUserIds: readonly string[],
  ) {}

  get(teamId: string, channelId: string): Promise<ChannelSettings | null> {
    return getChannelSettings(this.db, { teamId, channelId });
  }

  /** The ad channel reviews in this Slack channel check for; null: the best for each draft. */
  setAdChannel(teamId: string, channelId: string, adChannel: ChannelId | null, by: string): Promise<void> {
    return saveChannelSettings(this.db, { teamId, channelId, fields: { adChannel }, by, now: this.clock.now() });
  }

  async turnAutoreviewOn(teamId: string, channelId: string, by: string, opts: { adChannel?: ChannelId; persona?: string }): Promise<void> {
    const fields = {
      autoreview: true,
      autoreviewBy: by,
      ...(opts.adChannel ? { adChannel: opts.adChannel } : {}),
      ...(opts.persona ? { defaultPersona: opts.persona } : {}),
    };
    await saveChannelSettings(this.db, { teamId, channelId, fields, by, now: this.clock.now() });
  }

  /** Only whoever turned auto-review on, or an admin, may turn it off. */
  async turnAutoreviewOff(teamId: string, channelId: string, by: string): Promise<AutoreviewOutcome> {
    const settings = await this.get(teamId, channelId);
    const admin = this.adminUserIds.includes(by);
    if (settings?.autoreview && !admin && settings.autoreviewBy !== by) return { ok: false, reason: 'not_allowed', turnedOnBy: settings.autoreviewBy };
    await saveChannelSettings(this.db, { teamId, channelId, fields: { autoreview: false }, by, now: this.clock.now() });
    return { ok: true };
  }
}
