// Keeping local changes safe where browsers delete data: changes not exported are marked
// in the header and reminded of once days old, with the export one click away; a browser
// that cannot open storage says so and still shows the published catalogue, and one without
// service workers or persistent storage says what that means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { shot, useSite, watchErrors } from './browser.mjs';

const site = useSite();

const DAY = 24 * 60 * 60 * 1000;

test('changes not exported are marked, reminded of when days old, and an export clears both', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const myChanges = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /My changes/ });
  const reminder = page.locator('#unexported-reminder');

  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  assert.equal(await myChanges.getAttribute('aria-label'), null);
  assert.doesNotMatch(await myChanges.textContent(), /not exported/, 'nothing is changed yet');

  await page.goto(site.base + '/edit/services/order-management');
  await page.getByLabel('Summary *').fill('Orders from every channel, changed on a phone');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
  await myChanges.filter({ hasText: 'not exported' }).waitFor();
  assert.equal(await reminder.count(), 0, 'a change made today is no reason to remind');

  await myChanges.click();
  const status = page.locator('#export-status');
  await status.waitFor();
  assert.match(await status.innerText(), /^1 record changed here; changes since \d{4}-\d\d-\d\d \d\d:\d\d are not exported/);

  // Five days later (the time the change was made, moved back).
  await page.evaluate((at) => localStorage.setItem('unexported-since', at), new Date(Date.now() - 5 * DAY).toISOString());
  await page.reload();
  await reminder.waitFor();
  assert.match(await reminder.innerText(), /over the last 5 days are not exported.*Safari/s);
  await shot(page, 'unexported-reminder-390');

  const download = page.waitForEvent('download');
  await reminder.getByRole('button', { name: 'Export the catalogue' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'catalogue.json');
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
  assert.equal(
    exported.services.find((s) => s.id === 'order-management').summary,
    'Orders from every channel, changed on a phone',
  );
  await reminder.waitFor({ state: 'detached' });
  await myChanges.filter({ hasNotText: 'not exported' }).waitFor();
  assert.match(await status.innerText(), /^1 record changed here; all of it was in the last export\.$/);

  await page.reload();
  await status.waitFor();
  assert.equal(await reminder.count(), 0, 'the export is remembered');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a browser that cannot open storage says so and still shows the published catalogue', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  // As a private window of some browsers, or storage turned off: opening IndexedDB throws.
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
  });
  const page = await context.newPage();
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  const notice = page.locator('.notice', { hasText: 'cannot keep' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /Changes will be lost when this page is closed/);
  // The whole published catalogue is there, search included.
  await page.goto(site.base + '/services/order-management');
  await page.getByRole('heading', { name: 'Order Management', exact: true }).waitFor();
  await page.goto(site.base + '/search?q=paymnt');
  await page.locator('#results .result-title', { hasText: 'Payment' }).first().waitFor();
  await shot(page, 'storage-unavailable-390');
  await context.close();
});

test('a browser without service workers or persistent storage says so, and the catalogue still works', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  // As in some private windows, or where an administrator turned them off.
  await context.addInitScript(() => {
    delete Navigator.prototype.serviceWorker;
    delete StorageManager.prototype.persist;
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.goto(site.base + '/data');
  assert.match(await page.locator('#offline-support').innerText(), /^No offline copy: this browser offers no service worker/);
  const kept = page.locator('#storage-persisted');
  await kept.waitFor();
  assert.match(await kept.innerText(), /cannot be asked to keep it: export your changes/);
  assert.equal(await page.getByRole('button', { name: 'Ask to keep it' }).count(), 0, 'no button that cannot work');
  await page.goto(site.base + '/services/order-management');
  await page.getByRole('heading', { name: 'Order Management', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
