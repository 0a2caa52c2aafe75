// The global middleware every request passes: a checked workspace on the context, event dedup,
// and the handled() wrapper listeners use.
import { describe, expect, it, vi } from 'vitest';
import type { Context } from '@slack/bolt';
import { dedupeEvents } from '../../../src/slack/middleware/dedupe.js';
import { handled } from '../../../src/slack/middleware/handled.js';
import { requireTeam, teamOf } from '../../../src/slack/middleware/team.js';
import { createLogger } from '../../../src/logger.js';

const log = createLogger({ level: 'silent' });
type Args = Parameters<ReturnType<typeof requireTeam>>[0];
const args = (body: Record<string, unknown>, context: Context, extra: Record<string, unknown> = {}) =>
  ({ body, context, next: vi.fn(async () => {}), ...extra }) as unknown as Args & { next: ReturnType<typeof vi.fn> };

describe('requireTeam', () => {
  it('passes a request with a workspace id on', async () => {
    const a = args({ type: 'block_actions' }, { teamId: 'T012AB', isEnterpriseInstall: false });
    await requireTeam(log)(a);
    expect(a.next).toHaveBeenCalledOnce();
    expect(teamOf(a.context)).toBe('T012AB');
  });

  it('acknowledges and drops a request without one, or with a malformed one', async () => {
    for (const teamId of [undefined, '', 'not-a-team']) {
      const ack = vi.fn(async () => {});
      const a = args({ type: 'block_actions' }, { teamId, isEnterpriseInstall: false } as Context, { ack });
      await requireTeam(log)(a);
      expect(a.next).not.toHaveBeenCalled();
      expect(ack).toHaveBeenCalledOnce();
    }
    expect(() => teamOf({ isEnterpriseInstall: false })).toThrow(/no workspace/);
  });
});

describe('dedupeEvents', () => {
  it('lets an event id through once; other requests are not recorded', async () => {
    const seen = new Set<string>();
    const record = vi.fn(async (team: string, id: string) => !seen.has(`${team}:${id}`) && Boolean(seen.add(`${team}:${id}`)));
    const mw = dedupeEvents({ firstDelivery: record });
    const event = () => args({ type: 'event_callback', event_id: 'Ev1' }, { teamId: 'T1', isEnterpriseInstall: false });
    const first = event();
    await mw(first as never);
    const retry = event();
    await mw(retry as never);
    expect(first.next).toHaveBeenCalledOnce();
    expect(retry.next).not.toHaveBeenCalled();
    const command = args({ command: '/persona' }, { teamId: 'T1', isEnterpriseInstall: false });
    await mw(command as never);
    expect(command.next).toHaveBeenCalledOnce();
    expect(record).toHaveBeenCalledTimes(2);
  });
});

describe('handled', () => {
  it('acknowledges first, and answers a failure with onError instead of throwing', async () => {
    const order: string[] = [];
    const onError = vi.fn(async () => void order.push('sorry'));
    const listener = handled<{ ack: () => Promise<void> }>({ name: 'test', log, onError }, async () => {
      order.push('body');
      throw new Error('boom');
    });
    await listener({ ack: async () => void order.push('ack') });
    expect(order).toEqual(['ack', 'body', 'sorry']);
  });
});

describe('handled with bodyAcks (view submissions answer in their ack)', () => {
  type AckArgs = { ack: (answer?: { response_action: string }) => Promise<void> };
  const recordAcks = () => {
    const acks: unknown[] = [];
    return { acks, args: { ack: async (answer?: { response_action: string }) => void acks.push(answer ?? 'plain') } };
  };

  it('lets the body answer in its ack, once, even when it acks twice', async () => {
    const { acks, args } = recordAcks();
    const listener = handled<AckArgs>({ name: 'test', log, bodyAcks: true }, async ({ ack }) => {
      await ack({ response_action: 'update' });
      await ack({ response_action: 'errors' });
    });
    await listener(args);
    expect(acks).toEqual([{ response_action: 'update' }]);
  });

  it('lets the error handler answer a failure before the ack, and acks plainly when it does not', async () => {
    const answered = recordAcks();
    const withAnswer = handled<AckArgs>(
      { name: 'test', log, bodyAcks: true, onError: async ({ ack }, _err, { acked }) => (acked ? undefined : ack({ response_action: 'errors' })) },
      async () => {
        throw new Error('store down');
      },
    );
    await withAnswer(answered.args);
    expect(answered.acks).toEqual([{ response_action: 'errors' }]);

    const silent = recordAcks();
    await handled<AckArgs>({ name: 'test', log, bodyAcks: true }, async () => {
      throw new Error('store down');
    })(silent.args);
    expect(silent.acks).toEqual(['plain']);
  });

  it('tells the error handler the request was acknowledged when the failure came after the answer', async () => {
    const { acks, args } = recordAcks();
    const seen: boolean[] = [];
    await handled<AckArgs>({ name: 'test', log, bodyAcks: true, onError: async (_a, _e, { acked }) => void seen.push(acked) }, async ({ ack }) => {
      await ack({ response_action: 'update' });
      throw new Error('home tab publish failed');
    })(args);
    expect(seen).toEqual([true]);
    expect(acks).toEqual([{ response_action: 'update' }]);
  });

  it('acks a body that returned without answering, so Slack does not show a timeout', async () => {
    const { acks, args } = recordAcks();
    await handled<AckArgs>({ name: 'test', log, bodyAcks: true }, async () => {})(args);
    expect(acks).toEqual(['plain']);
  });
});
