//! Answering a query: which index terms each word stands for, which documents match,
//! and in which order they rank.
//!
//! A record matches when it has every word of the query that is not a filler word, or,
//! when few records do, any of them; records rank by how many of the query's words they
//! have, then by how closely (an exact word
//! before the completion of a word being typed, before a typo; each typo counts), then by
//! BM25. So a record with every word still comes first, and a question typed in the
//! reader's own words still finds the records that share its telling words.

use std::collections::HashSet;

use super::{text, SearchIndex};

/// BM25 parameters, Lucene's defaults.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// How much a looser match counts in BM25 against an exact one.
const PREFIX_WEIGHT: f32 = 0.7;
const TYPO_WEIGHT: f32 = 0.45;
/// The other number of a word ("emails" for "email") is the same word, nearly.
const OTHER_NUMBER_WEIGHT: f32 = 0.9;
/// A short prefix ("s") completes to thousands of terms in a large catalogue; only the
/// most frequent completions are searched, which keeps every keystroke cheap: this many
/// from three letters on, a quarter of it for two letters and a sixteenth for one (the
/// next letter narrows them anyway).
const MAX_PREFIX_EXPANSIONS: usize = 64;
/// Likewise for the terms a typo may stand for, closest and most frequent first.
const MAX_TYPO_EXPANSIONS: usize = 64;
/// A word that finds at least this many records as typed is not looked up with typos
/// (Typesense's `typo_tokens_threshold`). A few screens of results: "fil" completes to
/// "file" in a few records and may still be "fail" typed with a letter dropped.
const TYPOS_BELOW: usize = 50;
/// When at least this many records have every word of the query, only they are found;
/// with fewer, the records with some of the words follow them (Typesense's
/// `drop_tokens_threshold`). Either way the first screen of results is the same.
const FEW: usize = 20;

/// Words that carry no meaning of their own in a question ("how do I reset my
/// password"): a record is not expected to have them, so they never count against one.
/// They still add to the score of the records that have them. Lucene's English stop
/// words, with the pronouns and question words people type into a search box, and what
/// the apostrophe of a contraction leaves ("didn't" is the words "didn" and "t").
const FILLER_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "aren", "as", "at", "be", "been", "but", "by", "can", "could",
    "couldn", "d", "did", "didn", "do", "does", "doesn", "don", "for", "from", "get", "hadn", "has", "hasn", "have",
    "haven", "how", "i", "if", "in", "into", "is", "isn", "it", "its", "ll", "m", "me", "my", "need", "no", "not",
    "of", "on", "or", "our", "please", "re", "s", "should", "shouldn", "so", "some", "such", "t", "that", "the",
    "their", "then", "there", "these", "they", "this", "to", "us", "using", "ve", "want", "was", "wasn", "we", "were",
    "weren", "what", "when", "where", "which", "who", "why", "will", "with", "won", "would", "wouldn", "you", "your",
];

/// Typos forgiven in a word of this many letters: none up to three (too many short
/// words are one edit apart: in a question, "own" would match "now" and "down"), one
/// from four, two from nine ("arriving" two edits from "driving" found the wrong
/// records). The word being typed may be short of the letter it
/// dropped ("dta" for "data"): it is forgiven one typo from three letters.
fn typos_allowed(letters: usize, being_typed: bool) -> usize {
    match letters {
        0..=2 => 0,
        3 if !being_typed => 0,
        3..=8 => 1,
        _ => 2,
    }
}

/// What a match costs in the ranking: nothing for the word itself, one for a completion
/// of the word being typed, two per typo (and one more when the typo is in the beginning
/// of a longer term).
const COMPLETION_COST: u16 = 1;
const TYPO_COST: u16 = 2;

/// An index term a query word stands for.
#[derive(Clone, Copy, Debug)]
struct Expansion {
    term: u32,
    /// How much it counts in BM25.
    weight: f32,
    cost: u16,
}

/// What a search adds up for one document, kept together: a posting scored touches one
/// place in memory rather than one per array.
#[derive(Clone, Copy)]
struct Tally {
    total: f32,
    matched: u16,
    cost: u16,
    in_title: u16,
    /// The best match of the word being scored.
    best: f32,
    best_cost: u8,
    titled: bool,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally { total: 0.0, matched: 0, cost: 0, in_title: 0, best: 0.0, best_cost: u8::MAX, titled: false }
    }
}

/// One matching record: its document slot ([`SearchIndex::key`]) and how well it matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    /// How many of the query's words (filler words aside) it has.
    pub words: u16,
    /// What its matches cost: see [`COMPLETION_COST`] and [`TYPO_COST`].
    pub cost: u16,
    /// How many of the query's words (filler words aside) are in its title.
    pub in_title: u16,
    /// BM25.
    pub score: f32,
}

