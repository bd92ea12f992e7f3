// Catalogue health on the demo data: every measure shown with its share, and the drill-down
// names the records to fix, the same ones the data says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { shot, useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

const site = useSite();

test('the health dashboard shows each measure and drills down to the records to fix', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
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
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/agreements/sla-customer-invoicing');
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

const liveServices = DEMO.services.filter((s) => (s.lifecycle ?? 'live') !== 'retired');

test('scorecards show the spread of levels, levels per team, and what each service must fix', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.getByRole('link', { name: 'Scorecards', exact: true }).click();
  await page.getByRole('heading', { name: 'Scorecards', level: 1 }).waitFor();
  const maturity = page.locator('.scorecard-summary', { hasText: 'Service maturity' });
  assert.match(await maturity.locator('.note').innerText(), new RegExp(`^${liveServices.length} services:`));
  const tier1 = liveServices.filter((s) => s.tier === 1).length;
  assert.match(await page.locator('.scorecard-summary', { hasText: 'Tier 1 readiness' }).locator('.note').innerText(), new RegExp(`^${tier1} services:`));
  await shot(page, 'scorecards');

  await maturity.getByRole('link', { name: 'Service maturity' }).click();
  await page.getByRole('heading', { name: 'Levels per team' }).waitFor();
  // Each owner's row counts each of its services exactly once.
  const owners = new Map();
  for (const s of liveServices) owners.set(s.owner, (owners.get(s.owner) ?? 0) + 1);
  const rows = page.locator('table.team-levels tbody tr');
  assert.equal(await rows.count(), owners.size);
  for (const [owner, count] of owners) {
    const name = DEMO.parties.find((p) => p.id === owner).name;
    const cells = await rows.filter({ has: page.getByRole('link', { name, exact: true }) }).locator('td.num').allInnerTexts();
    assert.equal(cells.map(Number).reduce((a, b) => a + b, 0), count, `${name}: ${cells}`);
  }
  assert.equal(await page.locator('.service-score').count(), liveServices.length);
  await shot(page, 'scorecard');

  // Order management is covered by an SLA its supports cannot keep: not Gold, and says why and how to fix.
  await page.goto(site.base + '/services/order-management');
  const section = page.locator('.service-scorecards');
  await section.getByRole('heading', { name: 'Scorecards' }).waitFor();
  const maturityScore = section.locator('.service-score').first();
  assert.notEqual(await maturityScore.locator('.badge.level').innerText(), 'Gold');
  const failing = maturityScore.locator('.failing li', { hasText: 'SLAs its supports can keep' });
  assert.match(await failing.innerText(), /cannot be kept: Order Management SLA/);
  assert.match(await failing.innerText(), /strengthen the weak support or relax the SLA/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('rules are data: a scorecard edited in its form rescores the services', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/scorecards/service-maturity');
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Only tiers up to').fill('1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision 2/ }).waitFor();
  const tier1 = liveServices.filter((s) => s.tier === 1).length;
  await page.getByText('of tier 1 or more critical').waitFor();
  assert.equal(await page.locator('.service-score').count(), tier1);
  // A rule naming a level the scorecard does not have is refused on its field.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByRole('group', { name: 'rule 1', exact: true }).getByLabel('Level *').fill('Platinum');
  await page.getByRole('group', { name: 'rule 1', exact: true }).getByText('"Platinum" is not one of the levels').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a catalogue without scorecards is scored by the default one, which can be added to edit', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const without = { ...DEMO, scorecards: undefined };
  await page.locator('#import-file').setInputFiles({ name: 'plain.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(without)) });
  await page.locator('#confirm-import').click();
  await page.locator('.success').waitFor();
  await page.goto(site.base + '/scorecards');
  await page.getByText('This catalogue has no scorecard of its own').waitFor();
  assert.match(await page.locator('.scorecard-summary .note').innerText(), new RegExp(`^${liveServices.length} services:`));
  await page.locator('#add-default-scorecard').click();
  await page.getByRole('link', { name: 'New scorecard' }).waitFor();
  await page.getByRole('link', { name: 'Service maturity' }).click();
  await page.waitForURL(/\/scorecards\/service-maturity$/);
  await page.getByRole('link', { name: 'Edit', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('feasibility flags SLAs their supports cannot keep, with the chain that breaks them', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.getByRole('link', { name: 'Feasibility', exact: true }).click();
  await page.getByRole('heading', { name: 'Feasibility', level: 1 }).waitFor();
  // The payment provider resolves in Chicago business hours; the order SLA promises 4 hours around the clock.
  const finding = page.locator('.finding.breaks', { hasText: 'P1 time to resolve 4 h' }).filter({ hasText: 'Order Management SLA' });
  await finding.first().waitFor();
  assert.match(await finding.first().innerText(), /PayBridge merchant services agreement \(P1 time to resolve 4 business h\) can fall due after Order Management SLA/);
  // The workplace SLA promises 99.9 % on a cloud contract of 99.5 %.
  const workplace = page.locator('.finding.breaks', { hasText: 'availability 99.9 %' }).filter({ hasText: 'Workplace' });
  assert.match(await workplace.first().innerText(), /Cloud Hosting \(Stratus Cloud\) 99\.5 %/);
  await shot(page, 'feasibility');
  await finding.first().locator('.chain').getByRole('link', { name: 'PayBridge merchant services agreement' }).click();
  await page.getByRole('heading', { name: 'PayBridge merchant services agreement', level: 1 }).waitFor();
  await page.goto(site.base + '/agreements/sla-order-management');
  await page.locator('section.feasibility .finding.breaks').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
