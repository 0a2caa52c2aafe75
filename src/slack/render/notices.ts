// Short answers: nothing found, nothing stored yet, and the friendly error.
import { esc, fallback, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS } from './limits.js';

/**
 * An answer in plain words that may quote what someone typed or stored (a persona's name, a
 * channel), as the services phrase their problems: all of it escaped, so Slack shows it as
 * written. `*bold*` stays bold: only &, < and > are markup to escape.
 */
export function plainNotice(plain: string): SlackMessage {
  const text = esc(plain, LIMITS.sectionText);
  return { text: fallback(text), blocks: [section(text)] };
}

export function noMatchMessage(query: string, suggestions: string[], command: string): SlackMessage {
  const tried = esc(query, 100);
  const names = suggestions.map((s) => `*${esc(s, 100)}*`).join(', ');
  return {
    text: fallback(`Nothing matched “${tried}”.`),
    blocks: [
      section(
        `Nothing matched “${tried}”: no persona's name, summary, descriptors, jobs, pains or gains.` +
          (names ? `\nDid you mean ${names}?` : '') +
          `\nSee every persona with \`${command} list\`. To add one, use *New persona* on the App Home or the *Create persona* shortcut, or import a persona file (\`npm run cli -- import personas.yaml\`).`,
      ),
    ],
  };
}

export function emptyWorkspaceMessage(teamId: string): SlackMessage {
  return {
    text: 'This workspace has no personas yet.',
    blocks: [
      section(
        `This workspace has no personas yet. Import a persona file with \`npm run cli -- import --team ${esc(teamId, 40)} personas.yaml\` (see \`examples/personas.yaml\`), or use the *Create persona* shortcut.`,
      ),
    ],
  };
}

/** A command longer than Slack lets anyone type: say the limit, and where long drafts go. */
export function tooLongMessage(command: string, length: number, max: number): SlackMessage {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const text = `That is ${fmt(length)} characters; \`${esc(command, 40)}\` takes up to ${fmt(max)}. For a longer draft, post it as a message and use *Review copy* on it.`;
  return { text: fallback(text), blocks: [section(text)] };
}

export function errorMessage(): SlackMessage {
  return {
    text: 'Something went wrong on our side. Please try again in a moment.',
    blocks: [section(':warning: Something went wrong on our side. Please try again in a moment.')],
  };
}

export function goneMessage(what: string): SlackMessage {
  return { text: `That ${what} no longer exists.`, blocks: [section(`That ${what} no longer exists; it may have been deleted or archived.`)] };
}
