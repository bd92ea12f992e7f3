// Spreadsheets out and back in: the CSV exports edited in place (a renamed service, a new
// offering, a changed target) import back with exactly those changes, shown before they
// are saved; a row with a broken reference changes nothing and says where it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloaded, useSite, shot, watchErrors } from './browser.mjs';

const site = useSite();

async function exported(page, file) {
  return (await downloaded(page, () => page.getByRole('button', { name: file, exact: true }).click())).text;
}

function row(text, id, edit) {
  return text.split('\n').map((l) => (l.startsWith(`${id},`) ? edit(l) : l)).join('\n');
}

async function pick(page, files) {
  await page.locator('#import-file').setInputFiles(files.map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })));
}

test('spreadsheets edited in place import back with exactly their changes', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const services = row(await exported(page, 'services.csv'), 'dns-dhcp', (l) => l.replace('DNS & DHCP', 'Names and addresses'));
  const offeringsOut = await exported(page, 'offerings.csv');
  const bi = offeringsOut.split('\n').find((l) => l.startsWith('bi-dashboard,'));
  const offerings = `${offeringsOut.trimEnd()}\n${bi.replace('bi-dashboard,New BI dashboard', 'bi-express,Express BI dashboard')}\n`;
  const agreements = row(await exported(page, 'agreements.csv'), 'ola-database', (l) => l.replace('availability: 99.99 %', 'availability: 99.95 %'));

  await pick(page, [['services.csv', services], ['offerings.csv', offerings], ['agreements.csv', agreements]]);
  const preview = page.locator('.preview', { hasText: 'Saving it will' });
  await preview.waitFor();
  const counts = await preview.locator('tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('th').innerText, [...r.querySelectorAll('td')].slice(0, 3).map((c) => c.innerText).join(' ')])));
  assert.equal(counts.services, '0 1 0');
  assert.equal(counts.offerings, '1 0 0');
  assert.equal(counts.agreements, '0 1 0');
  assert.equal(counts.parties, '0 0 0');
  await shot(page, 'spreadsheets-preview-phone');
  await page.getByRole('button', { name: 'Save these changes' }).click();
  await page.getByText('Saved: 3 record(s) from the spreadsheets.').waitFor();

  await page.goto(site.base + '/services/dns-dhcp');
  await page.getByRole('heading', { name: 'Names and addresses', exact: true }).waitFor();
  await page.goto(site.base + '/offerings/bi-express');
  await page.getByRole('heading', { name: 'Express BI dashboard', exact: true }).waitFor();
  await page.goto(site.base + '/agreements/ola-database');
  await page.getByText('99.95 %').first().waitFor();
  await page.goto(site.base + '/changes');
  await page.locator('.change.created', { hasText: 'Express BI dashboard' }).waitFor();
  assert.equal(await page.locator('.changes .change').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a spreadsheet row with a broken reference changes nothing and names its row and column', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const out = await exported(page, 'offerings.csv');
  const line = out.split('\n').findIndex((l) => l.startsWith('bi-dashboard,')) + 1;
  const broken = row(out, 'bi-dashboard', (l) => l.replace('Business Intelligence & Reporting', 'Nowhere').replace('New BI dashboard', 'Renamed dashboard'));
  await pick(page, [['offerings.csv', broken]]);
  const panel = page.locator('.error-panel', { hasText: 'cannot be imported' });
  await panel.waitFor();
  assert.match(await panel.innerText(), new RegExp(`offerings\\.csv, row ${line}, column “service”`));
  assert.match(await panel.innerText(), /no service has the name or id “Nowhere”/);
  assert.equal(await page.getByRole('button', { name: 'Save these changes' }).count(), 0);
  await page.goto(site.base + '/offerings/bi-dashboard');
  await page.getByRole('heading', { name: 'New BI dashboard', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
