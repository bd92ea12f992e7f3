// The relevance harness: how often search finds what a reader means, for the app's
// engine and for MiniSearch on the same records and the same text, in the same run.
//
//   node bench/relevance.mjs [--size demo|S|M|L] [--check]
//
// Two query sets, each judged with recall@10 (the record is among the first ten results)
// and mean reciprocal rank:
// - one-typo queries made from every record's name (a letter dropped, doubled, replaced by
//   its neighbour on the keyboard, or two letters swapped), typed as a reader types them:
//   the name up to the word with the typo, that word still being typed; the judged answer
//   is the record named;
// - on the demo catalogue, questions written as readers type them, each with the records
//   that answer it (bench/relevance/questions.json).
// The app's results come from `examples/relevance.rs` (the app's own search code, run
// natively); MiniSearch indexes the text that example says each record is searched by.
// --check fails unless, on the demo, one-typo recall@10 is at least 0.97 and at least
// MiniSearch's for each kind of typo, and the questions keep their recall and MRR.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const SIZE = args.includes('--size') ? args[args.indexOf('--size') + 1] : 'demo';
const CHECK = args.includes('--check');
const OUT_DIR = join(ROOT, 'target', 'bench');
mkdirSync(OUT_DIR, { recursive: true });
const SHOWN = 10;
// The written questions' recall that --check keeps from slipping back (MiniSearch: 96%);
// their MRR must be at least MiniSearch's.
const QUESTIONS_RECALL_FLOOR = 0.95;
// On a generated catalogue, as many names per kind of record as are made into queries:
// MiniSearch's fuzzy search takes about a second per query on L.
const SAMPLE = { demo: Infinity, S: 200, M: 100, L: 50 }[SIZE] ?? 100;

function catalogueFile() {
  if (SIZE === 'demo') return join(ROOT, 'public', 'catalogue.json');
  const file = join(OUT_DIR, `catalogue-${SIZE}.json`);
  if (!existsSync(file)) {
    const gen = join(ROOT, 'target', 'release', 'catalogue-gen');
    writeFileSync(file, execFileSync(gen, [SIZE, '1'], { maxBuffer: 1 << 30 }));
  }
  return file;
}

