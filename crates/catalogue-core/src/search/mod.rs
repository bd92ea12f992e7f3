//! Full-text search over every record: an in-memory inverted index, built once from a
//! catalogue and updated record by record as records change.
//!
//! Ranking is BM25 over a weighted bag of words (a title word counts three times a body
//! word, see [`Field::weight`]). Each query word matches the same index term exactly,
//! the terms it is a prefix of (while it is still being typed), and terms one or two
//! edits away (typos). A document must match every query word.
//!
//! Why not a crate: `probly-search` (the closest fit) has BM25 and prefix expansion but
//! no typo tolerance and no way to report which terms matched (needed to highlight
//! them); `tantivy` does not build for the browser; `fst` cannot be updated in place.

mod documents;
pub mod text;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use documents::{document_count, documents, DocKey, Field, SearchDoc, Searchable};
pub use text::{highlight, Segment};

use crate::catalogue::Catalogue;

/// BM25 parameters, Lucene's defaults.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// How much a looser match counts against an exact one.
const PREFIX_WEIGHT: f32 = 0.7;
const TYPO_WEIGHT: f32 = 0.45;
/// A short prefix ("s") completes to thousands of terms in a large catalogue; only the
/// most frequent completions are searched, which keeps every keystroke cheap.
const MAX_PREFIX_EXPANSIONS: usize = 64;

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    /// Weighted term frequency.
    tf: f32,
}

#[derive(Clone, Debug)]
struct DocEntry {
    key: DocKey,
    /// Weighted length in words.
    len: f32,
    /// The terms it was indexed under, to remove it again.
    terms: Vec<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Document slots; a removed document leaves a hole that the next insert reuses.
    docs: Vec<Option<DocEntry>>,
    free: Vec<u32>,
    slot: HashMap<DocKey, u32>,
    vocabulary: BTreeMap<String, u32>,
    terms: Vec<TermEntry>,
    total_len: f64,
}

#[derive(Clone, Debug)]
struct TermEntry {
    text: String,
    chars: Vec<char>,
    postings: Vec<Posting>,
}

/// One matching record.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub key: DocKey,
    pub score: f32,
}

/// What a query found: hits, best first, and the index terms they matched, to
/// highlight them with [`highlight`].
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub terms: HashSet<String>,
}

impl SearchIndex {
    pub fn build(cat: &Catalogue) -> SearchIndex {
        let mut index = SearchIndex::default();
        for doc in documents(cat) {
            index.insert(doc);
        }
        index
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.slot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot.is_empty()
    }

    /// Adds a document, replacing the one with the same key.
    pub fn upsert(&mut self, doc: SearchDoc) {
        self.remove(&doc.key);
        self.insert(doc);
    }

