import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test-support/test-server';
import { actAs, alarmId } from './support/alarm-seed';
import { launchBrowser, signInContext } from './support/browser';
import { seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * Issue #18: every icon is an SVG (lucide), none is an emoji or a decorative Unicode glyph, so the
 * interface looks the same on machines without a colour-emoji font. Each role visits every page;
 * the visible text, everything hidden from screen readers (where icons live) and CSS generated
 * content hold no pictograph and none of the glyphs the interface used before, and SVG icons render.
 * Data an earlier version stored with emoji (a feed line, a badge proposal's icon) still renders.
 */

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const TAG = 'NOEMOJI';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const ROLES = ['eng', 'tech', 'lead', 'admin'] as const;
type User = (typeof ROLES)[number];

/** The glyphs the interface drew as icons before (issue #18), beside anything pictographic. */
const OLD_GLYPHS = '⚠✔✓●○◌★⬆▼▲◆↺⚙◷‼❚☀☾⬡❔✕✖⟳⊘⤓⋯▶⏳←';

interface Finding {
  where: 'text' | 'aria-hidden' | 'css';
  sample: string;
}

interface PageReport {
  findings: Finding[];
  icons: number;
  drawnIcons: number;
}

/** Runs in the page: what would show an emoji or an old glyph, and how many SVG icons are drawn. */
function inspect(oldGlyphs: string): PageReport {
  const bad = new RegExp(`\\p{Extended_Pictographic}|[${oldGlyphs}]`, 'u');
  const findings: Finding[] = [];
  const around = (text: string): string => {
    const at = text.search(bad);
    return text.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ');
  };
  const text = document.body.innerText;
  if (bad.test(text)) findings.push({ where: 'text', sample: around(text) });
  for (const el of document.querySelectorAll('[aria-hidden="true"]')) {
    const hidden = el.textContent ?? '';
    if (bad.test(hidden)) findings.push({ where: 'aria-hidden', sample: `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">${around(hidden)}` });
  }
  for (const el of document.querySelectorAll('body *')) {
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content !== 'none' && content !== 'normal' && bad.test(content)) findings.push({ where: 'css', sample: `${el.tagName.toLowerCase()}.${el.className}${pseudo} ${content}` });
    }
  }
  const icons = [...document.querySelectorAll('svg.lucide')];
  const drawnIcons = icons.filter((svg) => {
    const box = svg.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && svg.querySelector('path, circle, rect, line, polyline, polygon') !== null;
  }).length;
  return { findings, icons: icons.length, drawnIcons };
}

