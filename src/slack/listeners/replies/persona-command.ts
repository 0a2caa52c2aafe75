// Turns the text after `/persona` into the message to answer with.
import type { SlackMessage } from '../../render/common.js';
import { helpMessage } from '../../render/help.js';
import { jobCard } from '../../render/job-card.js';
import { emptyWorkspaceMessage, noMatchMessage } from '../../render/notices.js';
import { personaCardReply } from './cards.js';
import { personaList } from '../../render/persona-list.js';
import type { AppDeps } from '../../deps.js';
import { CHANNEL_IDS, identityKey } from '../../../domain/persona.js';
import { parseChannelName } from '../../../review-engine/channel-hint.js';
import { checkDraft } from '../../../copy-review/draft-checks.js';
import { esc, fallback, section } from '../../render/common.js';
import { channelName } from '../../../domain/persona.js';
import { reviewHistoryMessage } from '../../render/review-history.js';
import { renderReview } from '../../render/review.js';
import { rulesMessage } from '../../render/rules.js';
import { examplesMessage } from '../../render/examples.js';
import type { ExampleLine } from '../../render/examples.js';
import type { ExampleRow } from '../../../db/queries/examples.js';

export interface CommandContext {
  teamId: string;
  userId: string;
  channelId?: string;
  command: string;
}

export async function personaCommandReply(deps: AppDeps, ctx: CommandContext, text: string): Promise<SlackMessage> {
  const { teamId, command } = ctx;
  const query = text.trim();
  const [word = '', ...rest] = query.split(/\s+/);
  const sub = word.toLowerCase();
  if (query === '' || sub === 'help') return helpMessage(command);
  if (sub === 'review') return reviewReply(deps, ctx, query.slice(word.length).trim());
  if (sub === 'history') return reviewHistoryMessage(await deps.reviews.history(teamId, rest.join(' ') || undefined), rest.join(' ') || undefined);
  if (sub === 'config') return configReply(deps, ctx, rest);
  if (sub === 'rules' && rest.length <= 1) {
    const channel = rest[0] ? parseChannelName(rest[0]) : null;
    if (rest[0] && !channel) return notice(`Which channel? One of: ${CHANNEL_IDS.join(', ')}.`);
    return rulesMessage(await deps.reviews.rulesInForce(teamId, channel), command);
  }
  if (sub === 'examples') return examplesReply(deps, ctx, rest.join(' '));
  if (sub === 'list' && rest.length <= 1 && (rest.length === 0 || /^\d+$/.test(rest[0]!))) {
    return listReply(deps, teamId, Number(rest[0] ?? 1), command);
  }
  const result = await deps.lookup.lookup(teamId, query);
  switch (result.kind) {
    case 'persona':
      return personaCardReply(deps, teamId, result.persona, { shareable: true }, { query, reasons: result.reasons, others: result.others });
    case 'job':
      return jobCard(result.job, { shareable: true, query, others: result.others });
    case 'none':
      return result.workspaceEmpty ? emptyWorkspaceMessage(teamId) : noMatchMessage(query, result.suggestions, command);
  }
}

/** `/persona examples <persona>` (or `generic`): the ads the team marked, with Remove for the owner and admins. */
export async function examplesReply(deps: AppDeps, ctx: CommandContext, name: string): Promise<SlackMessage> {
  const wanted = name.trim();
  if (!wanted)
    return notice(`Say which persona: \`${ctx.command} examples <persona>\`, or \`${ctx.command} examples generic\` for ads marked as for no persona.`);
  const admins = deps.settings.adminUserIds;
  if (identityKey(wanted) === 'generic') {
    const rows = await deps.reviews.examplesOf(ctx.teamId, null);
    return examplesMessage('Ads marked as generic', rows.map(exampleLine), { canRemove: admins.includes(ctx.userId) });
  }
  const persona = (await deps.lookup.all(ctx.teamId)).find((p) => identityKey(p.name) === identityKey(wanted));
  if (!persona) return notice(`No persona is called “${esc(wanted, 100)}”. \`${ctx.command} list\` shows them all.`);
  const rows = await deps.reviews.examplesOf(ctx.teamId, persona.id);
  return examplesMessage(`Ads marked for ${persona.name}`, rows.map(exampleLine), { canRemove: persona.owner === ctx.userId || admins.includes(ctx.userId) });
}

