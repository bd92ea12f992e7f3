// Crashes and storage faults: a page closed or a browser killed in the middle of an import
// leaves the catalogue entirely old or entirely new; a full storage quota refuses the
// import with a clear message, changes nothing, and leaves export working; a page whose
// code cannot be fetched says so and the rest of the app goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { useSite, watchErrors, stored, shot, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

/// The demo under another name with `extra` more services: large enough that writing it
/// takes a while, so there is a moment in the middle to interrupt.
function bigger(extra) {
  const cat = structuredClone(DEMO);
  cat.catalogue.name = 'Bigger catalogue';
  const template = DEMO.services.find((s) => s.id === 'order-management');
  for (let i = 0; i < extra; i++) cat.services.push({ ...template, id: `bulk-service-${i}`, name: `Bulk service ${i}` });
  return Buffer.from(JSON.stringify(cat));
}
const BIG = bigger(4000);

/// Kills, as a crash would, every process whose command line names `profile`: the
/// browser and its helpers (read from /proc, so nothing beyond Node is needed).
function killBrowser(profile) {
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline = '';
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmdline.includes(`--user-data-dir=${profile}`)) {
      try { process.kill(Number(pid), 'SIGKILL'); killed++; } catch { /* already gone */ }
    }
  }
  return killed;
}

const OLD = { name: DEMO.catalogue.name, services: DEMO.services.length };
const NEW = { name: 'Bigger catalogue', services: DEMO.services.length + 4000 };

const site = useSite();

async function startImport(page, bytes) {
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  await page.locator('#import-file').setInputFiles({ name: 'bigger.json', mimeType: 'application/json', buffer: bytes });
  await page.locator('#confirm-import').click();
}

test('a page closed in the middle of an import leaves the old catalogue or the new one, never a mix', async () => {
  const outcomes = [];
  // The time the page is closed after is what varies: a fixed wait is the point here.
  for (const delay of [0, 150, 400, 800, 1500]) {
    const context = await site.browser.newContext({ serviceWorkers: 'block' });
    const first = await context.newPage();
    await first.goto(site.base + '/');
    await first.locator('.service-row:not(.header)').first().waitFor();
    await startImport(first, BIG);
    await first.waitForTimeout(delay);
    await first.close({ runBeforeUnload: false });
    const second = await context.newPage();
    await second.goto(site.base + '/');
    await second.locator('.service-row:not(.header)').first().waitFor();
    const now = await stored(second);
    assert.ok([JSON.stringify(OLD), JSON.stringify(NEW)].includes(JSON.stringify(now)), `after ${delay} ms: ${JSON.stringify(now)}`);
    // The page shows what is stored.
    assert.equal(await second.locator('.site-header .brand').innerText(), now.name);
    outcomes.push(now.name === NEW.name ? 'new' : 'old');
    await context.close();
  }
  console.log(`# interrupted imports: ${outcomes.join(', ')}`);
});

