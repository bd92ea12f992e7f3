// Every kind of page at phone, tablet and desktop widths: the page never scrolls sideways
// (a wide table or graph scrolls in its own box), and every control is a target of at
// least 24×24 CSS px or has that much room around it (WCAG 2.2, 2.5.8), the main
// navigation 44 px high. Screenshots of each page at each width go to screenshots/layout/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { useSite, watchErrors, SCREENSHOTS } from './browser.mjs';

const site = useSite();
const WIDTHS = [320, 390, 768, 1280];
const PAGES = [
  '/',
  '/search?q=postgres',
  '/services/api-gateway',
  '/services/postgresql-service/impact',
  '/offerings/b2b-partner-onboarding',
  '/agreements/sla-order-management',
  '/articles/runbook-api-gateway-certificate',
  '/calendars/always-on',
  '/parties/data-platform',
  '/health',
  '/scorecards',
  '/scorecards/service-maturity',
  '/feasibility',
  '/edit/services/api-gateway',
  '/new/agreements',
  '/history/services/api-gateway',
  '/changes',
  '/merge',
  '/data',
];

// What a reader can tap that is too small and too close to another target, and what
// sticks out of the page to the right. Inline links in running text are exempt (2.5.8).
function check() {
  const targets = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [role=button], [tabindex="0"]')]
    // The impact graph's nodes are exempt as the equivalent list of the same page links
    // every service they show with targets of full size (2.5.8's "equivalent" exception).
    .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], .visually-hidden, .skip-link, .impact-graph'))
    .map((el) => {
      // A checkbox or radio is tapped through its label too.
      const label = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label');
      return { el, rect: (label || el).getBoundingClientRect() };
    })
    .filter(({ rect }) => rect.width > 0 && rect.height > 0);
  const inline = (el) => {
    if (getComputedStyle(el).display !== 'inline' || el.tagName !== 'A') return false;
    const block = el.parentElement;
    return block && block.textContent.trim().length > el.textContent.trim().length;
  };
  const describe = (el, r) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.value || el.name || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
  const small = [];
  for (const { el, rect } of targets) {
    if (el.closest('nav[aria-label=Main]') && rect.height < 44) small.push(`main navigation ${describe(el, rect)}`);
    if ((rect.width >= 24 && rect.height >= 24) || inline(el)) continue;
    // Spacing exception: a 24 px circle on its centre touches no other target.
    const cx = rect.left + rect.width / 2;
    const cy = rect.top + rect.height / 2;
    const crowded = targets.some(({ el: other, rect: o }) => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      const dx = Math.max(o.left - cx, 0, cx - o.right);
      const dy = Math.max(o.top - cy, 0, cy - o.bottom);
      return dx * dx + dy * dy < 12 * 12;
    });
    if (crowded) small.push(describe(el, rect));
  }
  const width = document.documentElement.clientWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const wide = overflow > 0
    ? [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.scroll-box, table, .graph, pre')).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))
    : [];
  return { overflow, wide, small };
}

for (const width of WIDTHS) {
  test(`every kind of page fits ${width} px without sideways scrolling, with targets large enough to tap`, async () => {
    const context = await site.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const dir = join(SCREENSHOTS, 'layout');
    mkdirSync(dir, { recursive: true });
    const problems = [];
    for (const path of PAGES) {
      await page.goto(site.base + path);
      // A page is there when its heading is; the first load waits for the catalogue.
      await page.locator('main h1').first().waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const { overflow, wide, small } = await page.evaluate(check);
      if (overflow > 0) problems.push(`${path}: the page scrolls ${overflow} px sideways (${wide.join(', ')})`);
      for (const s of small) problems.push(`${path}: too small to tap: ${s}`);
      await page.screenshot({ path: join(dir, `${width}${path.replace(/[^a-z0-9]+/gi, '-')}.png`) });
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