    fn insert(&mut self, doc: SearchDoc) {
        let mut tf: HashMap<String, f32> = HashMap::new();
        let mut len = 0.0;
        for (field, text) in &doc.fields {
            for (_, term) in text::words(text) {
                *tf.entry(term).or_default() += field.weight();
                len += field.weight();
            }
        }
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        let mut terms = Vec::with_capacity(tf.len());
        for (term, tf) in tf {
            let id = self.term_id(term);
            self.terms[id as usize].postings.push(Posting { doc: slot, tf });
            terms.push(id);
        }
        self.total_len += f64::from(len);
        self.slot.insert(doc.key.clone(), slot);
        self.docs[slot as usize] = Some(DocEntry { key: doc.key, len, terms });
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.vocabulary.get(&term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(TermEntry { chars: term.chars().collect(), text: term.clone(), postings: Vec::new() });
        self.vocabulary.insert(term, id);
        id
    }

    /// Removes a document; does nothing if it is not indexed.
    pub fn remove(&mut self, key: &DocKey) {
        let Some(slot) = self.slot.remove(key) else { return };
        let entry = self.docs[slot as usize].take().expect("slot map and docs agree");
        for t in entry.terms {
            self.terms[t as usize].postings.retain(|p| p.doc != slot);
        }
        self.total_len -= f64::from(entry.len);
        self.free.push(slot);
    }

    /// The index terms a query word stands for, with how much each counts.
    fn expand(&self, word: &str, is_prefix: bool) -> Vec<(u32, f32)> {
        let mut out = Vec::new();
        if let Some(&id) = self.vocabulary.get(word) {
            out.push((id, 1.0));
        }
        if is_prefix {
            let mut completions: Vec<u32> = self
                .vocabulary
                .range::<str, _>((std::ops::Bound::Excluded(word), std::ops::Bound::Unbounded))
                .take_while(|(t, _)| t.starts_with(word))
                .map(|(_, &id)| id)
                .filter(|&id| !self.terms[id as usize].postings.is_empty())
                .collect();
            if completions.len() > MAX_PREFIX_EXPANSIONS {
                completions.sort_by_key(|&id| std::cmp::Reverse(self.terms[id as usize].postings.len()));
                completions.truncate(MAX_PREFIX_EXPANSIONS);
            }
            out.extend(completions.into_iter().map(|id| (id, PREFIX_WEIGHT)));
        }
        let chars: Vec<char> = word.chars().collect();
        let max_typos = match chars.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if max_typos > 0 {
            for (id, t) in self.terms.iter().enumerate() {
                if t.postings.is_empty() || t.text == word || (is_prefix && t.text.starts_with(word)) {
                    continue;
                }
                // While typing, "kubernets" should still find "kubernetes": compare with
                // the term cut to the word's length too.
                let cut = if is_prefix && t.chars.len() > chars.len() { &t.chars[..chars.len()] } else { &t.chars[..] };
                if let Some(d) = text::within_distance(&chars, cut, max_typos) {
                    out.push((id as u32, TYPO_WEIGHT / d as f32));
                }
            }
        }
        out
    }

    /// Runs a query. The last word counts as a prefix unless the query ends in a space.
    pub fn search(&self, query: &str) -> Results {
        let mut words: Vec<String> = text::words(query).map(|(_, w)| w).collect();
        let last_is_prefix = !query.ends_with(char::is_whitespace);
        let last = words.last().cloned();
        words.sort();
        words.dedup();
        if words.is_empty() || self.is_empty() {
            return Results::default();
        }
        let n = self.slot.len() as f32;
        let avg_len = (self.total_len / f64::from(n)) as f32;
        let mut total = vec![0f32; self.docs.len()];
        let mut matched = vec![0u16; self.docs.len()];
        let mut best = vec![0f32; self.docs.len()];
        let mut touched = Vec::new();
        let mut terms = HashSet::new();
        for word in &words {
            let is_prefix = last_is_prefix && Some(word) == last.as_ref();
            for (term, weight) in self.expand(word, is_prefix) {
                let entry = &self.terms[term as usize];
                let df = entry.postings.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for p in &entry.postings {
                    let len = self.docs[p.doc as usize].as_ref().map_or(avg_len, |d| d.len);
                    let s = weight * idf * p.tf * (K1 + 1.0) / (p.tf + K1 * (1.0 - B + B * len / avg_len));
                    let b = &mut best[p.doc as usize];
                    if *b == 0.0 {
                        touched.push(p.doc);
                    }
                    *b = b.max(s);
                }
                if !entry.postings.is_empty() {
                    terms.insert(entry.text.clone());
                }
            }
            for &d in &touched {
                total[d as usize] += best[d as usize];
                matched[d as usize] += 1;
                best[d as usize] = 0.0;
            }
            touched.clear();
        }
        let need = words.len() as u16;
        let mut hits: Vec<Hit> = matched
            .iter()
            .enumerate()
            .filter(|(_, &m)| m == need)
            .filter_map(|(d, _)| Some(Hit { key: self.docs[d].as_ref()?.key.clone(), score: total[d] }))
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
        Results { hits, terms }
    }
}
