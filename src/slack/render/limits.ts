// Slack's Block Kit limits in one table, the text helpers every builder uses to stay inside
// them, and a validator that checks a finished payload against the same table.
import type { KnownBlock } from '@slack/types';
import { graphemes } from '../../domain/graphemes.js';

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  optionText: 75,
  optionValue: 75,
  optionsPerSelect: 100,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  actionId: 255,
  blockId: 255,
  /** Slack rejects messages near 12–13k characters of text even when each block is within its limit. */
  messageTotalText: 11_000,
  /** The notification / fallback `text` of a message. */
  fallbackText: 3000,
  plainTextInput: 3000,
  inputLabel: 2000,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 units (the strictest way to count Slack's characters),
 * at a grapheme boundary, ending with an ellipsis when anything was cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return joinWithin(graphemes(prefixFor(text, max)), max);
}

/**
 * Only the start of a long text can end up in the output: segmenting a prefix keeps the
 * cost proportional to the limit, not to the text (10,000-character fields are common in
 * tests and not unheard of in pasted drafts). A cluster cut by the prefix cannot fit anyway.
 */
function prefixFor(text: string, max: number): string {
  return text.length > max + 64 ? text.slice(0, max + 64) : text;
}

/** Joins whole clusters up to `max` with an ellipsis, cut at a word boundary when one is near the end (never mid-word otherwise). */
function joinWithin(parts: string[], max: number): string {
  let out = '';
  let lastSpace = -1;
  for (const part of parts) {
    if (out.length + part.length + ELLIPSIS.length > max) break;
    if (/^\s+$/.test(part)) lastSpace = out.length;
    out += part;
  }
  if (lastSpace >= out.length * 0.6) out = out.slice(0, lastSpace);
  return out.trimEnd() + ELLIPSIS;
}

const MRKDWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes the three characters Slack's mrkdwn treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => MRKDWN_ESCAPES[c]!);
}

/** Escapes user text for mrkdwn and fits it in `max`, never cutting an escape sequence in half. */
export function mrkdwnSafe(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return joinWithin(
    graphemes(prefixFor(text, max)).map((g) => escapeMrkdwn(g)),
    max,
  );
}

