// Local mode: the console page drives the real listeners through the stand-in for Slack.
// The API-level test always runs; the browser test runs in Debian's Chromium when installed.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEnvSchema, parseEnv } from '../../src/config/env.js';
import { silentLogger } from '../../src/logger.js';
import { startLocalMode } from '../../src/local/start-local.js';
import type { LocalMode } from '../../src/local/start-local.js';
import { validateMessage } from '../../src/slack/render/limits.js';
import { sendSigned, slashCommandBody } from '../support/slack-requests.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const DRAFT = 'Back-to-back meetings all day? Tasklane gives your team two meeting-free afternoons a week.';

let local: LocalMode;
beforeAll(async () => {
  const env = parseEnv(appEnvSchema, { DATABASE_URL: 'pglite:memory', PORT: '0', REMINDERS: 'off', REVIEW_MODEL: 'off' });
  local = await startLocalMode({ env, log: silentLogger() });
});
afterAll(async () => {
  await local?.stop();
});

async function send(body: Record<string, unknown>) {
  const res = await fetch(`${local.url}/console/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}
async function until<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local mode', () => {
  it('serves the console on loopback, with the example personas loaded', async () => {
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${local.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('local console');
  });

  it('answers /persona with a typo through the real listeners, signed as Slack signs it', async () => {
    await send({ kind: 'message', text: '/persona overboked lead' });
    const card = await until(() =>
      local.standIn.state().items.find((i) => i.author === 'bot' && JSON.stringify(i.blocks ?? []).includes('Overbooked Team Lead')),
    );
    expect(card.ephemeral).toBe(true);
    expect(validateMessage({ text: card.text, blocks: card.blocks as never })).toEqual([]);
  });

  it('reviews a pasted draft in its thread', async () => {
    const { ts } = (await send({ kind: 'message', text: DRAFT })) as { ts: string };
    await send({ kind: 'shortcut', ts });
    const review = await until(() => local.standIn.state().items.find((i) => i.threadTs === ts && i.author === 'bot'));
    expect(JSON.stringify(review.blocks)).toContain('Overbooked Team Lead');
  });

  it('signs with a secret of this run only: a request signed otherwise is refused by the bot', async () => {
    expect(local.standIn.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    const bot = `http://127.0.0.1:${local.runtime.slack!.port}/slack/events`;
    const res = await sendSigned(bot, slashCommandBody({ text: 'busy', response_url: `${local.url}/response/x` }), 'application/x-www-form-urlencoded', {
      secret: 'f'.repeat(64),
    });
    expect(res.status).toBe(401);
  });
});

describe.skipIf(!CHROMIUM)(`console in a real browser${CHROMIUM ? '' : ' (skipped: Debian chromium is not installed; apt-get install chromium)'}`, () => {
  it('types /persona with a typo, shares the card, reviews a draft and sees the review in the thread', async () => {
    const { chromium } = await import('playwright-core');
    const shots = 'test-artifacts/console';
    mkdirSync(shots, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`${local.url}/`);
      await page.fill('#box', '/persona freelanse desiner');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Freelance Designer' }).last().waitFor();
      await page.screenshot({ path: `${shots}/1-card.png`, fullPage: true });

      // The newest card is the one just asked for (earlier tests left theirs above it).
      await page.getByRole('button', { name: 'Share in channel' }).last().click();
      await page.locator('.msg[data-ephemeral="0"] h3', { hasText: 'Freelance Designer' }).first().waitFor();
      expect(await page.locator('.msg[data-ephemeral="0"]', { hasText: 'Shared by' }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${shots}/2-shared.png`, fullPage: true });

      await page.fill('#box', DRAFT);
      await page.keyboard.press('Enter');
      // Your messages only: a review quotes the draft too.
      const draft = page.locator('.msg:has(.avatar.user)', { hasText: 'Back-to-back meetings all day?' }).last();
      await draft.waitFor();
      await draft.hover();
      await draft.getByRole('button', { name: '⋯ Review copy' }).click();
      // The review arrives in the thread of this draft: the last conversation on the page.
      const review = page.locator('[data-source="message"]').last().locator('.thread .msg', { hasText: 'Speaks to' });
      await review.waitFor();
      expect(await review.innerText()).toContain('Overbooked Team Lead');
      await page.screenshot({ path: `${shots}/3-review.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
