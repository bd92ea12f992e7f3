//! Full-text search over every record: an in-memory inverted index, built once from a
//! catalogue and updated record by record as records change.
//!
//! Ranking is BM25 over a weighted bag of words (a title word counts three times a body
//! word, see [`Field::weight`]). Each query word matches the same index term exactly,
//! the terms it is a prefix of (while it is still being typed), and terms one or two
//! edits away (typos). A document must match every query word.
//!
//! Built for a catalogue of 100,000 records typed into key by key: documents are slot
//! numbers, so a search touches flat arrays (no key is cloned or hashed per hit), and a
//! search does not sort its hits; the caller ranks only as many as it shows
//! ([`SearchIndex::rank_top`]).
//!
//! Why not a crate: `probly-search` (the closest fit) has BM25 and prefix expansion but
//! no typo tolerance and no way to report which terms matched (needed to highlight
//! them); `tantivy` does not build for the browser; `fst` cannot be updated in place.

mod documents;
mod finder;
pub mod text;

use std::collections::HashSet;

pub use documents::{document, document_count, documents, DocKey, Field, SearchDoc, Searchable};
pub use finder::{Brief, Finder, Found, FORMAT};
pub use text::{highlight, Segment};

use crate::catalogue::Catalogue;

/// BM25 parameters, Lucene's defaults.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// How much a looser match counts against an exact one.
const PREFIX_WEIGHT: f32 = 0.7;
const TYPO_WEIGHT: f32 = 0.45;
/// A short prefix ("s") completes to thousands of terms in a large catalogue; only the
/// most frequent completions are searched, which keeps every keystroke cheap: this many
/// from three letters on, a quarter of it for two letters and a sixteenth for one (the
/// next letter narrows them anyway).
const MAX_PREFIX_EXPANSIONS: usize = 64;

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    /// Weighted term frequency.
    tf: f32,
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Document slots: the record each stands for. A removed document leaves a hole that
    /// the next insert reuses.
    docs: Vec<Option<DocKey>>,
    /// Weighted length in words, by slot: read for every posting scored, so kept apart
    /// from the rest of a document in one flat array.
    lens: Vec<f32>,
    free: Vec<u32>,
    slot: foldhash::HashMap<DocKey, u32>,
    /// Term text → term id, for exact matches.
    vocabulary: foldhash::HashMap<Box<str>, u32>,
    /// Term ids in the order of their text, for prefix matches.
    sorted: Vec<u32>,
    /// Terms added since `sorted` was last brought up to date.
    unsorted: Vec<u32>,
    terms: Vec<TermEntry>,
    total_len: f64,
}

#[derive(Clone, Debug)]
struct TermEntry {
    text: Box<str>,
    chars: Box<[char]>,
    postings: Vec<Posting>,
}

/// The index as stored between visits: only what cannot be derived again quickly (the
/// hash maps and each term's characters are rebuilt on reading).
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored<'a> {
    keys: Vec<Option<std::borrow::Cow<'a, DocKey>>>,
    lens: Vec<f32>,
    terms: Vec<(std::borrow::Cow<'a, str>, StoredPostings<'a>)>,
    sorted: Vec<u32>,
    total_len: f64,
}

/// A term's postings as stored: in document order, as pairs of numbers, the gap from
/// the previous document and the weighted frequency in halves (every [`Field::weight`]
/// is a multiple of a half). Small numbers take one byte each, so a posting takes about
/// two bytes instead of eight, and reading decodes them straight into postings.
struct StoredPostings<'a>(std::borrow::Cow<'a, [Posting]>);

impl serde::Serialize for StoredPostings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut postings = std::borrow::Cow::Borrowed(&*self.0);
        // Documents are indexed in slot order, so only a reused slot puts one out of it.
        if !postings.is_sorted_by_key(|p| p.doc) {
            postings.to_mut().sort_unstable_by_key(|p| p.doc);
        }
        let mut seq = serializer.serialize_seq(Some(postings.len() * 2))?;
        let mut previous = 0;
        for p in postings.iter() {
            seq.serialize_element(&(p.doc - previous))?;
            seq.serialize_element(&((p.tf * 2.0).round() as u32))?;
            previous = p.doc;
        }
        seq.end()
    }
}

