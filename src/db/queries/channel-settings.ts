// Per-channel review settings: the ad channel drafts are checked for, auto-review, a default persona.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { channelSettings } from '../schema.js';

export type ChannelSettingsRow = typeof channelSettings.$inferSelect;

export async function getChannelSettings(db: Db, { teamId, channelId }: { teamId: string; channelId: string }): Promise<ChannelSettingsRow | null> {
  const [row] = await db
    .select()
    .from(channelSettings)
    .where(and(eq(channelSettings.teamId, teamId), eq(channelSettings.channelId, channelId)));
  return row ?? null;
}

export async function saveChannelSettings(
  db: Db,
  {
    teamId,
    channelId,
    fields,
    by,
    now,
  }: {
    teamId: string;
    channelId: string;
    fields: Partial<Pick<ChannelSettingsRow, 'adChannel' | 'autoreview' | 'autoreviewBy' | 'defaultPersona'>>;
    by: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insert(channelSettings)
    .values({ teamId, channelId, ...fields, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: [channelSettings.teamId, channelSettings.channelId], set: { ...fields, updatedBy: by, updatedAt: now } });
}
