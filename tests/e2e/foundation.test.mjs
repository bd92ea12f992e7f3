// Journeys of the foundation: first start shows the demo, a service page shows its
// related records, export, clear, import the export (same content), and a broken file
// shows a located error and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { shot, useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO_TEXT = readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8');
const DEMO = JSON.parse(DEMO_TEXT);

const site = useSite();

async function freshPage({ publishedCatalogue = true } = {}) {
  // A routed catalogue.json must not be fetched by the service worker instead (it would
  // bypass the route), so those pages run without one.
  const context = await site.browser.newContext({ acceptDownloads: true, serviceWorkers: publishedCatalogue ? 'allow' : 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (!publishedCatalogue) {
    await page.route('**/catalogue.json*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  }
  return { context, page, errors };
}

// The list is virtualized: rows out of view are not in the page, so counts come from
// the "N shown" line and the table's aria-rowcount.
const serviceRows = (page) => page.locator('.service-table [role=row]:not(.header)');
async function shownCount(page) {
  return Number((await page.locator('.result-count').innerText()).split(' ')[0]);
}

async function exportText(page) {
  await page.goto(`${site.base}/data`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
  assert.equal(download.suggestedFilename(), 'catalogue.json');
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

async function chooseFile(page, name, text) {
  await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

// A service with offerings, an SLA with something beneath it, articles and dependencies.
function richestService() {
  const score = (s) => {
    const offerings = DEMO.offerings.filter((o) => o.service === s.id).length;
    const agreements = DEMO.agreements.filter((a) => (a.services ?? []).includes(s.id)).length;
    const articles = DEMO.articles.filter((a) => (a.services ?? []).includes(s.id)).length;
    return (offerings > 0) + (agreements > 0) + (articles > 0) + ((s.depends_on ?? []).length > 0);
  };
  return [...DEMO.services].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0];
}

test('first start shows the demo catalogue', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(site.base);
  await serviceRows(page).first().waitFor();
  assert.equal(await shownCount(page), DEMO.services.length);
  assert.equal(await page.locator('.service-table').getAttribute('aria-rowcount'), String(DEMO.services.length + 1));
  assert.equal(await page.locator('.site-header .brand').innerText(), DEMO.catalogue.name);
  await page.fill('#service-filter', DEMO.services[0].name);
  await page.locator('.result-count', { hasText: /^[1-9]\d* shown$/ }).waitFor();
  assert.ok((await shownCount(page)) < DEMO.services.length, 'filter narrows the list');
  await shot(page, 'catalogue-list');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a service page shows everything related to the service', async () => {
  const s = richestService();
  const { context, page, errors } = await freshPage();
  await page.goto(site.base);
  await page.getByRole('link', { name: s.name, exact: true }).first().click();
  await page.locator('h1', { hasText: s.name }).waitFor();
  assert.match(page.url(), new RegExp(`/services/${s.id}$`));
  const main = page.locator('main');
  for (const o of DEMO.offerings.filter((o) => o.service === s.id)) {
    await main.getByRole('article', { name: `Offering ${o.name}` }).waitFor();
  }
  for (const a of DEMO.agreements.filter((a) => (a.services ?? []).includes(s.id))) {
    assert.ok((await main.getByText(a.name).count()) > 0, `agreement ${a.name} shown`);
  }
  for (const a of DEMO.articles.filter((a) => (a.services ?? []).includes(s.id))) {
    assert.ok((await main.getByText(a.title, { exact: true }).count()) > 0, `article ${a.title} shown`);
  }
  const dependsOn = main.locator('ul.depends-on li');
  assert.equal(await dependsOn.count(), (s.depends_on ?? []).length);
  const owner = DEMO.parties.find((p) => p.id === s.owner);
  assert.ok((await main.getByText(owner.name).count()) > 0, 'owner shown');
  await shot(page, 'service-page');

  // A deep link opened in a fresh tab lands on the same page.
  const second = await context.newPage();
  await second.goto(`${site.base}/services/${s.id}`);
  await second.locator('h1', { hasText: s.name }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('export, clear storage, import the export: the same catalogue', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(site.base);
  await serviceRows(page).first().waitFor();
  const exported = await exportText(page);
  assert.equal(exported, DEMO_TEXT, 'export of the untouched demo is the canonical published file');
  await context.close();

  // A new browser profile without the published catalogue: an empty start.
  const fresh = await freshPage({ publishedCatalogue: false });
  await fresh.page.goto(`${site.base}/data`);
  await fresh.page.getByRole('heading', { name: 'Import and export' }).waitFor();
  await fresh.page.locator('.notice').waitFor();
  await chooseFile(fresh.page, 'catalogue.json', exported);
  const preview = fresh.page.locator('.preview');
  await preview.waitFor();
  const servicesRow = preview.locator('tbody tr', { has: fresh.page.locator('th', { hasText: 'services' }) });
  assert.equal(await servicesRow.locator('td').first().innerText(), String(DEMO.services.length), 'all services added');
  await shot(fresh.page, 'import-preview');
  await fresh.page.click('#confirm-import');
  await fresh.page.locator('.success').waitFor();
  assert.equal(await exportText(fresh.page), exported, 'round trip is byte-identical');
  // And it is stored: a reload shows it.
  await fresh.page.goto(site.base);
  await serviceRows(fresh.page).first().waitFor();
  assert.equal(await shownCount(fresh.page), DEMO.services.length);
  // The published catalogue.json was made to answer 404 for this fresh profile.
  const notFound = fresh.errors.filter((e) => !(e.includes('status of 404') && e.includes('catalogue.json')));
  assert.deepEqual(notFound, []);
  assert.deepEqual(errors, []);
  await fresh.context.close();
});

test('a broken file shows located errors and changes nothing', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(site.base);
  await serviceRows(page).first().waitFor();
  const before = await exportText(page);

  // A dangling owner reference, deep in the file.
  const target = DEMO.services[DEMO.services.length - 1];
  const broken = JSON.parse(DEMO_TEXT);
  broken.services[broken.services.length - 1].owner = 'nobody-at-all';
  const brokenText = JSON.stringify(broken, null, 2);
  const line = brokenText.split('\n').findIndex((l) => l.includes('"nobody-at-all"')) + 1;
  await page.goto(`${site.base}/data`);
  await chooseFile(page, 'broken.json', brokenText);
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /unknown party "nobody-at-all"/);
  assert.match(text, new RegExp(`line ${line}, column \\d+`));
  assert.match(text, new RegExp(`services\\[${DEMO.services.length - 1}\\]\\.owner`));
  assert.match(text, new RegExp(`service "${target.id}"`));
  assert.match(text, /Nothing was changed/);
  await shot(page, 'import-errors');

  // A truncated file and something that is not a catalogue.
  await chooseFile(page, 'truncated.json', DEMO_TEXT.slice(0, 5000));
  await page.locator('.error-panel', { hasText: /ends too early/ }).waitFor();
  await chooseFile(page, 'package.json', '{"name": "not-a-catalogue", "version": "1.0.0"}');
  await page.locator('.error-panel', { hasText: /not a service catalogue/ }).waitFor();
  await chooseFile(page, 'future.json', DEMO_TEXT.replace('"version": 1', '"version": 7'));
  await page.locator('.error-panel', { hasText: /version 7, newer than this app reads/ }).waitFor();

  assert.equal(await page.locator('#confirm-import').count(), 0, 'no way to import a broken file');
  assert.equal(await exportText(page), before, 'stored catalogue unchanged');
  await page.reload();
  assert.equal(await exportText(page), before, 'still unchanged after a reload');
  assert.deepEqual(errors, []);
  await context.close();
});
