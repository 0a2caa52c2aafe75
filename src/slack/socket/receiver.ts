// The Socket Mode side of the Slack app: a Bolt Receiver on @slack/socket-mode's client, doing
// what Bolt's SocketModeReceiver does, with one difference. Bolt acknowledges every Events API
// envelope before any middleware runs, so an event acknowledged while the database is down
// would be lost: Slack redelivers only envelopes that were not acknowledged. Here, as over HTTP
// (http/receiver.ts), an event whose work must not be lost goes to `intake` first, and its
// envelope is acknowledged only once that work is recorded; when it cannot be, the envelope
// stays unacknowledged and Slack delivers it again (retry_attempt, retry_reason).
//
// Why not Bolt's SocketModeReceiver: its `slack_event` listener is registered in its constructor
// and acknowledges through App.processEvent; the only way around it would be to take its listener
// off the client it owns. This receiver is the same few lines, each step its own.
import { defaultProcessEventErrorHandler } from '@slack/bolt';
import type { App, Logger as SlackLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger.js';

export interface SocketReceiverOptions {
  /** The app-level token (xapp-…) that opens the connection. */
  appToken: string;
  log: Logger;
  /** Bolt's logger, for the Socket Mode client. */
  boltLogger: SlackLogger;
  /** Web API options of apps.connections.open (tests point it at the fake Slack). */
  clientOptions?: WebClientOptions;
  /**
   * Takes an Events API payload before Bolt does (the same as the HTTP receiver's): true when it
   * recorded the work durably (the envelope is acknowledged only then), false to leave the event
   * to Bolt. When it throws, the envelope is not acknowledged and Slack delivers it again.
   */
  intake?: (body: Record<string, unknown>) => Promise<boolean>;
}

/** What the Socket Mode client hands its `slack_event` listeners. */
interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id?: string;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

export class SocketReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;

  constructor(private readonly opts: SocketReceiverOptions) {
    this.client = new SocketModeClient({
      appToken: opts.appToken,
      logger: opts.boltLogger,
      ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
    });
    this.client.on('slack_event', (args: SlackEventArgs) => {
      this.handle(args).catch((err: unknown) => {
        // handle() answers every failure itself; this is the net under the net.
        opts.log.error({ err }, 'socket receiver: unexpected failure');
      });
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }

  /** One envelope: to the intake when it takes it, else to Bolt as its SocketModeReceiver would. */
  async handle(args: SlackEventArgs): Promise<void> {
    const { log } = this.opts;
    if (args.type === 'events_api' && args.body?.type === 'event_callback' && this.opts.intake) {
      let taken: boolean;
      try {
        taken = await this.opts.intake(args.body);
      } catch (err) {
        log.warn(
          { err, eventId: args.body.event_id, retry: args.retry_num },
          'socket receiver: could not record an event; not acknowledging it, so that Slack delivers it again',
        );
        return;
      }
      if (taken) return this.ack(args);
    }
    return this.dispatch(args);
  }

  private async dispatch(args: SlackEventArgs): Promise<void> {
    if (!this.app) throw new Error('the receiver was not given to an App');
    let acked = false;
    const event: ReceiverEvent = {
      body: args.body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        await args.ack(response as Record<string, unknown> | undefined);
      },
      ...(args.retry_num !== undefined ? { retryNum: args.retry_num } : {}),
      ...(args.retry_reason !== undefined ? { retryReason: args.retry_reason } : {}),
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      // Bolt's own rule: acknowledged only when Slack should not send it again (no installation).
      const ackIt = await defaultProcessEventErrorHandler({ error: error as Error, logger: this.opts.boltLogger, event });
      if (ackIt) await event.ack();
    }
  }

  private async ack(args: SlackEventArgs): Promise<void> {
    try {
      await args.ack();
    } catch (err) {
      // The connection went away under it: Slack delivers the event again, and its id is recorded.
      this.opts.log.info({ err, eventId: args.body.event_id }, 'socket receiver: the acknowledgement could not be sent; Slack will deliver the event again');
    }
  }
}
