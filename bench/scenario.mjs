// What every benchmark scenario shares: the generated dataset, the queries typed, how
// keystrokes are timed (in the page, so every engine times them alike), percentiles.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../tests/e2e/browser.mjs';
import { listOf } from '../scripts/list-file.mjs';

export const OUT_DIR = join(ROOT, 'target', 'bench');
mkdirSync(OUT_DIR, { recursive: true });

// Cold starts with the dataset stored, of which the medians are reported.
export const COLD_STARTS = 3;

// Queries typed character by character, as a person would during an incident.
export const QUERIES = ['postgres failover', 'kubernetes', 'invoice run', 'vpn access', 'shipment tracking', 'certificate renew', 'warehouse scanner', 'kafka broker'];

/// The generated catalogue of a size (made once by target/release/catalogue-gen).
export function dataset(size) {
  const file = join(OUT_DIR, `catalogue-${size}.json`);
  if (!existsSync(file)) {
    const gen = join(ROOT, 'target', 'release', 'catalogue-gen');
    const out = createWriteStream(file);
    const bytes = execFileSync(gen, [size, '1'], { maxBuffer: 1 << 30 });
    out.end(bytes);
    return new Promise((resolve) => out.on('finish', () => resolve(file)));
  }
  return Promise.resolve(file);
}

/// The list file of a dataset, as scripts/post-build.mjs writes the site's: what the
/// list shows (metadata, parties, services), beside the whole file.
export function listFile(file) {
  const out = file.replace(/\.json$/, '.list.json');
  if (!existsSync(out)) {
    writeFileSync(out, JSON.stringify(listOf(JSON.parse(readFileSync(file, 'utf8')))));
  }
  return out;
}

export const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/// Run in the page: types each query into the search box and measures, per keystroke,
/// the time until the results on the page have changed.
export async function typeQueries(queries) {
  const box = document.getElementById('search-box');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const times = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      const t0 = performance.now();
      setValue.call(box, typed);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const done = () => { obs.disconnect(); resolve(); };
        const check = () => { if (document.querySelector('.results')?.dataset.query === typed) done(); };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        check();
        setTimeout(done, 5000);
      });
      times.push(performance.now() - t0);
    }
  }
  return times;
}