/// What a query found: the hits, in no particular order (see [`SearchIndex::rank`]),
/// and the index terms they matched, to highlight them with [`highlight`](super::highlight).
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub terms: HashSet<String>,
    /// How many words (filler words aside) the query has: a hit with as many has them all.
    pub words: u16,
}

impl SearchIndex {
    /// The index terms a query word stands for.
    fn expand(&self, word: &str, is_prefix: bool, typos: bool) -> Vec<Expansion> {
        let mut out = Vec::new();
        if let Some(&id) = self.vocabulary.get(word) {
            out.push(Expansion { term: id, weight: 1.0, cost: 0 });
        }
        // The other number of the word is the same word to the reader.
        for other in text::other_numbers(word) {
            if let Some(&id) = self.vocabulary.get(other.as_str()) {
                out.push(Expansion { term: id, weight: OTHER_NUMBER_WEIGHT, cost: 0 });
            }
        }
        let postings = |id: u32| self.terms[id as usize].postings.len();
        if is_prefix {
            let from = self.sorted.partition_point(|&id| &*self.terms[id as usize].text <= word);
            let mut completions: Vec<u32> = self.sorted[from..]
                .iter()
                .copied()
                .take_while(|&id| self.terms[id as usize].text.starts_with(word))
                .filter(|&id| postings(id) > 0)
                .collect();
            let most = MAX_PREFIX_EXPANSIONS >> (2 * 3usize.saturating_sub(word.chars().count()));
            if completions.len() > most {
                completions.sort_by_key(|&id| std::cmp::Reverse(postings(id)));
                completions.truncate(most);
            }
            out.extend(completions.into_iter().map(|id| Expansion {
                term: id,
                weight: PREFIX_WEIGHT,
                cost: COMPLETION_COST,
            }));
        }
        let chars: Vec<char> = word.chars().collect();
        let max_typos = if typos { typos_allowed(chars.len(), is_prefix) } else { 0 };
        // Typos are looked for only when the word as typed finds few records: a typo
        // match ranks below them anyway, and looking costs a pass over the vocabulary and
        // the postings of every term found (on a large catalogue, most of a keystroke).
        let found: usize = out.iter().map(|e| postings(e.term)).sum();
        if max_typos == 0 || found >= if is_prefix { TYPOS_BELOW } else { 1 } {
            return out;
        }
        let mut rows = text::DistanceRows::default();
        // (edits, whether the whole term is that close, term)
        let mut near: Vec<(usize, bool, u32)> = Vec::new();
        for (id, t) in self.terms.iter().enumerate() {
            if t.postings.is_empty() {
                continue;
            }
            let (d, whole) = if is_prefix {
                // While typing, "paymnt" should still find "payments": a word being typed
                // is compared with the beginnings of terms.
                if t.chars.len() + max_typos < chars.len() || t.text.starts_with(word) {
                    continue;
                }
                let Some(d) = rows.within_prefix(&chars, &t.chars, max_typos) else { continue };
                // "dta" is as close to the beginning of "tan" as to "data", but only
                // "data" is one edit away as a whole.
                (d, rows.within(&chars, &t.chars, d).is_some())
            } else {
                if t.chars.len().abs_diff(chars.len()) > max_typos || &*t.text == word {
                    continue;
                }
                let Some(d) = rows.within(&chars, &t.chars, max_typos) else { continue };
                (d, true)
            };
            near.push((d, whole, id as u32));
        }
        if near.len() > MAX_TYPO_EXPANSIONS {
            near.sort_by_key(|&(d, whole, id)| (d, !whole, std::cmp::Reverse(postings(id))));
            near.truncate(MAX_TYPO_EXPANSIONS);
        }
        out.extend(near.into_iter().map(|(d, whole, id)| Expansion {
            term: id,
            weight: TYPO_WEIGHT / d as f32,
            cost: TYPO_COST * d as u16 + if whole { 0 } else { COMPLETION_COST },
        }));
        out
    }

