// Slack API errors a user can do something about, said in their words.

const HINTS: Record<string, string> = {
  not_in_channel: 'I can’t post in this channel yet. Invite me with `/invite @Persona Bot`, then try again.',
  channel_not_found: 'I can’t see this channel. If it is private, invite me with `/invite @Persona Bot`, then try again.',
  is_archived: 'This channel is archived, so I can’t post the review here.',
  thread_not_found: 'I can’t find that thread any more; the draft may have been deleted.',
  message_not_found: 'I can’t find that message any more; it may have been deleted.',
};

/** A short, actionable message for a Web API error, or null when there is nothing the user can do. */
export function userFacingSlackError(err: unknown): string | null {
  const code = (err as { data?: { error?: string } })?.data?.error;
  return code ? (HINTS[code] ?? null) : null;
}
