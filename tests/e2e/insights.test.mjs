// Catalogue health on the demo data: every measure shown with its share, and the drill-down
// names the records to fix, the same ones the data says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, shot, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

let server, base, browser;
before(async () => {
  ({ server, url: base } = await serve(join(ROOT, 'dist')));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the health dashboard shows each measure and drills down to the records to fix', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Health' }).click();
  await page.getByRole('heading', { name: 'Catalogue health' }).waitFor();
  assert.equal(await page.locator('.measure').count(), 7);

  // Overdue reviews, as the demo data has them.
  const today = new Date().toISOString().slice(0, 10);
  const overdue = DEMO.articles.filter((a) => (a.status ?? 'published') === 'published' && a.last_reviewed && a.review_interval_days)
    .filter((a) => new Date(Date.parse(a.last_reviewed) + a.review_interval_days * 86400000).toISOString().slice(0, 10) < today);
  const published = DEMO.articles.filter((a) => (a.status ?? 'published') === 'published').length;
  const reviews = page.locator('#measure-reviews');
  assert.match(await reviews.locator('.measure-figure').innerText(), new RegExp(`\\(${published - overdue.length} of ${published}\\)`));
  await reviews.locator('summary').click();
  for (const a of overdue) await reviews.getByRole('link', { name: a.title, exact: true }).waitFor();
  await shot(page, 'health');
  await reviews.getByRole('link', { name: overdue[0].title, exact: true }).click();
  await page.getByRole('heading', { name: overdue[0].title, exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the SLA calculator gives downtime budgets and due times within the service hours', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(base + '/agreements/sla-customer-invoicing');
  await page.getByRole('heading', { name: 'SLA calculator' }).waitFor();
  // 99.5 % of this month, around the clock.
  const now = new Date();
  const days = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  const minutes = days * 1440 * 0.005;
  const expected = minutes < 120 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(1)} h`;
  const month = page.locator('table.downtime tr', { hasText: 'This month' });
  assert.equal((await month.locator('td').first().innerText()).trim(), expected);

  // A P1 opened on Wednesday 23 December at 16:00 in Hamburg: two office hours that day,
  // then Christmas holidays and the weekend, so 4 business hours end on Monday at 10:00.
  await page.getByLabel(/Opened at/).fill('2026-12-23T16:00');
  await page.getByLabel('Priority').selectOption('P1');
  const resolve = page.locator('table.deadlines tr', { hasText: 'time to resolve' });
  await resolve.locator('.due', { hasText: 'Mon 2026-12-28 10:00' }).waitFor();
  assert.match(await resolve.innerText(), /Mon 2026-12-28 09:00/, 'the warning is due an hour earlier');
  assert.match(await page.locator('table.deadlines tr', { hasText: 'time to respond' }).innerText(), /Wed 2026-12-23 16:30/);
  await shot(page, 'sla-calculator');
  assert.deepEqual(errors, []);
  await context.close();
});