// A small seeded generator, so that a run makes the same queries as the last one.
function random(seed) {
  let s = 0;
  for (const c of seed) s = (Math.imul(s, 31) + c.charCodeAt(0)) | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbours(c) {
  const lower = c.toLowerCase();
  for (let r = 0; r < ROWS.length; r++) {
    const i = ROWS[r].indexOf(lower);
    if (i < 0) continue;
    return [ROWS[r][i - 1], ROWS[r][i + 1]].filter(Boolean);
  }
  return [];
}

// Each kind of typo applied to `word` at a place `pick` chooses, or null when it cannot be.
const TYPOS = {
  dropped: (w, pick) => {
    const i = pick(w.length);
    return w.slice(0, i) + w.slice(i + 1);
  },
  doubled: (w, pick) => {
    const i = pick(w.length);
    return w.slice(0, i + 1) + w[i] + w.slice(i + 1);
  },
  neighbour: (w, pick) => {
    const places = [...w].map((c, i) => [i, neighbours(c)]).filter(([, n]) => n.length);
    if (!places.length) return null;
    const [i, n] = places[pick(places.length)];
    return w.slice(0, i) + n[pick(n.length)] + w.slice(i + 1);
  },
  swapped: (w, pick) => {
    const places = [...w.slice(1)].map((c, i) => i).filter((i) => w[i] !== w[i + 1]);
    if (!places.length) return null;
    const i = places[pick(places.length)];
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  },
};

// One query per record and kind of typo: the record's name as typed up to one of its words
// of four letters or more, with a typo in that word, the word still being typed (shorter
// words are not forgiven by either engine). "Payment gateway" may become "Paymnt".
function typoQueries(cat) {
  const named = [
    ...cat.services.map((r) => [`service:${r.id}`, r.name]),
    ...cat.offerings.map((r) => [`offering:${r.id}`, r.name]),
    ...cat.agreements.map((r) => [`agreement:${r.id}`, r.name]),
    ...cat.articles.map((r) => [`article:${r.id}`, r.title]),
    ...cat.parties.map((r) => [`party:${r.id}`, r.name]),
  ];
  const byKind = {};
  for (const [key, name] of named) (byKind[key.split(':')[0]] ??= []).push([key, name]);
  const chosen = Object.values(byKind).flatMap((list) => {
    if (list.length <= SAMPLE) return list;
    const r = random(`sample:${list[0][0]}`);
    return list.map((x) => [r(), x]).sort((a, b) => a[0] - b[0]).slice(0, SAMPLE).map(([, x]) => x);
  });
  const queries = [];
  for (const [key, name] of chosen) {
    for (const [typo, make] of Object.entries(TYPOS)) {
      const r = random(`${typo}:${key}`);
      const pick = (n) => Math.floor(r() * n);
      const words = name.split(/(\s+)/);
      const long = words.map((w, i) => [w, i]).filter(([w]) => /^\p{L}{4,}$/u.test(w));
      if (!long.length) continue;
      const [word, at] = long[pick(long.length)];
      const wrong = make(word, pick);
      if (!wrong || wrong.toLowerCase() === word.toLowerCase()) continue;
      words[at] = wrong;
      queries.push({ set: `typo: ${typo}`, q: words.slice(0, at + 1).join(''), answers: [key] });
    }
  }
  return queries;
}

function questionQueries() {
  const file = join(ROOT, 'bench', 'relevance', 'questions.json');
  const { questions } = JSON.parse(readFileSync(file, 'utf8'));
  return questions.map(({ q, answers }) => ({ set: 'questions', q, answers }));
}

// An answer is `kind:id`, or an id of any kind.
const answers = (key, wanted) => wanted.some((a) => a === key || (!a.includes(':') && key.endsWith(`:${a}`)));

function judge(queries, results) {
  const sets = {};
  queries.forEach((query, i) => {
    const rank = results[i].slice(0, SHOWN).findIndex((key) => answers(key, query.answers));
    const s = (sets[query.set] ??= { queries: 0, found: 0, rr: 0, missed: [] });
    s.queries++;
    if (rank >= 0) {
      s.found++;
      s.rr += 1 / (rank + 1);
    } else {
      s.missed.push(`${query.q} (${query.answers.join(", ")})`);
    }
  });
  for (const s of Object.values(sets)) {
    s.recall = s.found / s.queries;
    s.mrr = s.rr / s.queries;
    delete s.rr;
  }
  return sets;
}

function miniSearch(docs, queries) {
  const ms = new MiniSearch({
    fields: ['title', 'keywords', 'summary', 'body'],
    searchOptions: { boost: { title: 3, keywords: 2, summary: 1.5 }, prefix: true, fuzzy: 0.2 },
  });
  ms.addAll(docs);
  return queries.map(({ q }) => ms.search(q).slice(0, SHOWN).map((r) => r.id));
}

const file = catalogueFile();
const cat = JSON.parse(readFileSync(file, 'utf8'));
const queries = [...typoQueries(cat), ...(SIZE === 'demo' ? questionQueries() : [])];
const queryFile = join(OUT_DIR, `relevance-queries-${SIZE}.json`);
writeFileSync(queryFile, JSON.stringify(queries.map((q) => q.q)));
const example = join(ROOT, 'target', 'release', 'examples', 'relevance');
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'catalogue-core', '--example', 'relevance'], { cwd: ROOT, stdio: 'inherit' });
const appFile = join(OUT_DIR, `relevance-app-${SIZE}.json`);
execFileSync(example, [file, queryFile, appFile], { stdio: 'inherit' });
const app = JSON.parse(readFileSync(appFile, 'utf8'));
const mini = miniSearch(app.docs, queries);
const report = { size: SIZE, records: app.docs.length, app: judge(queries, app.results), miniSearch: judge(queries, mini) };
writeFileSync(join(OUT_DIR, `relevance-${SIZE}.json`), JSON.stringify(report, null, 2));

const pct = (x) => `${(100 * x).toFixed(0)}%`;
console.log(`relevance on ${SIZE} (${report.records} records): recall@${SHOWN} and mean reciprocal rank`);
console.log(['set', 'queries', 'app recall', 'app MRR', 'MiniSearch recall', 'MiniSearch MRR'].join(' | '));
for (const [set, a] of Object.entries(report.app)) {
  const m = report.miniSearch[set];
  console.log([set, a.queries, pct(a.recall), a.mrr.toFixed(3), pct(m.recall), m.mrr.toFixed(3)].join(' | '));
}
if (args.includes('--missed')) {
  for (const [set, a] of Object.entries(report.app)) console.log(`app missed (${set}):`, a.missed.join(' · '));
}

if (CHECK) {
  const failed = [];
  if (SIZE !== 'demo') failed.push('--check judges the demo catalogue only');
  for (const [set, a] of Object.entries(report.app)) {
    const m = report.miniSearch[set];
    if (set.startsWith('typo') && (a.recall < 0.97 || a.recall < m.recall)) {
      failed.push(`${set}: recall ${pct(a.recall)}, needs ≥ 97% and ≥ MiniSearch's ${pct(m.recall)}`);
    }
    if (set === 'questions' && (a.recall < QUESTIONS_RECALL_FLOOR || a.mrr < m.mrr)) {
      failed.push(
        `questions: recall ${pct(a.recall)} and MRR ${a.mrr.toFixed(3)}, need ≥ ${pct(QUESTIONS_RECALL_FLOOR)} and ≥ MiniSearch's ${m.mrr.toFixed(3)}`,
      );
    }
  }
  if (!report.app.questions) failed.push('no questions were judged');
  if (failed.length) {
    console.error(`relevance check failed:\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  console.log('relevance check passed');
}
