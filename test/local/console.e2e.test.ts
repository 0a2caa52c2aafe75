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
  it('walks every surface: cards, search, job card, list, review, both modals with errors, App Home, Still accurate as owner and as someone else', async () => {
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
      // Tall enough that a whole modal fits, as its screenshot needs.
      const page = await browser.newPage({ viewport: { width: 1100, height: 2200 } });
      page.setDefaultTimeout(30_000);
      // The message or modal a step is about, as it shows (a full page is long, and the fixed
      // composer would land in the middle of it); the page itself where the step is the page.
      const shot = async (name: string, what?: import('playwright-core').Locator) => {
        if (!what) return void (await page.screenshot({ path: `${shots}/${name}.png` }));
        // The fixed composer would cover the bottom of a message scrolled into view.
        const hide = await page.addStyleTag({ content: 'footer { display: none !important; }' });
        try {
          // The page redraws on every change it polls: an element can be replaced mid-shot.
          for (let attempt = 1; ; attempt++) {
            try {
              return void (await what.screenshot({ path: `${shots}/${name}.png` }));
            } catch (err) {
              if (attempt === 5) throw err;
              await page.waitForTimeout(300);
            }
          }
        } finally {
          await hide.evaluate((el) => el.remove());
        }
      };
      const type = async (text: string) => {
        await page.fill('#box', text);
        await page.keyboard.press('Enter');
      };
      const modal = page.locator('.modal');
      await page.goto(`${local.url}/`);

      // The card: who the persona is, all three descriptor sets, evidence with its link and date.
      await type('/persona freelanse desiner');
      const card = page.locator('.msg', { has: page.getByRole('heading', { name: 'Freelance Designer' }) }).last();
      await card.waitFor();
      for (const part of ['Demographics', 'Psychographics', 'Sociographics', 'Evidence', 'Matched on:']) expect(await card.innerText()).toContain(part);
      await shot('01-card', card);

      // The newest card is the one just asked for (earlier tests left theirs above it).
      await card.getByRole('button', { name: 'Share in channel' }).click();
      await page.locator('.msg[data-ephemeral="0"] h3', { hasText: 'Freelance Designer' }).first().waitFor();
      expect(await page.locator('.msg[data-ephemeral="0"]', { hasText: 'Shared by' }).count()).toBeGreaterThan(0);
      await shot('02-shared', page.locator('.msg[data-ephemeral="0"]', { hasText: 'Shared by' }).last());

      // One search: bike finds the commuter through its jobs and pains; the alternatives stay after a click.
      await type('/persona bike');
      const bike = page.locator('.msg', { has: page.getByRole('heading', { name: 'Cargo Bike Parent' }) }).last();
      await bike.waitFor();
      expect(await bike.innerText()).toContain('Other matches for “bike”');
      await shot('03-search-bike', bike);
      await bike.getByRole('button', { name: 'Show Car-Free Commuter' }).click();
      const commuter = page.locator('.msg', { has: page.getByRole('heading', { name: 'Car-Free Commuter' }) }).last();
      await commuter.waitFor();
      await commuter.getByRole('button', { name: 'Show Cargo Bike Parent' }).waitFor();
      await shot('04-other-match-kept', commuter);
      await type('/persona quantum blockchain yacht');
      await page.locator('.msg', { hasText: 'Nothing matched “quantum blockchain yacht”' }).waitFor();

      // The job card and the list.
      await type('/persona feel in control');
      await page.getByRole('heading', { name: 'Feel in control of my week' }).last().waitFor();
      await shot('05-job-card', page.locator('.msg', { has: page.getByRole('heading', { name: 'Feel in control of my week' }) }).last());
      await type('/persona list');
      await page
        .getByRole('heading', { name: /^Personas \(\d+\)$/ })
        .last()
        .waitFor();
      await shot('06-list', page.locator('.msg', { has: page.getByRole('heading', { name: /^Personas \(\d+\)$/ }) }).last());

      // A review in the thread of the draft.
      await type(DRAFT);
      const draft = page.locator('.msg:has(.avatar.user)', { hasText: 'Back-to-back meetings all day?' }).last();
      await draft.waitFor();
      await draft.hover();
      await draft.getByRole('button', { name: '⋯ Review copy' }).click();
      const review = page.locator('[data-source="message"]').last().locator('.thread .msg', { hasText: 'Speaks to' });
      await review.waitFor();
      expect(await review.innerText()).toContain('Overbooked Team Lead');
      await shot('07-review', page.locator('[data-source="message"]').last());

      // Create persona from the ⚡ menu: every problem at once, then saved with a confirmation.
      await page.getByRole('button', { name: '⚡ Shortcuts' }).click();
      await page.getByRole('menuitem', { name: 'Create persona' }).click();
      await modal.getByRole('heading', { name: 'New persona' }).waitFor();
      await modal.locator('[data-input="name"]').fill('Overbooked Team Lead');
      await modal.locator('[data-input="summary"]').fill('Bakes bread every Saturday.');
      await modal.locator('[data-input="jobs"]').fill('functinal | Bake a loaf that rises | 5');
      await modal.locator('[data-input="evidence"]').fill('interview | 4 bakers | 2026-13-45');
      await page.click('#modal-submit');
      await modal.locator('.err', { hasText: 'did you mean functional?' }).waitFor();
      expect(await modal.locator('.err').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('already called'), expect.stringContaining('is not a real date')]),
      );
      await shot('08-create-errors', modal);
      await modal.locator('[data-input="name"]').fill('Weekend Baker');
      await modal.locator('[data-input="owner"]').fill('U0LOCALUSER');
      await modal.locator('[data-input="demographics"]').fill('role: Hobby baker 🍞\nlocation: Small town');
      await modal.locator('[data-input="jobs"]').fill('functional | Bake a loaf that rises | 5');
      await modal.locator('[data-input="evidence"]').fill('interview | https://example.org/baker-interviews | 2026-09-15');
      await page.click('#modal-submit');
      await modal.getByRole('heading', { name: 'Persona created' }).waitFor();
      await shot('09-created', modal);
      await page.click('#modal-close');

      // Edit from a card: problems first, then the card itself shows the change.
      await type('/persona weekend baker');
      const baker = page.locator('.msg', { has: page.getByRole('heading', { name: 'Weekend Baker' }) }).last();
      await baker.waitFor();
      await baker.getByRole('button', { name: 'Edit' }).click();
      await modal.locator('[data-input="summary"]').waitFor();
      await modal.locator('[data-input="gains"]').fill('desired |  | 4');
      await page.click('#modal-submit');
      await modal.locator('.err', { hasText: 'text (2nd part): must not be empty' }).waitFor();
      await shot('10-edit-errors', modal);
      await modal.locator('[data-input="gains"]').fill('desired | A crust that crackles | 4');
      await modal.locator('[data-input="summary"]').fill('Bakes sourdough every Saturday for the neighbours.');
      await page.click('#modal-submit');
      await modal.getByText('The card you edited is updated to show the change.').waitFor();
      await page.click('#modal-close');
      await baker.getByText('Bakes sourdough every Saturday for the neighbours.').waitFor();
      await shot('11-card-updated', baker);

      // App Home: New persona, and Still accurate as the owner (with a note) and as someone else.
      await page.click('#tab-home');
      await page.locator('[data-source="home"]').getByRole('button', { name: 'New persona' }).waitFor();
      await shot('12-home', page.locator('[data-source="home"]'));
      const entry = (name: string) =>
        page.locator(
          `xpath=//div[@data-source="home"]//div[contains(@class,"section")][contains(., "${name}")]/following-sibling::div[contains(@class,"actions")][1]`,
        );
      await entry('Weekend Baker').getByRole('button', { name: 'Still accurate' }).click();
      await modal.getByRole('heading', { name: 'Still accurate?' }).waitFor();
      await modal.locator('[data-input="confirm_note"]').fill('Re-checked with three bakers');
      await shot('13-confirm-owner', modal);
      await page.click('#modal-submit');
      await modal.getByRole('heading', { name: 'Confirmed' }).waitFor();
      await page.click('#modal-close');

      await entry('Cargo Bike Parent').getByRole('button', { name: 'Still accurate' }).click();
      await modal.getByText('or an admin can confirm it is still accurate').waitFor();
      await shot('14-confirm-someone-else', modal);
      await modal.getByRole('button', { name: 'Ask the owner' }).click();
      await modal.getByText('Asked').waitFor();
      await shot('15-asked-owner', modal);
      await page.click('#modal-close');

      await page.click('#tab-channel');
      await page.locator('.msg', { hasText: 'asks whether Cargo Bike Parent is still accurate' }).waitFor();
      await type('/persona weekend baker');
      await page.locator('.msg', { hasText: 'asks whether Cargo Bike Parent is still accurate' }).last().waitFor();
      await shot('16-owner-asked-dm', page.locator('.msg', { hasText: 'asks whether Cargo Bike Parent is still accurate' }).last());
      const confirmed = page.locator('.msg', { hasText: 'Last confirmed by @U0LOCALUSER: “Re-checked with three bakers”' }).last();
      await confirmed.waitFor();
      await shot('17-card-with-note', confirmed);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
