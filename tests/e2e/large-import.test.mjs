// Large files: the import worker reads, checks and writes them off the page's thread. The
// page shows how far it got, stays usable meanwhile (even on other pages), and a cancel,
// while checking or in the middle of writing, leaves the stored catalogue as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { useSite, watchErrors, shot, stored, nothingLeftBeside, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

/// The demo renamed, with 20,000 more services and 40,000 more articles of about 2 KB:
/// a file of about 110 MB, written to disk (too large to hand over as a buffer).
function largeFile() {
  const cat = structuredClone(DEMO);
  cat.catalogue.name = 'Large catalogue';
  const service = DEMO.services.find((s) => s.id === 'order-management');
  const article = DEMO.articles.find((a) => a.kind === 'how_to' && a.status === 'published') ?? DEMO.articles[0];
  const paragraph = 'Check the queue depth on the dashboard, then drain the dead-letter queue before restarting the consumers. ';
  for (let i = 0; i < 20000; i++) cat.services.push({ ...service, id: `large-service-${i}`, name: `Large service ${i}` });
  for (let i = 0; i < 40000; i++) {
    cat.articles.push({ ...article, id: `large-article-${i}`, title: `Large article ${i}`, body: `# Step ${i}\n\n` + paragraph.repeat(18) });
  }
  const path = join(mkdtempSync(join(tmpdir(), 'large-import-')), 'large.json');
  writeFileSync(path, JSON.stringify(cat));
  return path;
}
const LARGE = largeFile();

const site = useSite();
const STORES = ['services', 'articles'];

/// Opens the data page with the demo stored, and records every text the import status
/// shows (a MutationObserver: the page may move through stages faster than polling).
async function dataPage() {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.getByRole('link', { name: 'Import & export' }).click();
  // Export is offered once the catalogue is read, which on a first start is once the
  // published one is stored (its list is shown before).
  await page.locator('#export-button:not([disabled])').waitFor();
  const before = await stored(page, STORES);
  await page.evaluate(() => {
    window.__statuses = [];
    new MutationObserver(() => {
      const text = document.querySelector('#import-status')?.textContent;
      if (text && window.__statuses.at(-1) !== text) window.__statuses.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return { context, page, errors, before };
}

const statuses = (page) => page.evaluate(() => window.__statuses);

test('a large file shows its progress, the app stays usable on other pages while it is checked, and the list comes first when it is opened again', async () => {
  const { context, page, errors, before } = await dataPage();
  await page.locator('#import-file').setInputFiles(LARGE);
  await page.locator('#import-status', { hasText: /^Checking large\.json/ }).waitFor();
  await shot(page, 'import-progress');
  // While the worker validates the file, the reader goes elsewhere and searches.
  await page.waitForFunction(() => window.__statuses.some((s) => /^Checking large\.json: validating every record/.test(s)));
  await page.getByRole('link', { name: 'Services', exact: true }).click();
  await page.fill('#service-filter', DEMO.services[1].name);
  await page.locator('.result-count', { hasText: /^[1-9]\d* shown$/ }).waitFor();
  // The notice leads back to the import. It goes away when the check ends, which may be
  // any moment on a fast machine, so its link is read as it is found and the way back
  // taken from the menu.
  const notice = await page.waitForFunction(() => {
    const n = document.querySelector('#import-elsewhere');
    const link = n && [...n.querySelectorAll('a')].find((a) => a.textContent === 'See its progress');
    return n?.textContent.startsWith('Importing large.json') && link ? link.getAttribute('href') : null;
  });
  assert.match(await notice.jsonValue(), /\/data$/);
  await shot(page, 'import-elsewhere');
  await page.getByRole('link', { name: 'Import & export' }).click();
  // The check went on while the reader browsed: it is still going, or its preview waits
  // (how far it got depends on the machine's speed).
  await page.locator('#import-status, #confirm-import').first().waitFor();
  await page.locator('#confirm-import').waitFor({ timeout: 120_000 });
  const preview = await page.locator('.preview table').innerText();
  assert.match(preview, /services\s+20000\s+0\s+0\s+\d+/, 'the preview counts the services added');
  await page.locator('#confirm-import').click();
  await page.locator('.success', { hasText: /^Imported: 60000 added/ }).waitFor({ timeout: 120_000 });
  const seen = await statuses(page);
  assert.ok(seen.some((s) => /^Reading large\.json: [\d.]+ MB of 1\d\d\.\d MB$/.test(s)), `reading showed its progress: ${seen.join(' | ')}`);
  assert.ok(seen.some((s) => /^Checking large\.json: validating every record/.test(s)), 'validation was shown');
  assert.ok(seen.some((s) => /^Writing large\.json: [\d,]+ of [\d,]+ records$/.test(s)), `writing showed its progress: ${seen.join(' | ')}`);
  const after = await stored(page, STORES);
  assert.deepEqual(after, { name: 'Large catalogue', services: before.services + 20000, articles: before.articles + 40000 });
  // The catalogue it replaced does not stay on the reader's disk.
  await nothingLeftBeside(page, STORES);
  assert.equal(await page.locator('.site-header .brand').innerText(), 'Large catalogue');
  // Opened again, the list is on screen while the rest of the catalogue is still read.
  await page.goto(site.base + '/');
  await page.waitForFunction(() => document.querySelector('.service-row:not(.header)')
    && document.querySelector('.loading')?.textContent.startsWith('Reading the rest of the catalogue'), null, { polling: 'raf', timeout: 60_000 });
  await page.locator('.loading').waitFor({ state: 'detached', timeout: 120_000 });
  assert.equal(await page.locator('.service-table').getAttribute('aria-rowcount'), String(after.services + 1));
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancelling while a large file is checked leaves nothing behind, and the next import works', async () => {
  const { context, page, errors, before } = await dataPage();
  await page.locator('#import-file').setInputFiles(LARGE);
  await page.locator('#import-status', { hasText: /^Checking large\.json/ }).waitFor();
  await page.locator('#cancel-import').click();
  await page.getByText('The import of large.json was cancelled; nothing was changed.').waitFor();
  assert.equal(await page.locator('#confirm-import').count(), 0);
  assert.deepEqual(await stored(page, STORES), before);
  // A small file right after: a new worker, a normal import.
  const small = structuredClone(DEMO);
  small.catalogue.name = 'Small catalogue';
  await page.locator('#import-file').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(small)) });
  await page.locator('#confirm-import').click();
  await page.locator('.success', { hasText: /^Imported:/ }).waitFor();
  assert.equal((await stored(page, STORES)).name, 'Small catalogue');
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancelling in the middle of writing a large file keeps the old catalogue whole', async () => {
  const { context, page, errors, before } = await dataPage();
  await page.locator('#import-file').setInputFiles(LARGE);
  await page.locator('#confirm-import').click({ timeout: 120_000 });
  await page.locator('#import-status', { hasText: /^Writing large\.json: [1-9][\d,]* of/ }).waitFor({ timeout: 120_000 });
  await shot(page, 'import-writing');
  await page.locator('#cancel-import').click();
  await page.getByText('The import of large.json was cancelled; nothing was changed.').waitFor();
  assert.deepEqual(await stored(page, STORES), before, 'no record of the cancelled write is stored');
  await nothingLeftBeside(page, STORES);
  await page.reload();
  await page.locator('.site-header .brand', { hasText: DEMO.catalogue.name }).waitFor();
  assert.deepEqual(await stored(page, STORES), before);
  assert.deepEqual(errors, []);
  await context.close();
});