impl<'de, 'a> serde::Deserialize<'de> for StoredPostings<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<StoredPostings<'a>, D::Error> {
        struct Pairs<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de, 'a> serde::de::Visitor<'de> for Pairs<'a> {
            type Value = StoredPostings<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("pairs of document gaps and frequencies")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StoredPostings<'a>, A::Error> {
                use serde::de::Error;
                let mut postings = Vec::with_capacity(seq.size_hint().unwrap_or(0) / 2);
                let mut doc = 0u32;
                while let Some(gap) = seq.next_element::<u32>()? {
                    let halves: u32 = seq
                        .next_element()?
                        .ok_or_else(|| A::Error::custom("a stored posting without its frequency"))?;
                    doc = doc
                        .checked_add(gap)
                        .ok_or_else(|| A::Error::custom("a stored posting beyond every document"))?;
                    postings.push(Posting { doc, tf: halves as f32 / 2.0 });
                }
                Ok(StoredPostings(std::borrow::Cow::Owned(postings)))
            }
        }
        deserializer.deserialize_seq(Pairs(std::marker::PhantomData))
    }
}

impl serde::Serialize for SearchIndex {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut index = std::borrow::Cow::Borrowed(self);
        if !self.unsorted.is_empty() {
            index.to_mut().sort_new_terms();
        }
        Stored {
            keys: index.docs.iter().map(|d| d.as_ref().map(std::borrow::Cow::Borrowed)).collect(),
            lens: index.lens.clone(),
            terms: index
                .terms
                .iter()
                .map(|t| {
                    (std::borrow::Cow::Borrowed(&*t.text), StoredPostings(std::borrow::Cow::Borrowed(&t.postings)))
                })
                .collect(),
            sorted: index.sorted.clone(),
            total_len: index.total_len,
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for SearchIndex {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SearchIndex, D::Error> {
        use serde::de::Error;
        let stored = Stored::deserialize(deserializer)?;
        let slots = stored.keys.len();
        if stored.lens.len() != slots
            || stored.sorted.len() != stored.terms.len()
            || stored.sorted.iter().any(|&id| id as usize >= stored.terms.len())
        {
            return Err(D::Error::custom("the stored index's parts do not fit together"));
        }
        let docs: Vec<Option<DocKey>> = stored.keys.into_iter().map(|k| k.map(std::borrow::Cow::into_owned)).collect();
        let mut terms = Vec::with_capacity(stored.terms.len());
        let mut vocabulary = foldhash::HashMap::default();
        for (id, (text, StoredPostings(postings))) in stored.terms.into_iter().enumerate() {
            let postings = postings.into_owned();
            // A posting naming no document would fail the first search that meets it.
            if postings.iter().any(|p| docs.get(p.doc as usize).is_none_or(Option::is_none)) {
                return Err(D::Error::custom("a stored posting names no document"));
            }
            let text: Box<str> = text.into();
            vocabulary.insert(text.clone(), id as u32);
            terms.push(TermEntry { chars: text.chars().collect(), text, postings });
        }
        let slot = docs.iter().enumerate().filter_map(|(i, d)| Some((d.as_ref()?.clone(), i as u32))).collect();
        let free = (0..slots as u32).rev().filter(|&i| docs[i as usize].is_none()).collect();
        Ok(SearchIndex {
            docs,
            lens: stored.lens,
            free,
            slot,
            vocabulary,
            sorted: stored.sorted,
            unsorted: Vec::new(),
            terms,
            total_len: stored.total_len,
        })
    }
}

/// Builds an index in steps (the app yields to the browser between them). The
/// vocabulary is sorted once, at the end: merging it after every step made building a
/// large catalogue's index in steps of 2,000 documents 28% slower.
#[derive(Default)]
pub struct IndexBuilder {
    index: SearchIndex,
}

impl IndexBuilder {
    pub fn add<'a>(&mut self, docs: impl IntoIterator<Item = SearchDoc<'a>>) {
        self.index.add_unsorted(docs);
    }

    pub fn finish(mut self) -> SearchIndex {
        self.index.sort_new_terms();
        self.index
    }
}

/// One matching record: its document slot ([`SearchIndex::key`]) and score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// What a query found: the hits, in no particular order (see [`SearchIndex::rank`]),
/// and the index terms they matched, to highlight them with [`highlight`].
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub terms: HashSet<String>,
}

