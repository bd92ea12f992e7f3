// Offline: after one visit the site opens, browses and searches with the network off; a
// new deployment is offered, not forced; storage persistence is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSiteCopy, shot, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

// A copy of the build, so the test can deploy a "new version" into it.
const site = useSiteCopy();

/// Waits until the service worker controls the page (it claims pages on activation).
async function controlled(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  }, null, { timeout: 20000 });
}

test('after one visit the catalogue opens, browses and searches with the network off', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await controlled(page);

  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length > 0, 'the app is installable: it has a manifest with an icon');

  await context.setOffline(true);
  await page.reload();
  await page.locator('.service-row:not(.header)').first().waitFor();
  const pg = DEMO.services.find((s) => s.id === 'postgresql-service');
  await page.locator('#search-box').fill('postgres');
  await page.locator('#results .result-title', { hasText: pg.name }).first().waitFor();

  // A deep link never visited before, opened offline in a new tab.
  const tab = await context.newPage();
  const tabErrors = watchErrors(tab);
  await tab.goto(site.base + '/articles/runbook-postgresql-failover');
  await tab.getByRole('heading', { name: 'Runbook: PostgreSQL failover' }).waitFor();
  await shot(tab, 'offline-runbook');
  assert.deepEqual([...errors, ...tabErrors], []);
  await context.close();
});

test('a new deployment is offered, and taken when the reader chooses', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.getByRole('heading', { name: 'Import and export' }).waitFor();
  await controlled(page);
  const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('catalogue-')));
  assert.equal(before.length, 1);

  // The storage card says how much is used and whether it is kept for good.
  await page.locator('#storage-usage', { hasText: /MB/ }).waitFor();
  assert.match(await page.locator('#storage-persisted').innerText(), /Persistent|Best effort/);

  // Deploy a new version: the service worker of the new build differs.
  const sw = readFileSync(join(site.dir, 'sw.js'), 'utf8');
  writeFileSync(join(site.dir, 'sw.js'), sw.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
  await page.reload();
  const offer = page.locator('.notice.update');
  await offer.waitFor({ timeout: 20000 });
  assert.match(await offer.innerText(), /new version/);
  await shot(page, 'offline-update-offered');
  await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload to update' }).click()]);
  await page.getByRole('heading', { name: 'Import and export' }).waitFor();
  const after = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('catalogue-')));
  assert.equal(after.length, 1, 'the old version\'s cache is gone');
  assert.match(after[0], /next$/, 'the new version serves the page');
  assert.equal(await page.locator('.notice.update').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