function exampleLine(r: ExampleRow): ExampleLine {
  return {
    id: r.id,
    text: r.draftText,
    jobs: r.jobsKnown ? r.jobs : null,
    source: r.source,
    sourceRef: r.sourceRef,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

/** `/persona review <text>`: the review of pasted text, for the asker alone. */
async function reviewReply(deps: AppDeps, ctx: CommandContext, text: string): Promise<SlackMessage> {
  const check = checkDraft({ text });
  if (!check.ok) return notice(check.reason === 'empty' ? `Paste the draft after the command: \`${ctx.command} review Your ad copy here\`.` : check.message);
  const prepared = await deps.reviews.evaluate(ctx.teamId, check.text, { slackChannel: ctx.channelId });
  if (!prepared.ok) return notice(prepared.message);
  // Kept for `/persona history` as well; a failure to record must not cost the answer.
  await deps.reviews
    .recordPrivate(ctx.teamId, ctx.userId, ctx.channelId, prepared)
    .catch((err: unknown) => deps.log.warn({ err }, 'recording a private review failed'));
  return renderReview({
    result: prepared.result,
    personas: prepared.personas,
    requestedBy: ctx.userId,
    requested: prepared.persona !== undefined,
    evidence: prepared.evidence,
  });
}

/**
 * `/persona config` shows this channel's settings; `config channel <id>` sets the ad channel
 * reviews check; `config autoreview on|off [channel: <id>] [persona: <name>]` turns automatic
 * review of drafts posted here on or off.
 */
async function configReply(deps: AppDeps, ctx: CommandContext, args: string[]): Promise<SlackMessage> {
  if (!ctx.channelId) return notice('Settings belong to a channel: use this command in one.');
  const [what = '', value = ''] = args;
  if (what.toLowerCase() === 'channel') {
    const id = value.toLowerCase() === 'auto' ? null : parseChannelName(value);
    if (id === null && value.toLowerCase() !== 'auto') return notice(`Which channel? One of: ${CHANNEL_IDS.join(', ')}, or auto.`);
    await deps.channelSettings.setAdChannel(ctx.teamId, ctx.channelId, id, ctx.userId);
    return notice(
      id
        ? `Drafts reviewed in this channel are now checked for ${channelName(id)}, unless a draft says otherwise.`
        : 'Drafts reviewed in this channel are now checked against the channel that suits them best.',
    );
  }
  if (what.toLowerCase() === 'autoreview') return autoreviewReply(deps, ctx, args.slice(1).join(' '));
  const settings = await deps.channelSettings.get(ctx.teamId, ctx.channelId);
  return notice(
    `*Settings for this channel*\n` +
      `• Ad channel for reviews: ${settings?.adChannel ? channelName(settings.adChannel) : 'automatic (the best for each draft)'}\n` +
      `• Auto-review: ${settings?.autoreview ? `on (turned on by <@${settings.autoreviewBy}>)` : 'off'}\n` +
      `• Default persona: ${settings?.defaultPersona ? esc(settings.defaultPersona, 100) : 'none (the best fit)'}\n` +
      `Change them with \`${ctx.command} config channel <${CHANNEL_IDS.join('|')}|auto>\` and \`${ctx.command} config autoreview on|off [channel: <id>] [persona: <name>]\`.`,
  );
}

async function autoreviewReply(deps: AppDeps, ctx: CommandContext, rest: string): Promise<SlackMessage> {
  const channelId = ctx.channelId!;
  const m = /^(on|off)\b(.*)$/is.exec(rest.trim());
  if (!m) return notice(`Say \`${ctx.command} config autoreview on\` or \`off\`, optionally with \`channel: meta\` and \`persona: <name>\`.`);
  const on = m[1]!.toLowerCase() === 'on';
  if (!on) {
    const off = await deps.channelSettings.turnAutoreviewOff(ctx.teamId, channelId, ctx.userId);
    if (!off.ok) return notice(`Only <@${off.turnedOnBy}>, who turned auto-review on, or an admin can turn it off.`);
    return notice('Auto-review is off in this channel. *Review copy* and mentions still work.');
  }
  const options = m[2]!;
  const channelOpt = /\bchannel:\s*([a-z_ -]+?)(?=\s+persona:|$)/i.exec(options)?.[1]?.trim();
  const personaOpt = /\bpersona:\s*(.+?)(?=\s+channel:|$)/i.exec(options)?.[1]?.trim();
  const adChannel = channelOpt ? parseChannelName(channelOpt) : undefined;
  if (channelOpt && !adChannel) return notice(`I don’t know the channel “${esc(channelOpt, 40)}”. Channels: ${CHANNEL_IDS.join(', ')}.`);
  let persona: string | undefined;
  if (personaOpt) {
    const found = (await deps.lookup.all(ctx.teamId)).find((p) => identityKey(p.name) === identityKey(personaOpt));
    if (!found) return notice(`No persona is called “${esc(personaOpt, 100)}”. See them with \`${ctx.command} list\`.`);
    persona = found.name;
  }
  await deps.channelSettings.turnAutoreviewOn(ctx.teamId, channelId, ctx.userId, { ...(adChannel ? { adChannel } : {}), ...(persona ? { persona } : {}) });
  return notice(
    `:mag: Auto-review is on: every new draft posted in this channel gets its review in its thread` +
      `${adChannel ? `, checked for ${channelName(adChannel)}` : ''}${persona ? `, against ${esc(persona, 100)}` : ''}. ` +
      'Thread replies, short messages, links, files and messages starting with `//` are left alone. Invite me to the channel if I am not in it yet.',
  );
}

function notice(text: string): SlackMessage {
  return { text: fallback(text), blocks: [section(text)] };
}

export async function listReply(deps: AppDeps, teamId: string, page: number, command: string): Promise<SlackMessage> {
  const personas = await deps.lookup.all(teamId);
  return personaList(personas, { page, now: deps.clock.now(), staleAfterDays: deps.settings.staleAfterDays, command });
}