test('a browser killed in the middle of an import reopens with one whole catalogue', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'catalogue-crash-'));
  const options = { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], serviceWorkers: 'block' };
  try {
    let context = await chromium.launchPersistentContext(profile, options);
    let page = await context.newPage();
    await page.goto(site.base + '/');
    await page.locator('.service-row:not(.header)').first().waitFor();
    await startImport(page, BIG);
    // Killed 300 ms into the write (the moment is what is tested).
    await page.waitForTimeout(300);
    // As a crash would: no unload, no chance to finish anything.
    assert.ok(killBrowser(profile) > 0, 'the browser was found and killed');
    await context.close().catch(() => {});
    context = await chromium.launchPersistentContext(profile, options);
    page = await context.newPage();
    await page.goto(site.base + '/');
    await page.locator('.service-row:not(.header)').first().waitFor();
    const now = await stored(page);
    assert.ok([JSON.stringify(OLD), JSON.stringify(NEW)].includes(JSON.stringify(now)), JSON.stringify(now));
    console.log(`# after the kill: ${now.name === NEW.name ? 'new' : 'old'} catalogue, ${now.services} services`);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('storage that runs out of space refuses an import with a clear message, changes nothing, and export still works', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
  // Fault injection at the IndexedDB API, switched on once the catalogue is loaded: every
  // write then fails as the browser fails one over quota. (Chromium's CDP quota override
  // has no effect on these profiles, so the browser's own limit cannot be lowered here.)
  const injectFault = () => {
    for (const method of ['add', 'put']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        if (self.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  };
  await context.addInitScript(injectFault);
  // The import worker writes imports: the same fault, always on, in the worker.
  await context.route('**/catalogue-import-worker_loader.js', async (route) => {
    const response = await route.fetch();
    const fault = `self.__storageFull = true; (${injectFault})();\n`;
    await route.fulfill({ response, body: fault + (await response.text()) });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.goto(site.base + '/data');
  // Once export is offered the published catalogue is stored (its list is shown before).
  await page.locator('#export-button:not([disabled])').waitFor();
  const before = await stored(page);
  await page.evaluate(() => { window.__storageFull = true; });
  await page.locator('#import-file').setInputFiles({ name: 'bigger.json', mimeType: 'application/json', buffer: BIG });
  await page.locator('#confirm-import').click();
  const alert = page.locator('.error-panel[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /storage is full: nothing was changed; export what you have/);
  assert.deepEqual(await stored(page), before);
  // Export works while storage is still full, and holds everything stored.
  const download = page.waitForEvent('download');
  await page.locator('#export-button').click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.catalogue.name, before.name);
  assert.equal(exported.services.length, before.services);
  // An edit under the same fault is refused the same way.
  await page.goto(site.base + '/edit/services/order-management');
  await page.evaluate(() => { window.__storageFull = true; });
  await page.getByLabel('Summary *').fill('Changed while the disk is full');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/storage is full: nothing was changed/).first().waitFor();
  await page.evaluate(() => { window.__storageFull = false; });
  await page.goto(site.base + '/services/order-management');
  await page.locator('main h1').waitFor();
  assert.equal(await page.getByText('Changed while the disk is full').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage with room for one copy of the records only: an import is written in place of the catalogue', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  // In the import worker, writes into the second set of record stores (`<kind>_b`),
  // where an import is written beside the catalogue, fail as over quota.
  await context.route('**/catalogue-import-worker_loader.js', async (route) => {
    const response = await route.fetch();
    const fault = `for (const method of ['add', 'put']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        if (this.name.endsWith('_b')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }\n`;
    await route.fulfill({ response, body: fault + (await response.text()) });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const before = await stored(page);
  await page.locator('#import-file').setInputFiles({ name: 'bigger.json', mimeType: 'application/json', buffer: BIG });
  await page.locator('#confirm-import').click();
  await page.locator('.success', { hasText: /^Imported: 4000 added/ }).waitFor();
  assert.deepEqual(await stored(page), { name: 'Bigger catalogue', services: before.services + 4000 });
  await page.goto(site.base + '/');
  await page.locator('.service-table[aria-rowcount="' + (before.services + 4001) + '"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page closed in the middle of a save leaves the record as it was or as saved, with its history to match', async () => {
  const outcomes = [];
  for (const delay of [0, 20, 100]) {
    const context = await site.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(site.base + '/edit/services/order-management');
    await page.getByLabel('Summary *').fill(`Saved before closing (${delay})`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForTimeout(delay);
    await page.close({ runBeforeUnload: false });
    const again = await context.newPage();
    await again.goto(site.base + '/');
    await again.locator('.service-row:not(.header)').first().waitFor();
    const record = await again.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('service-catalogue');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['services', 'history']);
        const service = tx.objectStore('services').get('order-management');
        const history = tx.objectStore('history').index('by_record').getAll('services/order-management');
        tx.oncomplete = () => resolve({ summary: service.result.summary, revision: service.result.revision, history: history.result.length });
      };
    }));
    const original = DEMO.services.find((s) => s.id === 'order-management');
    if (record.summary === original.summary) {
      assert.deepEqual(record, { summary: original.summary, revision: original.revision, history: 0 }, `after ${delay} ms`);
      outcomes.push('old');
    } else {
      // Saved: one revision more, and the version it replaced kept in history.
      assert.deepEqual(record, { summary: `Saved before closing (${delay})`, revision: original.revision + 1, history: 1 }, `after ${delay} ms`);
      outcomes.push('new');
    }
    await context.close();
  }
  console.log(`# interrupted saves: ${outcomes.join(', ')}`);
});

test('a page whose code cannot be fetched says so, the app goes on, and opening it again retries', async () => {
  // No service worker: it would serve the page's module from its cache.
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const insights = '**/app/*/split_pages_insights.wasm';
  await page.route(insights, (route) => route.abort('internetdisconnected'));
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();

  await page.getByRole('link', { name: 'Health' }).click();
  await page.locator('#page-not-fetched').waitFor();
  assert.match(await page.locator('#page-not-fetched').innerText(), /could not be fetched[\s\S]*open it again/);

  await page.getByRole('link', { name: 'Services' }).click();
  await page.locator('.service-row:not(.header)').first().waitFor();
  assert.equal(await page.locator('#page-not-fetched').count(), 0, 'the list works without the missing page');

  await page.unroute(insights);
  await page.getByRole('link', { name: 'Health' }).click();
  await page.locator('#health-title').waitFor();
  // The only errors are the refused fetch, as the browser and the loader report it.
  assert.ok(errors.length > 0 && errors.every((e) => /split_pages_insights|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), errors.join('\n'));
  await context.close();
});

test('when the code past the list cannot be fetched, the list is still shown and says why the rest is missing', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const rest = '**/app/*/split_state_after_list.wasm';
  await page.route(rest, (route) => route.abort('internetdisconnected'));
  // A first visit: the published catalogue's list is shown, and it cannot be stored.
  await page.goto(site.base + '/');
  await page.locator('.error-panel', { hasText: 'Part of the app could not be downloaded' }).waitFor();
  assert.equal(await page.locator('.service-row:not(.header)').first().isVisible(), true, 'the list stays on screen');
  await shot(page, 'rest-not-fetched');
  assert.equal((await stored(page)).services, 0, 'nothing was stored');
  // With the connection back, a reload stores it and everything works.
  await page.unroute(rest);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:search-ready').length > 0);
  assert.equal((await stored(page)).services, DEMO.services.length);
  assert.equal(await page.locator('.error-panel').count(), 0);
  assert.ok(errors.every((e) => /split_state_after_list|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), errors.join('\n'));
  await context.close();
});

test('an import confirmed while a first start still stores the published catalogue waits for it, and is what stays stored', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The code that stores the published catalogue arrives late: the first start is held
  // between showing the list and storing it.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/app/*/split_state_after_list.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.getByRole('link', { name: 'Import & export' }).click();
  const renamed = { ...DEMO, catalogue: { ...DEMO.catalogue, name: 'Renamed catalogue' } };
  await page.locator('#import-file').setInputFiles({ name: 'renamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await page.locator('#import-waits').waitFor();
  assert.equal(await page.locator('#confirm-import').isDisabled(), true, 'replacing waits while the published catalogue is stored');
  assert.equal(await page.locator('#merge-import').isDisabled(), true, 'so does merging');
  await shot(page, 'import-waits');
  release();
  await page.locator('#confirm-import:not([disabled])').click();
  await page.locator('.success', { hasText: /^Imported/ }).waitFor();
  assert.deepEqual(await stored(page), { name: 'Renamed catalogue', services: DEMO.services.length });
  await page.reload();
  await page.locator('.site-header .brand', { hasText: 'Renamed catalogue' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a published catalogue that arrives damaged on a first visit is fetched again, and stored whole', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  // The first download has one byte changed on the way: a record's revision 1 becomes 0.
  let served = 0;
  await context.route('**/catalogue.json*', async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    served += 1;
    await route.fulfill({ response, body: served === 1 ? text.replace('"revision": 1,', '"revision": 0,') : text });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  assert.equal(served, 2);
  assert.deepEqual(await stored(page), { name: DEMO.catalogue.name, services: DEMO.services.length });
  assert.equal(await page.locator('.notice', { hasText: /could not be loaded/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
