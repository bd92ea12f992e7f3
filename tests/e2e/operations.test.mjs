// Operations evidence: the demo's records fill the report, whose figures are the ones
// `catalogue ops` gives on the same files; a ServiceNow-like CSV export imports through
// the mapping the reader confirms; a CSV with a bad date changes nothing and says where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, shot, watchErrors, stored, downloaded } from './browser.mjs';
import { catalogue } from '../formats/run.mjs';

const site = useSite();
const ROOT_FILES = join(import.meta.dirname, '..', '..', 'public');

function minutes(m) {
  if (m == null) return 'none to count';
  const r = Math.round(m);
  return r < 60 ? `${r} min` : `${Math.floor(r / 60)} h ${r % 60} min`;
}
const percent = (n, d) => (d > 0 ? `${Math.round((n / d) * 100)} %` : 'none to count');

async function open(viewport, path) {
  const page = await site.browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(`${site.base}${path}`);
  return { page, errors };
}

test('the demo report answers with the figures of the command on the same files', async () => {
  const run = catalogue('ops', join(ROOT_FILES, 'operations.json'), '--catalogue', join(ROOT_FILES, 'catalogue.json'),
    '--until', '2026-11-30', '--json');
  assert.equal(run.code, 0, run.stderr);
  const { figures: f, attainment } = JSON.parse(run.stdout);
  const { page, errors } = await open({ width: 1280, height: 900 }, '/operations?until=2026-11-30');
  await page.locator('#operations-period').waitFor();
  assert.match(await page.locator('#operations-period').innerText(),
    new RegExp(`2026-09-02 to 2026-11-30 \\(90 days\\), the whole catalogue: ${f.incidents} incidents, ${f.changes} changes`));
  const answer = (id) => page.locator(`#${id} .answer`).innerText();
  assert.ok((await answer('q-first-time-fix')).startsWith(
    `${percent(f.first_time_fixed, f.resolved)} of resolved incidents were fixed without being passed on (${f.first_time_fixed} of ${f.resolved})`));
  const ack = await answer('q-acknowledge');
  for (const m of [f.mtta_minutes, f.mtta_service_minutes, f.mttr_minutes, f.mttr_service_minutes]) {
    assert.ok(ack.includes(minutes(m)), `${minutes(m)} in “${ack}”`);
  }
  assert.ok((await answer('q-changes')).includes(`(${f.changes_followed} of ${f.changes})`));
  assert.ok((await answer('q-hours')).startsWith(`${f.inside_hours} incidents opened inside support hours, ${f.outside_hours} outside; ${f.on_partner_services} on services`));
  // Every SLA target with incidents, with the command's share, the least kept first.
  const rows = await page.locator('#attainment tbody tr').allInnerTexts();
  const counted = attainment.filter((a) => a.total > 0);
  const shares = (list) => list.map((x) => x.match(/(\d+) of (\d+)/).slice(1).join('/')).sort();
  assert.deepEqual(shares(rows), shares(counted.map((a) => `${a.met} of ${a.total}`)));
  const rates = rows.map((x) => Number(x.match(/(\d+) %/)[1]));
  assert.deepEqual(rates, [...rates].sort((a, b) => a - b), 'the least kept first');
  // The trend has a bar per month of the period: September to November.
  assert.match(await page.locator('#q-first-time-fix svg.trend').getAttribute('aria-label'), /^First-time fix by month: Sep 2026: .*; Oct 2026: .*; Nov 2026: /);
  // Drilling down: the incidents passed on are listed.
  await page.locator('#q-first-time-fix summary').click();
  assert.equal(await page.locator('#q-first-time-fix tbody tr').count(), Math.min(100, f.resolved - f.first_time_fixed));
  await shot(page, 'operations-1280');
  // One service: its own figures.
  await page.locator('#operations-scope').selectOption('service:remote-access-vpn');
  await page.waitForURL(/service=remote-access-vpn/);
  await page.locator('#operations-period', { hasText: 'Remote Access' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

const SERVICENOW = `number,short_description,business_service,priority,opened_at,work_start,resolved_at,reassignment_count,assignment_group,caused_by
INC0010001,VPN drops,Remote Access VPN,1 - Critical,2026-11-20 17:55:00,2026-11-23 09:10:00,2026-11-23 11:00:00,0,Service Desk,
INC0010002,Slow pages,api-gateway,3 - Moderate,2026-11-24 10:00:00,2026-11-24 10:20:00,2026-11-24 12:00:00,2,Platform team,
INC0010003,Printer jam,Printing,4 - Low,2026-11-25 10:00:00,,,0,,
`;

test('a ServiceNow-like incident export imports on a phone through its mapping; a bad date changes nothing', async () => {
  const { page, errors } = await open({ width: 390, height: 844 }, '/operations?until=2026-11-30');
  await page.locator('#operations-period').waitFor();
  await page.locator('#operations-kept', { hasText: '360 incidents and 90 changes' }).waitFor();
  const before = await stored(page, ['incidents', 'changes']);

  const bad = SERVICENOW.replace('2026-11-24 10:00:00', '24/11/2026 10:00');
  await page.locator('#operations-file').setInputFiles({ name: 'incident.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.locator('#mapping-zone').fill('Europe/Berlin');
  await page.locator('#mapping-zone').dispatchEvent('change');
  await page.locator('#mapping-read').click();
  const problems = await page.locator('.problems').innerText();
  assert.ok(problems.includes('incident.csv, row 3, column “opened_at”'), problems);
  assert.ok(problems.includes('“24/11/2026 10:00” is no date and time'), problems);
  assert.deepEqual(await stored(page, ['incidents', 'changes']), before, 'nothing stored changed');
  // Told that dates are written day first, the same file reads (and is not stored yet).
  await page.locator('#operations-file').setInputFiles({ name: 'incident.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.locator('#mapping-dates').selectOption({ index: 2 });
  await page.locator('#mapping-read').click();
  assert.match(await page.locator('#operations-preview').innerText(), /2 incidents and 0 changes to store/);
  await page.locator('#operations-preview button', { hasText: 'Cancel' }).click();
  assert.deepEqual(await stored(page, ['incidents', 'changes']), before, 'nothing stored changed');

  await page.locator('#operations-file').setInputFiles({ name: 'incident.csv', mimeType: 'text/csv', buffer: Buffer.from(SERVICENOW) });
  assert.equal(await page.locator('#mapping-preset').inputValue(), 'ServiceNow incidents (incident list export)');
  assert.equal(await page.locator('#mapping-service').inputValue(), 'business_service');
  assert.equal(await page.locator('#mapping-acknowledged').inputValue(), 'work_start');
  await page.locator('#mapping-zone').fill('Europe/Berlin');
  await page.locator('#mapping-zone').dispatchEvent('change');
  await shot(page, 'operations-mapping-390');
  await page.locator('#mapping-read').click();
  await page.locator('#operations-preview').waitFor();
  assert.match(await page.locator('#operations-preview').innerText(), /2 incidents and 0 changes to store/);
  assert.match(await page.locator('#operations-unmatched').innerText(), /row 4 \(“Printing”\)/);
  await page.locator('#operations-save').click();
  await page.locator('#operations-kept', { hasText: '2 incidents and 0 changes' }).waitFor();
  // Kept under its day (UTC), and exported as read.
  const day = await page.evaluate(() => new Promise((resolve) => {
    indexedDB.open('service-catalogue').onsuccess = (e) => {
      const req = e.target.result.transaction('incidents').objectStore('incidents').getAllKeys();
      req.onsuccess = () => resolve(req.result);
    };
  }));
  assert.deepEqual(day, ['2026-11-20', '2026-11-24']);
  const exported = await downloaded(page, () => page.locator('#operations-export').click());
  const kept = JSON.parse(exported.text).incidents.find((x) => x.id === 'INC0010001');
  assert.equal(kept.service, 'remote-access-vpn', 'matched by name');
  assert.equal(kept.opened, '2026-11-20T16:55:00Z', 'read on the Berlin clock');
  assert.equal(kept.priority, 'P1');
  await page.locator('#operations-period', { hasText: '2 incidents' }).waitFor();
  assert.match(await page.locator('#q-first-time-fix .answer').innerText(), /^50 % .*\(1 of 2\)/);
  await shot(page, 'operations-390');
  // Cleared, the demo's records are not brought back.
  await page.locator('#operations-clear').click();
  await page.locator('#operations-clear-confirm').click();
  await page.locator('#operations-empty').waitFor();
  await page.reload();
  await page.locator('#operations-empty').waitFor();
  assert.equal((await stored(page, ['incidents'])).incidents, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo records the site serves are the ones in public/', () => {
  const served = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'operations.json'), 'utf8');
  assert.equal(served, readFileSync(join(ROOT_FILES, 'operations.json'), 'utf8'));
});