describe('one SVG icon set: no emoji anywhere in the interface (#18)', () => {
  let t: TestServer;
  let browser: Browser;
  let alarmPage = '/';
  const contexts = new Map<User, BrowserContext>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await seedWork(t, TAG);
    // Points, a badge (First Responder: a critical acknowledged in time), a feed and a ledger.
    const eng = await login(t.url, 'eng', TEST_PASSWORD);
    await actAs(t, eng, `${TAG}-crit`, 'acknowledge');
    await actAs(t, eng, `${TAG}-minor`, 'acknowledge');
    await actAs(t, eng, `${TAG}-minor`, 'clear');
    alarmPage = `/alarms/${await alarmId(t, `${TAG}-crit`)}`;
    // What an earlier version stored: a feed line with a badge emoji and a badge proposal with an emoji icon.
    const now = Date.now();
    await t.server.repos.feed.append({ at: now, kind: 'badge', text: 'Eve Engineer earned 🚨 Legacy Responder', personId: 'p-eng', teamId: 't-noc', points: 25 });
    await t.server.repos.proposals.create({
      id: randomUUID(),
      kind: 'badge',
      proposedBy: 'p-eng',
      teamId: 't-noc',
      title: 'Legacy Sweeper',
      content: { name: 'Legacy Sweeper', description: 'Clear ten alarms.', icon: '🧹', criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [] }, threshold: 10, bonusPoints: 20 },
      createdAt: now,
    });
    browser = await launchBrowser();
    for (const user of ROLES) {
      const context = await browser.newContext({ baseURL: t.url, viewport: user === 'tech' ? PHONE : DESKTOP, reducedMotion: 'reduce', serviceWorkers: 'block' });
      await signInContext(context, t.url, user, TEST_PASSWORD);
      contexts.set(user, context);
    }
  });
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
    await t?.close();
  });

  async function visit(page: Page, path: string): Promise<PageReport> {
    await page.goto(path);
    await page.locator('#main, main').first().waitFor();
    // Late panels settle; a page that keeps polling is still checked once nothing is loading.
    await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => undefined);
    await page.waitForFunction(() => document.querySelector('.state--loading, [aria-busy="true"]') === null, undefined, { timeout: 10_000 });
    return page.evaluate(inspect, OLD_GLYPHS);
  }

  const pages = (): string[] => ['/', '/leaderboard', '/missions', '/profile', '/dashboard', '/rules', '/admin', '/wall', '/people/p-eng2', alarmPage];

  for (const user of ROLES) {
    it(`${user}: every page draws SVG icons and no emoji or old glyph`, async () => {
      const context = contexts.get(user);
      if (!context) throw new Error(`no browser context for ${user}`);
      const page = await context.newPage();
      try {
        // every page first, then one assertion: the message lists every page with a problem
        const problems: string[] = [];
        for (const path of pages()) {
          const report = await visit(page, path);
          for (const f of report.findings) problems.push(`${path} (${f.where}): ${f.sample}`);
          if (report.drawnIcons === 0) problems.push(`${path}: no SVG icon drawn`);
          if (path === '/' || path === alarmPage) await page.screenshot({ path: resolve(SCREENSHOTS, `icons-${path === '/' ? 'home' : 'alarm'}-${user}.png`) });
        }
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('the sign-in page draws its icons as SVG too', async () => {
    const context = await browser.newContext({ baseURL: t.url, viewport: PHONE, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel(/username/i).fill('eng');
      await page.getByLabel(/password/i).fill('not the password');
      await page.getByRole('button', { name: /sign in|log in/i }).click();
      await page.getByTestId('login-error').waitFor();
      const report = await page.evaluate(inspect, OLD_GLYPHS);
      expect(report.findings).toEqual([]);
      expect(await page.getByTestId('login-error').locator('svg.lucide').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('badges are SVG icons from the named set; emoji an earlier version stored render as icons', async () => {
    const eng = contexts.get('eng');
    const lead = contexts.get('lead');
    if (!eng || !lead) throw new Error('no browser contexts');
    const page = await eng.newPage();
    try {
      await visit(page, '/profile');
      const responder = page.getByTestId('badge-cabinet').locator('[data-badge-id="first-responder"]');
      await responder.waitFor();
      expect(await responder.locator('svg.badge-icon--siren').count()).toBe(1);
      // a hidden badge shows a padlock, not its own icon
      expect(await page.locator('.cabinet__badge--secret svg.badge-icon--lock').count()).toBeGreaterThan(0);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'icons-profile-badges.png'), fullPage: true });

      await visit(page, '/');
      const feed = page.getByTestId('activity-feed');
      await feed.getByText('Eve Engineer earned Legacy Responder').waitFor();
      expect(await feed.locator('[data-kind="badge"] svg.lucide').count()).toBeGreaterThan(0);

      // the badge proposal form offers a radio group of named icons, not a text box
      await visit(page, '/missions');
      const form = page.getByTestId('badge-propose-form');
      const picker = form.getByRole('group', { name: 'Icon' });
      expect(await picker.getByRole('radio').count()).toBe(20);
      expect(await picker.getByRole('radio', { name: 'Award ribbon' }).isChecked()).toBe(true);
      await picker.getByRole('radio', { name: 'Storm cloud' }).check();
      expect(await picker.getByRole('radio', { name: 'Storm cloud' }).isChecked()).toBe(true);
      expect(await form.getByText('Chosen: Storm cloud').count()).toBe(1);
      // arrow keys move through the group like any radio group
      await picker.getByRole('radio', { name: 'Storm cloud' }).press('ArrowRight');
      expect(await picker.getByRole('radio', { name: 'Rocket' }).isChecked()).toBe(true);
      await form.screenshot({ path: resolve(SCREENSHOTS, 'icons-badge-picker.png') });
      // my own legacy proposal: its emoji is drawn as the default award icon
      const mine = page.getByTestId('my-proposal').filter({ hasText: 'Legacy Sweeper' });
      await mine.waitFor();
      expect(await mine.locator('svg.badge-icon--award').count()).toBe(1);
    } finally {
      await page.close();
    }

    const review = await lead.newPage();
    try {
      await review.setViewportSize(PHONE);
      await visit(review, '/missions');
      const item = review.getByTestId('proposal-review').filter({ hasText: 'Legacy Sweeper' });
      await item.waitFor();
      expect(await item.locator('svg.badge-icon--award').count()).toBe(1);
      await review.screenshot({ path: resolve(SCREENSHOTS, 'icons-missions-360.png'), fullPage: true });
    } finally {
      await review.close();
    }
  });
});
