//! Full-text search over every record: an in-memory inverted index, built once from a
//! catalogue and updated record by record as records change.
//!
//! Each query word matches the same index term exactly, the terms it is a prefix of
//! (while it is still being typed) and terms one or two edits away (typos); records rank
//! by how many of the words they match, how closely, and then by BM25 over a weighted bag
//! of words (a title word counts 4.5 times a body word, see [`Field::weight`]); see
//! `query.rs`.
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
mod postings;
mod query;
mod stored;
pub mod text;

pub use documents::{
    document, document_count, documents, documents_but_articles, DocKey, Field, SearchDoc, Searchable,
};
pub use finder::{Brief, Finder, Found, FORMAT};
pub use query::{Hit, Results};
pub use text::{highlight, Segment};

use crate::catalogue::Catalogue;
use postings::Postings;

/// A document a term is in.
#[derive(Clone, Copy, Debug)]
struct Posting {
    /// The document's slot, and in the top bit whether the term is in its title (the
    /// ranking puts title matches first). One word instead of two keeps a posting at
    /// eight bytes: a large catalogue has tens of millions of them. Slots stay far below
    /// 2^31: a browser's memory runs out long before.
    doc_title: u32,
    /// Weighted term frequency.
    tf: f32,
}

const TITLE_BIT: u32 = 1 << 31;

impl Posting {
    fn new(doc: u32, tf: f32, in_title: bool) -> Posting {
        Posting { doc_title: doc | if in_title { TITLE_BIT } else { 0 }, tf }
    }

    fn doc(self) -> u32 {
        self.doc_title & !TITLE_BIT
    }

    fn in_title(self) -> bool {
        self.doc_title & TITLE_BIT != 0
    }
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Document slots: the record each stands for. A removed document leaves a hole; a
    /// document indexed again takes a new slot after every other, which keeps every
    /// term's postings in slot order (see [`Postings`]). Holes go at the next build.
    docs: Vec<Option<DocKey>>,
    /// Weighted length in words, by slot: read for every posting scored, so kept apart
    /// from the rest of a document in one flat array.
    lens: Vec<f32>,
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
    postings: Postings,
}

/// What indexing one document needs besides the index, kept from one document to the
/// next: the word being cut, and the postings found so far by term.
#[derive(Default)]
struct Scratch {
    word: String,
    at: foldhash::HashMap<u32, usize>,
    found: Vec<Posting>,
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
        let mut scratch = Scratch::default();
        for doc in docs {
            // The same record twice in one batch: the later one wins.
            if self.slot.contains_key(&doc.key) {
                self.remove(&doc.key);
            }
            self.insert(doc, &mut scratch);
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

    fn insert(&mut self, doc: SearchDoc<'_>, scratch: &mut Scratch) {
        let slot = self.docs.len() as u32;
        self.docs.push(None);
        self.lens.push(0.0);
        let mut len = 0.0;
        let Scratch { word, at, found } = scratch;
        for (field, text) in &doc.fields {
            let weight = field.weight();
            let in_title = *field == Field::Title;
            text::each_term(text, word, |term| {
                let id = self.term_id(term);
                // A posting is written once per document, with every time its term occurs.
                match at.get(&id) {
                    Some(&i) => {
                        let p: &mut Posting = &mut found[i];
                        *p = Posting::new(slot, p.tf + weight, in_title || p.in_title());
                    }
                    None => {
                        at.insert(id, found.len());
                        found.push(Posting::new(slot, weight, in_title));
                    }
                }
                len += weight;
            });
        }
        for (&id, &i) in at.iter() {
            self.terms[id as usize].postings.push(found[i]);
        }
        at.clear();
        found.clear();
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
        self.terms.push(TermEntry { chars: term.chars().collect(), text: term.into(), postings: Postings::default() });
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
            gone.push(slot);
        }
        if gone.is_empty() {
            return;
        }
        let mut removed = vec![false; self.docs.len()];
        gone.iter().for_each(|&s| removed[s as usize] = true);
        for t in &mut self.terms {
            t.postings.retain(|p| !removed[p.doc() as usize]);
        }
    }
}
