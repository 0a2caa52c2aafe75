// `/persona insights [persona]`: the report for the workspace (or one persona), its chart
// uploaded as a file the answer shows, and the figures as text when there is no chart.
import type { WebClient } from '@slack/web-api';
import { identityKey } from '../../../domain/persona.js';
import type { SlackMessage } from '../../render/common.js';
import { insightsUnavailable, renderInsights } from '../../render/insights.js';
import { noMatchMessage } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { uploadChart } from '../../web/chart-upload.js';

export function isInsightsCommand(text: string): boolean {
  return /^\s*insights(\s|$)/i.test(text);
}

export async function insightsReply(deps: AppDeps, client: WebClient, teamId: string, cmd: { text: string; command: string }): Promise<SlackMessage> {
  if (!deps.insights) return insightsUnavailable();
  const asked = cmd.text
    .trim()
    .replace(/^insights\s*/i, '')
    .trim();
  let persona: string | undefined;
  if (asked) {
    const found = (await deps.lookup.all(teamId)).find((p) => identityKey(p.name) === identityKey(asked));
    if (!found) return noMatchMessage(asked, [], cmd.command);
    persona = found.name;
  }
  const report = await deps.insights.report(teamId, persona);
  let chartFileId: string | null = null;
  const chart = report.jobChannels.some((r) => r.enough)
    ? await deps.insights.chart(report).catch((err: unknown) => {
        deps.log.warn({ err }, 'rendering the insights chart failed; answering with text');
        return null;
      })
    : null;
  if (chart)
    chartFileId = await uploadChart(client, deps.log, {
      png: chart.png,
      filename: 'persona-insights.png',
      title: `Conversion rate by job × channel${persona ? `: ${persona}` : ''}`,
    });
  return renderInsights(report, { chartFileId, command: cmd.command });
}
