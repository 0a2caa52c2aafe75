// Uploads a chart PNG with the Web API's external upload (files.getUploadURLExternal, the
// upload itself, files.completeUploadExternal) and shares it with no channel: an image block
// then shows it by file id, so an ephemeral answer can carry a chart only the asker sees.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';

/** The uploaded file's id, or null when the upload failed (the caller falls back to text). */
export async function uploadChart(
  client: WebClient,
  log: Logger,
  { png, filename, title }: { png: Buffer; filename: string; title: string },
): Promise<string | null> {
  try {
    const res = await client.files.uploadV2({ file: png, filename, title });
    const uploaded = (res as { files?: Array<{ files?: Array<{ id?: string }> }> }).files?.[0]?.files?.[0]?.id;
    return uploaded ?? null;
  } catch (err) {
    log.warn({ err }, 'chart upload failed; answering with text');
    return null;
  }
}
