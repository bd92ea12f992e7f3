// The app holds articles without their texts (body, steps, known error): an article's
// page reads them from storage, and whatever writes or exports records starts from the
// stored records, so no write or export ever loses a text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));
const RUNBOOK = DEMO.articles.find((a) => a.steps?.length && a.body);
const KNOWN_ERROR = DEMO.articles.find((a) => a.known_error);

const site = useSite();

async function exported(page) {
  await page.goto(site.base + '/data');
  const download = page.waitForEvent('download');
  await page.locator('#export-button').click();
  const file = await download;
  return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

test('articles show their texts, and handing over, editing and exporting keep them whole', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);

  await page.goto(site.base + `/articles/${RUNBOOK.id}`);
  await page.getByRole('heading', { name: RUNBOOK.title, exact: true }).waitFor();
  await page.locator('.steps').getByText(RUNBOOK.steps[0].title).waitFor();
  assert.equal(await page.locator('.steps .step').count(), RUNBOOK.steps.length);
  await page.goto(site.base + `/articles/${KNOWN_ERROR.id}`);
  await page.locator('.known-error').getByRole('heading', { name: 'Workaround' }).waitFor();

  // The runbook's owner hands every record over: the articles go with their texts.
  await page.goto(site.base + `/parties/${RUNBOOK.owner}`);
  await page.getByRole('link', { name: /Hand over this party/ }).click();
  const to = DEMO.parties.find((p) => p.id !== RUNBOOK.owner && p.kind === 'team').id;
  await page.getByLabel('New owner').selectOption(to);
  await page.getByRole('button', { name: /Hand over \d+ record/ }).click();
  await page.getByText(/record\(s\) handed over/).waitFor();

  // Its title edited in the form.
  await page.goto(site.base + `/edit/articles/${RUNBOOK.id}`);
  const title = page.locator('#f-title');
  await title.fill(`${RUNBOOK.title} (checked)`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
  await page.getByRole('heading', { name: `${RUNBOOK.title} (checked)`, exact: true }).waitFor();
  await page.locator('.steps').getByText(RUNBOOK.steps[0].title).waitFor();

  const file = await exported(page);
  const runbook = file.articles.find((a) => a.id === RUNBOOK.id);
  assert.equal(runbook.owner, to);
  assert.equal(runbook.title, `${RUNBOOK.title} (checked)`);
  assert.deepEqual([runbook.body, runbook.steps], [RUNBOOK.body, RUNBOOK.steps]);
  for (const a of DEMO.articles) {
    const out = file.articles.find((x) => x.id === a.id);
    assert.deepEqual([out.body, out.steps, out.known_error], [a.body, a.steps, a.known_error], a.id);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

// The catalogue in memory is never where a record written or exported comes from: a
// copy of it or a record's value taken from it would miss the articles' texts. The
// exceptions: a save applied to what is shown (its records are the written ones), what
// is shown when nothing is stored, descriptors' services and parties, and the list on
// screen (services and parties, held whole) completing the rest as it is read.
const ALLOWED = ['state/saves.rs', 'pages/data.rs', 'state/mod.rs'];

test('no record is written or exported from the catalogue held in memory', () => {
  const files = (dir) => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []));
  const problems = [];
  for (const file of files(join(ROOT, 'src'))) {
    const name = relative(join(ROOT, 'src'), file);
    const code = readFileSync(file, 'utf8');
    for (const [match] of code.matchAll(/\bcat\.(record_value|clone)\(/g)) {
      if (!ALLOWED.includes(name)) problems.push(`${name}: ${match}`);
    }
  }
  assert.deepEqual(problems, []);
});
