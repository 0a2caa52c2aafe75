// Local mode: no Slack app configured yet. The real bot runs as it would for Slack, and a
// stand-in for Slack on loopback serves a console page that sends it Slack's payloads.
import type { Clock } from '../domain/clock.js';
import type { AppEnv } from '../config/env.js';
import type { Logger } from '../logger.js';
import { startRuntime } from '../runtime.js';
import type { Runtime } from '../runtime.js';
import { LOCAL } from './payloads.js';
import { startStandIn } from './slack-stand-in.js';
import type { StandIn } from './slack-stand-in.js';

export interface LocalMode {
  url: string;
  runtime: Runtime;
  standIn: StandIn;
  stop(): Promise<void>;
}

export async function startLocalMode(opts: { env: AppEnv; log: Logger; clock?: Clock }): Promise<LocalMode> {
  // Loopback only unless HOST says otherwise: the console has no login.
  const standIn = await startStandIn({ port: opts.env.PORT, host: opts.env.HOST ?? '127.0.0.1', log: opts.log });
  try {
    const env: AppEnv = {
      ...opts.env,
      SLACK_BOT_TOKEN: 'xoxb-local-console',
      SLACK_SIGNING_SECRET: standIn.signingSecret,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: standIn.apiUrl,
      SLACK_TEAM_ID: opts.env.SLACK_TEAM_ID ?? LOCAL.team,
      PORT: 0,
      HOST: '127.0.0.1',
    };
    const runtime = await startRuntime({ env, log: opts.log, clock: opts.clock, identity: { botUserId: LOCAL.botUserId, botId: LOCAL.botId } });
    standIn.setBotUrl(`http://127.0.0.1:${runtime.slack!.port}/slack/events`);
    return {
      url: standIn.url,
      runtime,
      standIn,
      async stop() {
        await runtime.stop();
        await standIn.close();
      },
    };
  } catch (err) {
    await standIn.close();
    throw err;
  }
}