    /// Runs a query. The last word counts as a prefix unless the query ends in a space.
    /// The hits come in no particular order: rank them with [`SearchIndex::rank_top`] or
    /// [`SearchIndex::rank`].
    pub fn search(&self, query: &str) -> Results {
        let mut words: Vec<String> = text::words(query).map(|(_, w)| w).collect();
        let last_is_prefix = !query.ends_with(char::is_whitespace);
        let last = words.last().cloned();
        words.sort();
        words.dedup();
        if words.is_empty() || self.is_empty() {
            return Results::default();
        }
        // A query of filler words alone ("how to") is taken at its word. The words that
        // count go first: a strict pass drops a document as soon as it misses one.
        // "needs" is as much a filler word as "need".
        let is_filler = |w: &str| FILLER_WORDS.binary_search(&w).is_ok();
        let filler = |w: &String| is_filler(w) || text::other_numbers(w).iter().any(|o| is_filler(o));
        let all_filler = words.iter().all(filler);
        words.sort_by_key(|w| !all_filler && filler(w));
        let counted = if all_filler { words.len() } else { words.iter().filter(|w| !filler(w)).count() };
        let expansions: Vec<Vec<Expansion>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| self.expand(w, last_is_prefix && Some(w) == last.as_ref(), i < counted))
            .collect();
        let mut terms = HashSet::new();
        for e in expansions.iter().flatten() {
            let entry = &self.terms[e.term as usize];
            if !entry.postings.is_empty() {
                terms.insert(entry.text.to_string());
            }
        }
        let mut hits = self.score(&expansions, counted, true);
        if hits.len() < FEW {
            hits = self.score(&expansions, counted, false);
        }
        Results { hits, terms, words: counted as u16 }
    }

    /// The documents the query's words (their `expansions`, the first `counted` of them
    /// counting) find, scored. A strict pass keeps only the documents with every word
    /// that counts: when that is enough, the others would rank below them anyway, and
    /// it is much cheaper (a document is passed over as soon as it misses a word).
    fn score(&self, expansions: &[Vec<Expansion>], counted: usize, strict: bool) -> Vec<Hit> {
        let n = self.slot.len() as f32;
        let avg_len = (self.total_len / f64::from(n)) as f32;
        let mut acc = vec![Tally::default(); self.docs.len()];
        let mut touched = Vec::new();
        for (w, word) in expansions.iter().enumerate() {
            let before = w.min(counted) as u16;
            for e in word {
                let entry = &self.terms[e.term as usize];
                let df = entry.postings.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for p in entry.postings.iter() {
                    let d = p.doc() as usize;
                    let t = &mut acc[d];
                    if strict && t.matched != before {
                        continue;
                    }
                    let len = self.lens[d];
                    let s = e.weight * idf * p.tf * (K1 + 1.0) / (p.tf + K1 * (1.0 - B + B * len / avg_len));
                    if t.best_cost == u8::MAX {
                        touched.push(d as u32);
                    }
                    t.best = t.best.max(s);
                    // Whether the word is in the title counts for its closest match only:
                    // a typo matching a title word does not lift a body's exact match.
                    let cost = e.cost as u8;
                    if cost < t.best_cost {
                        t.best_cost = cost;
                        t.titled = p.in_title();
                    } else if cost == t.best_cost {
                        t.titled |= p.in_title();
                    }
                }
            }
            for &d in &touched {
                let t = &mut acc[d as usize];
                t.total += t.best;
                if w < counted {
                    t.matched += 1;
                    t.cost += u16::from(t.best_cost);
                    t.in_title += u16::from(t.titled);
                }
                t.best = 0.0;
                t.best_cost = u8::MAX;
                t.titled = false;
            }
            touched.clear();
        }
        let least = if strict { counted as u16 } else { 1 };
        acc.iter()
            .enumerate()
            .filter(|(_, t)| t.matched >= least)
            .map(|(d, t)| Hit { doc: d as u32, words: t.matched, cost: t.cost, in_title: t.in_title, score: t.total })
            .collect()
    }

    /// Best first: more of the query's words, then closer matches, then more of them in
    /// the title, then a higher score;
    /// equal hits in the order of their keys, so a ranking never depends on the order
    /// records were indexed in.
    fn better(&self, a: &Hit, b: &Hit) -> std::cmp::Ordering {
        b.words
            .cmp(&a.words)
            .then(a.cost.cmp(&b.cost))
            .then(b.in_title.cmp(&a.in_title))
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| self.key(a.doc).cmp(self.key(b.doc)))
    }

    /// Puts the best `n` hits first, best first; the others follow in no order. A
    /// keystroke ranks only what the first screen shows, in linear time.
    pub fn rank_top(&self, hits: &mut [Hit], n: usize) {
        if n < hits.len() {
            if n == 0 {
                return;
            }
            hits.select_nth_unstable_by(n - 1, |a, b| self.better(a, b));
        }
        let n = n.min(hits.len());
        hits[..n].sort_unstable_by(|a, b| self.better(a, b));
    }

    /// Orders all hits, best first.
    pub fn rank(&self, hits: &mut [Hit]) {
        hits.sort_unstable_by(|a, b| self.better(a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::FILLER_WORDS;

    #[test]
    fn filler_words_are_sorted_for_binary_search() {
        assert!(FILLER_WORDS.is_sorted(), "FILLER_WORDS must stay sorted");
    }
}
