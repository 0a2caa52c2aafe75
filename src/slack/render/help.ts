import { context, header, section } from './common.js';
import type { SlackMessage } from './common.js';

export function helpMessage(command: string): SlackMessage {
  const usage = [
    `*\`${command} &lt;words&gt;\`* finds a persona or a job, typos and all: \`${command} busy\`, \`${command} overboked lead\`, \`${command} get paid on time\`.`,
    `*\`${command} list\`* lists every persona.`,
    `*\`${command} review &lt;draft&gt;\`* reviews pasted copy, for your eyes only.`,
    `*\`${command} history [persona]\`* lists the latest reviews.`,
    `*\`${command} examples &lt;persona|generic&gt;\`* lists the ads your team marked (with *Right persona* / *Wrong persona →* on a review, or from a file); reviews learn from them.`,
    `*\`${command} insights [persona]\`* shows what campaign results say per persona, job and channel.`,
    `*\`${command} config channel &lt;meta|tiktok|…|auto&gt;\`* sets which ad channel drafts in this channel are for.`,
    `*\`${command} rules [channel]\`* lists the rules reviews apply, with their sources, and this workspace's house rules.`,
    `*\`${command} help\`* shows this.`,
    '*Review copy*: on any message with a draft, open the message menu (⋯) and choose *Review copy*; the review arrives in the thread. Or mention me in the draft’s thread: `@Persona Bot review for &lt;persona&gt; on &lt;channel&gt;`.',
  ].join('\n');
  return {
    text: `How to use ${command}: ${command} &lt;words&gt; finds a persona or a job; ${command} list lists them all.`,
    blocks: [header('Persona Bot'), section(usage), context(['Only you can see this. Cards you find can be shared to the channel with *Share in channel*.'])],
  };
}
