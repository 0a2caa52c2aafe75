// What Slack reads as mrkdwn in a message a builder made: the fallback text and every mrkdwn
// text object among its blocks (plain text shows markup as typed, so it is left out).
export function mrkdwnTexts(message: { text: string; blocks: unknown[] }): string[] {
  const out = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return out;
}