/**
 * Fits mrkdwn the builder wrote (user text in it already escaped) in `max`, at a grapheme
 * boundary, never leaving half an entity such as `&am` at the cut.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return truncate(text, max).replace(/&[a-z]{0,4}…$/, '…');
}

/** Plain text has no markup to escape; it only has to fit. */
export function plainSafe(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

export interface Violation {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

function textOf(obj: unknown): string | undefined {
  return obj && typeof obj === 'object' && typeof (obj as Json).text === 'string' ? ((obj as Json).text as string) : undefined;
}

function checkLength(out: Violation[], path: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) out.push({ path, message: `${value.length} characters, limit ${max}` });
}

function checkElement(out: Violation[], path: string, el: Json): void {
  checkLength(out, `${path}.action_id`, el.action_id as string | undefined, LIMITS.actionId);
  if (el.type === 'button') {
    checkLength(out, `${path}.text`, textOf(el.text), LIMITS.buttonText);
    checkLength(out, `${path}.value`, el.value as string | undefined, LIMITS.buttonValue);
  }
  const options = [
    ...((el.options as Json[] | undefined) ?? []),
    ...((el.option_groups as Json[] | undefined) ?? []).flatMap((g) => (g.options as Json[]) ?? []),
  ];
  if (options.length > LIMITS.optionsPerSelect) out.push({ path: `${path}.options`, message: `${options.length} options, limit ${LIMITS.optionsPerSelect}` });
  options.forEach((o, i) => {
    checkLength(out, `${path}.options[${i}].text`, textOf(o.text), LIMITS.optionText);
    checkLength(out, `${path}.options[${i}].value`, o.value as string | undefined, LIMITS.optionValue);
  });
  if (el.type === 'plain_text_input') {
    const initial = el.initial_value as string | undefined;
    checkLength(out, `${path}.initial_value`, initial, LIMITS.plainTextInput);
  }
}

/** Every piece of text a block shows, for the total-size check (and for builders that fill a message up to it). */
export function blockText(raw: KnownBlock | Json): number {
  const block = raw as Json;
  let n = (textOf(block.text) ?? '').length;
  for (const f of (block.fields as Json[] | undefined) ?? []) n += (textOf(f) ?? '').length;
  for (const e of (block.elements as Json[] | undefined) ?? []) n += (textOf(e) ?? '').length;
  return n;
}

export function validateBlocks(blocks: readonly (KnownBlock | Json)[], maxBlocks: number, where = 'blocks'): Violation[] {
  const out: Violation[] = [];
  if (blocks.length > maxBlocks) out.push({ path: where, message: `${blocks.length} blocks, limit ${maxBlocks}` });
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const path = `${where}[${i}]`;
    checkLength(out, `${path}.block_id`, b.block_id as string | undefined, LIMITS.blockId);
    switch (b.type) {
      case 'header':
        checkLength(out, `${path}.text`, textOf(b.text), LIMITS.headerText);
        break;
      case 'section': {
        checkLength(out, `${path}.text`, textOf(b.text), LIMITS.sectionText);
        const fields = (b.fields as Json[] | undefined) ?? [];
        if (fields.length > LIMITS.fieldsPerSection) out.push({ path: `${path}.fields`, message: `${fields.length} fields, limit ${LIMITS.fieldsPerSection}` });
        fields.forEach((f, j) => checkLength(out, `${path}.fields[${j}]`, textOf(f), LIMITS.fieldText));
        if (!textOf(b.text) && fields.length === 0) out.push({ path, message: 'a section needs text or fields' });
        if (b.accessory) checkElement(out, `${path}.accessory`, b.accessory as Json);
        break;
      }
      case 'context': {
        const elements = (b.elements as Json[] | undefined) ?? [];
        if (elements.length > LIMITS.contextElements)
          out.push({ path: `${path}.elements`, message: `${elements.length} elements, limit ${LIMITS.contextElements}` });
        elements.forEach((e, j) => checkLength(out, `${path}.elements[${j}]`, textOf(e), LIMITS.contextText));
        break;
      }
      case 'actions': {
        const elements = (b.elements as Json[] | undefined) ?? [];
        if (elements.length > LIMITS.actionsElements)
          out.push({ path: `${path}.elements`, message: `${elements.length} elements, limit ${LIMITS.actionsElements}` });
        elements.forEach((e, j) => checkElement(out, `${path}.elements[${j}]`, e));
        break;
      }
      case 'input': {
        checkLength(out, `${path}.label`, textOf(b.label), LIMITS.inputLabel);
        if (b.element) checkElement(out, `${path}.element`, b.element as Json);
        break;
      }
      default:
        break;
    }
  });
  return out;
}

export interface MessagePayload {
  text?: string;
  blocks?: readonly (KnownBlock | Json)[];
}

/** Checks a message (chat.postMessage, chat.update, a response_url post). */
export function validateMessage(message: MessagePayload): Violation[] {
  const blocks = message.blocks ?? [];
  const out = validateBlocks(blocks, LIMITS.blocksPerMessage);
  if (blocks.length > 0 && !message.text) out.push({ path: 'text', message: 'a message with blocks needs fallback text' });
  checkLength(out, 'text', message.text, LIMITS.fallbackText);
  const total = blocks.reduce((n, b) => n + blockText(b), 0);
  if (total > LIMITS.messageTotalText) out.push({ path: 'blocks', message: `${total} characters of text in all, limit ${LIMITS.messageTotalText}` });
  return out;
}

/** Checks a modal or App Home view. */
export function validateView(view: Json): Violation[] {
  const out = validateBlocks((view.blocks as Json[] | undefined) ?? [], LIMITS.blocksPerView, 'view.blocks');
  checkLength(out, 'view.title', textOf(view.title), LIMITS.viewTitle);
  checkLength(out, 'view.submit', textOf(view.submit), LIMITS.viewSubmit);
  checkLength(out, 'view.close', textOf(view.close), LIMITS.viewClose);
  checkLength(out, 'view.private_metadata', view.private_metadata as string | undefined, LIMITS.privateMetadata);
  return out;
}