impl SearchIndex {
    pub fn build(cat: &Catalogue) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        builder.add(documents(cat));
        builder.finish()
    }

    /// Adds many documents (replacing those with the same keys) at the cost of one
    /// update of the sorted vocabulary.
    pub fn extend<'a>(&mut self, docs: impl IntoIterator<Item = SearchDoc<'a>>) {
        self.add_unsorted(docs);
        self.sort_new_terms();
    }

    fn add_unsorted<'a>(&mut self, docs: impl IntoIterator<Item = SearchDoc<'a>>) {
        let docs: Vec<SearchDoc<'a>> = docs.into_iter().collect();
        self.remove_all(docs.iter().map(|d| &d.key));
        let mut word = String::new();
        for doc in docs {
            // The same record twice in one batch: the later one wins.
            if self.slot.contains_key(&doc.key) {
                self.remove(&doc.key);
            }
            self.insert(doc, &mut word);
        }
    }

    /// Indexes the records `changed` again as `cat` now has them (removing those it no
    /// longer has): after an edit, only what it touched is indexed again.
    pub fn refresh(&mut self, cat: &Catalogue, changed: &[DocKey]) {
        self.remove_all(changed);
        self.extend(changed.iter().filter_map(|key| document(cat, key)));
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.slot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot.is_empty()
    }

    /// The record a hit stands for.
    pub fn key(&self, doc: u32) -> &DocKey {
        self.docs[doc as usize].as_ref().expect("hits name indexed documents")
    }

    /// The slot of a record's document.
    pub fn slot_of(&self, key: &DocKey) -> Option<u32> {
        self.slot.get(key).copied()
    }

    /// Every document as `(slot, key)`.
    pub fn keys(&self) -> impl Iterator<Item = (u32, &DocKey)> {
        self.docs.iter().enumerate().filter_map(|(i, d)| Some((i as u32, d.as_ref()?)))
    }

    /// Number of slots, holes included: one more than the highest [`Hit::doc`].
    pub fn slots(&self) -> usize {
        self.docs.len()
    }

    /// Adds a document, replacing the one with the same key.
    pub fn upsert(&mut self, doc: SearchDoc<'_>) {
        self.extend([doc]);
    }

    fn insert(&mut self, doc: SearchDoc<'_>, word: &mut String) {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                self.lens.push(0.0);
                (self.docs.len() - 1) as u32
            }
        };
        let mut len = 0.0;
        for (field, text) in &doc.fields {
            let weight = field.weight();
            text::each_term(text, word, |term| {
                let id = self.term_id(term);
                let postings = &mut self.terms[id as usize].postings;
                // A term seen before in this document has its posting last: postings
                // are appended document by document.
                match postings.last_mut() {
                    Some(p) if p.doc == slot => p.tf += weight,
                    _ => postings.push(Posting { doc: slot, tf: weight }),
                }
                len += weight;
            });
        }
        self.total_len += f64::from(len);
        self.lens[slot as usize] = len;
        self.slot.insert(doc.key.clone(), slot);
        self.docs[slot as usize] = Some(doc.key);
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(TermEntry { chars: term.chars().collect(), text: term.into(), postings: Vec::new() });
        self.vocabulary.insert(term.into(), id);
        self.unsorted.push(id);
        id
    }

    /// Merges the terms added since the last call into `sorted`.
    fn sort_new_terms(&mut self) {
        if self.unsorted.is_empty() {
            return;
        }
        let terms = &self.terms;
        let text = |id: &u32| &terms[*id as usize].text;
        self.unsorted.sort_unstable_by(|a, b| text(a).cmp(text(b)));
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(old.len() + self.unsorted.len());
        let (mut a, mut b) = (old.into_iter().peekable(), self.unsorted.drain(..).peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if text(x) <= text(y) => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        self.sorted = merged;
    }

    /// Removes a document; does nothing if it is not indexed.
    pub fn remove(&mut self, key: &DocKey) {
        self.remove_all([key]);
    }

    /// Removes documents (those not indexed are passed over) in one pass over the
    /// postings: a document does not keep its own list of terms, which would double the
    /// index's memory and the time to read a stored one.
    fn remove_all<'k>(&mut self, keys: impl IntoIterator<Item = &'k DocKey>) {
        let mut gone = Vec::new();
        for key in keys {
            let Some(slot) = self.slot.remove(key) else { continue };
            self.docs[slot as usize] = None;
            self.total_len -= f64::from(self.lens[slot as usize]);
            self.lens[slot as usize] = 0.0;
            self.free.push(slot);
            gone.push(slot);
        }
        if gone.is_empty() {
            return;
        }
        let mut removed = vec![false; self.docs.len()];
        gone.iter().for_each(|&s| removed[s as usize] = true);
        for t in &mut self.terms {
            t.postings.retain(|p| !removed[p.doc as usize]);
        }
    }

    /// The index terms a query word stands for, with how much each counts.
    fn expand(&self, word: &str, is_prefix: bool) -> Vec<(u32, f32)> {
        let mut out = Vec::new();
        if let Some(&id) = self.vocabulary.get(word) {
            out.push((id, 1.0));
        }
        if is_prefix {
            let from = self.sorted.partition_point(|&id| &*self.terms[id as usize].text <= word);
            let mut completions: Vec<u32> = self.sorted[from..]
                .iter()
                .copied()
                .take_while(|&id| self.terms[id as usize].text.starts_with(word))
                .filter(|&id| !self.terms[id as usize].postings.is_empty())
                .collect();
            let most = MAX_PREFIX_EXPANSIONS >> (2 * 3usize.saturating_sub(word.chars().count()));
            if completions.len() > most {
                completions.sort_by_key(|&id| std::cmp::Reverse(self.terms[id as usize].postings.len()));
                completions.truncate(most);
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
            let mut rows = text::DistanceRows::default();
            for (id, t) in self.terms.iter().enumerate() {
                // While typing, "kubernets" should still find "kubernetes": compare with
                // the term cut to the word's length too.
                let cut = if is_prefix && t.chars.len() > chars.len() { &t.chars[..chars.len()] } else { &t.chars[..] };
                if cut.len().abs_diff(chars.len()) > max_typos
                    || t.postings.is_empty()
                    || &*t.text == word
                    || (is_prefix && t.text.starts_with(word))
                {
                    continue;
                }
                if let Some(d) = rows.within(&chars, cut, max_typos) {
                    out.push((id as u32, TYPO_WEIGHT / d as f32));
                }
            }
        }
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
        let n = self.slot.len() as f32;
        let avg_len = (self.total_len / f64::from(n)) as f32;
        let mut total = vec![0f32; self.docs.len()];
        let mut matched = vec![0u16; self.docs.len()];
        let mut best = vec![0f32; self.docs.len()];
        let mut touched = Vec::new();
        let mut terms = HashSet::new();
        for (w, word) in words.iter().enumerate() {
            let is_prefix = last_is_prefix && Some(word) == last.as_ref();
            for (term, weight) in self.expand(word, is_prefix) {
                let entry = &self.terms[term as usize];
                let df = entry.postings.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for p in &entry.postings {
                    // A document that missed an earlier word cannot be a hit.
                    if matched[p.doc as usize] as usize != w {
                        continue;
                    }
                    let len = self.lens[p.doc as usize];
                    let s = weight * idf * p.tf * (K1 + 1.0) / (p.tf + K1 * (1.0 - B + B * len / avg_len));
                    let b = &mut best[p.doc as usize];
                    if *b == 0.0 {
                        touched.push(p.doc);
                    }
                    *b = b.max(s);
                }
                if !entry.postings.is_empty() {
                    terms.insert(entry.text.to_string());
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
        let hits = matched
            .iter()
            .zip(&total)
            .enumerate()
            .filter(|(_, (&m, _))| m == need)
            .map(|(d, (_, &score))| Hit { doc: d as u32, score })
            .collect();
        Results { hits, terms }
    }

    /// Best first; equal scores in the order of their keys, so a ranking never depends
    /// on the order records were indexed in.
    fn better(&self, a: &Hit, b: &Hit) -> std::cmp::Ordering {
        b.score.total_cmp(&a.score).then_with(|| self.key(a.doc).cmp(self.key(b.doc)))
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
