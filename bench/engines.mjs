// The benchmark's reader scenario in every engine the machine has: Chromium, Firefox and
// WebKit (WebKitGTK's MiniBrowser, which needs a display: run under xvfb-run), through
// the engine drivers of the journeys. The site publishes the generated catalogue as its
// catalogue.json (served compressed, as GitHub Pages does), so each engine stores it on
// its first visit; then stored cold starts and typing, timed by the page's own marks,
// so every engine measures the same things. Figures are printed beside Chromium's of
// the same run, and written to target/bench/engines-<SIZE>.json.
//
//   [xvfb-run -a] node bench/engines.mjs [--size S|M|L] [--engines chromium,firefox,webkit] [--check]
//
// --check fails unless every engine produced every figure (the test command runs it on S
// so the harness cannot rot); it never judges how fast anything was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../tests/e2e/server.mjs';
import { launch, until } from '../tests/engines/driver.mjs';
import { ROOT } from '../tests/e2e/browser.mjs';
import { COLD_STARTS, QUERIES, dataset, listFile, pct, typeQueries } from './scenario.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZE = option('--size', 'M');
const CHECK = args.includes('--check');
const ENGINES = option('--engines', process.env.DISPLAY ? 'chromium,firefox,webkit' : 'chromium,firefox').split(',');
// A first visit of a large catalogue stores and indexes it before it is kept; on S, a
// step that has not ended in two minutes never will.
const LONG = { S: 120_000, M: 600_000 }[SIZE] ?? 1_800_000;

async function marks(page, names) {
  const out = {};
  for (const name of names) {
    out[name] = await until(page, (n) => performance.getEntriesByName(n)[0]?.startTime ?? null, [name], LONG, name);
  }
  return out;
}

// What the page says about its catalogue, for a step that timed out.
const shown = () => ({
  status: [...document.querySelectorAll('.loading, [role=alert], [role=status]')].map((e) => e.textContent),
  marks: performance.getEntriesByType('mark').map((m) => m.name),
  fetched: performance.getEntriesByType('resource').map((r) => r.name.split('/').pop()),
});

async function scenario(engine, url) {
  const browser = await launch(engine);
  let page = await browser.page();
  let step = 'first visit';
  try {
    await page.goto(url + '/');
    const firstVisit = await marks(page, ['catalogue:list-ready', 'catalogue:search-ready', 'catalogue:derived-stored']);
    const starts = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      step = `stored cold start ${i + 1}`;
      await page.goto(url + '/');
      starts.push(await marks(page, ['catalogue:list-ready', 'catalogue:search-ready', 'catalogue:all-read']));
    }
    const stored = Object.fromEntries(Object.keys(starts[0]).map((m) => [m, pct(starts.map((s) => s[m]), 50)]));
    step = 'search page';
    await page.goto(url + '/search');
    await marks(page, ['catalogue:search-ready', 'catalogue:all-read']);
    const keys = await page.evaluate(typeQueries, QUERIES);
    await page.close();
    return { firstVisit, stored, starts, keystrokes: keys.length, keystrokeP50Ms: pct(keys, 50), keystrokeP95Ms: pct(keys, 95) };
  } catch (e) {
    const seen = await page.evaluate(shown).catch(() => null);
    throw new Error(`${step}: ${e.message.split('\n')[0]}; the page showed ${JSON.stringify(seen)}`);
  } finally {
    await browser.close();
  }
}

const file = await dataset(SIZE);
const published = { '/catalogue.json': file, '/catalogue.list.json': listFile(file) };
const { server, url } = await serve(join(ROOT, 'dist'), 0, '', published, { compress: true });
const results = { size: SIZE, date: new Date().toISOString(), engines: {} };
for (const engine of ENGINES) {
  console.log(`${engine}…`);
  try {
    results.engines[engine] = await scenario(engine, url);
  } catch (e) {
    results.engines[engine] = { failed: e.message.split('\n')[0] };
  }
  console.log(JSON.stringify(results.engines[engine]));
}
server.close();
writeFileSync(join(ROOT, 'target', 'bench', `engines-${SIZE}.json`), JSON.stringify(results, null, 2) + '\n');

const base = results.engines.chromium;
const ms = (x) => (x == null ? '—' : `${x.toFixed(0)} ms`);
const figures = [
  ['first visit: list', (r) => r.firstVisit['catalogue:list-ready']],
  ['first visit: search ready', (r) => r.firstVisit['catalogue:search-ready']],
  ['stored cold start: list', (r) => r.stored['catalogue:list-ready']],
  ['stored cold start: search ready', (r) => r.stored['catalogue:search-ready']],
  ['stored cold start: every record read', (r) => r.stored['catalogue:all-read']],
  ['search per keystroke p50', (r) => r.keystrokeP50Ms],
  ['search per keystroke p95', (r) => r.keystrokeP95Ms],
];
console.log(`\nEngines, ${SIZE} published as the site's catalogue (within 2× of Chromium: budget on list, search ready, keystroke p95)\n`);
for (const [name, get] of figures) {
  const cells = ENGINES.map((e) => {
    const r = results.engines[e];
    if (r.failed) return `${e}: failed (${r.failed})`;
    const v = get(r);
    const ratio = base && !base.failed && e !== 'chromium' ? ` (${(v / get(base)).toFixed(2)}×)` : '';
    return `${e} ${ms(v)}${ratio}`;
  });
  console.log(`${name.padEnd(38)} ${cells.join('   ')}`);
}

if (CHECK) {
  const missing = ENGINES.flatMap((e) => {
    const r = results.engines[e];
    if (r.failed) return [`${e} (${r.failed})`];
    const figures = [...Object.values(r.firstVisit), ...Object.values(r.stored), r.keystrokeP50Ms, r.keystrokeP95Ms];
    return figures.every((v) => Number.isFinite(v)) && r.keystrokes === QUERIES.join('').length ? [] : [`${e}: a figure`];
  });
  if (missing.length) {
    console.error(`engines check failed: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log('engines check: every figure produced in every engine');
}
