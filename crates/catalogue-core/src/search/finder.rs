//! Search as a reader runs it: the index with, for each document, its row in the facet
//! table and its brief (title and summary, as a result shows them). A finder answers a
//! query, narrows it by facets and lists its results without the records themselves,
//! so it can be stored between visits and read back in one piece: on a catalogue of
//! 100,000 records, reading every record and indexing it again takes ten seconds, and
//! reading a stored finder a fraction of that.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{document, documents, DocKey, Field, Hit, SearchDoc, SearchIndex};
use crate::catalogue::Catalogue;
use crate::facets::{FacetTable, Selection};
use crate::lookup::Lookup;
use crate::model::RecordKind;

/// The version of what [`Finder::to_bytes`] writes. Anything that changes what a finder
/// holds for the same catalogue (its layout, the words cut from text, the fields and
/// their weights, the facets, the briefs) must change it, so that a finder stored by an
/// earlier release is built anew rather than read; a test pins it to a fingerprint.
pub const FORMAT: u32 = 4;

/// What a result shows of a record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub title: String,
    pub summary: String,
}

impl Brief {
    fn of(doc: &SearchDoc<'_>) -> Brief {
        let first =
            |field: Field| doc.fields.iter().find(|(f, _)| *f == field).map(|(_, t)| t.to_string()).unwrap_or_default();
        Brief { title: first(Field::Title), summary: first(Field::Summary) }
    }
}

#[derive(Clone, Debug)]
pub struct Finder {
    index: SearchIndex,
    facets: FacetTable,
    /// By document slot: its row in `facets` (`None` for a hole).
    rows: Vec<Option<u32>>,
    /// By document slot.
    briefs: Vec<Brief>,
    /// Every document with a facet row, in the order a search without words lists
    /// them: made when first asked for.
    listing: OnceLock<Vec<u32>>,
}

/// The written form: the finder without what is derived from it.
#[derive(Serialize)]
struct StoredRef<'a> {
    index: &'a SearchIndex,
    facets: &'a FacetTable,
    briefs: &'a [Brief],
}

#[derive(Deserialize)]
struct Stored {
    index: SearchIndex,
    facets: FacetTable,
    briefs: Vec<Brief>,
}

/// What a query found: the hits that pass the facets chosen, in no order (see
/// [`SearchIndex::rank_top`]), the facet counts, and the index terms to highlight.
#[derive(Debug, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub counts: std::collections::BTreeMap<crate::facets::Facet, Vec<(String, usize)>>,
    pub terms: HashSet<String>,
    /// How many words of the query count (see [`super::Results::words`]).
    pub words: u16,
}

impl Finder {
    /// The finder of `cat` from its index (built from the same catalogue).
    pub fn new(index: SearchIndex, cat: &Catalogue, lookup: &Lookup) -> Finder {
        let mut briefs = vec![Brief::default(); index.slots()];
        for doc in documents(cat) {
            if let Some(slot) = index.slot_of(&doc.key) {
                briefs[slot as usize] = Brief::of(&doc);
            }
        }
        Finder::assemble(index, FacetTable::build(cat, lookup), briefs)
    }

    pub fn build(cat: &Catalogue) -> Finder {
        Finder::new(SearchIndex::build(cat), cat, &Lookup::build(cat))
    }

    fn assemble(index: SearchIndex, facets: FacetTable, briefs: Vec<Brief>) -> Finder {
        let mut rows = vec![None; index.slots()];
        for (doc, key) in index.keys() {
            rows[doc as usize] = facets.row(key);
        }
        Finder { index, facets, rows, briefs, listing: OnceLock::new() }
    }

    /// Indexes the records `changed` again as `cat` (with `lookup`) now has them: after
    /// an edit.
    pub fn refresh(self, cat: &Catalogue, lookup: &Lookup, changed: &[DocKey]) -> Finder {
        let Finder { mut index, mut briefs, .. } = self;
        index.refresh(cat, changed);
        briefs.resize(index.slots(), Brief::default());
        for key in changed {
            if let (Some(slot), Some(doc)) = (index.slot_of(key), document(cat, key)) {
                briefs[slot as usize] = Brief::of(&doc);
            }
        }
        Finder::assemble(index, FacetTable::build(cat, lookup), briefs)
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn key(&self, doc: u32) -> &DocKey {
        self.index.key(doc)
    }

    pub fn brief(&self, doc: u32) -> &Brief {
        &self.briefs[doc as usize]
    }

    /// The hits of `text` that pass `selection`, with the facet counts among the hits.
    pub fn find(&self, text: &str, selection: &Selection) -> Found {
        let found = self.index.search(text);
        let (kept, counts) = self.facets.narrow_rows(found.hits.iter().map(|h| self.rows[h.doc as usize]), selection);
        Found {
            hits: kept.into_iter().map(|i| found.hits[i]).collect(),
            counts,
            terms: found.terms,
            words: found.words,
        }
    }

    /// Up to `n` best matches of `text`, best first, with the terms to highlight.
    pub fn best(&self, text: &str, n: usize) -> (Vec<u32>, HashSet<String>) {
        let mut r = self.index.search(text);
        self.index.rank_top(&mut r.hits, n);
        (r.hits.iter().take(n).map(|h| h.doc).collect(), r.terms)
    }

    /// Every record that passes `selection`, services first, then by kind and title:
    /// what a search without words lists, with the facet counts.
    pub fn list(&self, selection: &Selection) -> Found {
        let listing = self.listing.get_or_init(|| {
            let mut docs: Vec<u32> = (0..self.rows.len() as u32).filter(|&d| self.rows[d as usize].is_some()).collect();
            docs.sort_by_cached_key(|&d| {
                let key = self.key(d);
                (
                    key.kind != RecordKind::Service,
                    key.kind,
                    self.briefs[d as usize].title.to_lowercase(),
                    key.id.clone(),
                )
            });
            docs
        });
        let (kept, counts) = self.facets.narrow_rows(listing.iter().map(|&d| self.rows[d as usize]), selection);
        Found {
            hits: kept
                .into_iter()
                .map(|i| Hit { doc: listing[i], words: 0, cost: 0, in_title: 0, score: 0.0 })
                .collect(),
            counts,
            terms: HashSet::new(),
            words: 0,
        }
    }

    /// The finder as bytes, to store.
    pub fn to_bytes(&self) -> Vec<u8> {
        // The format first, read alone before the rest.
        postcard::to_allocvec(&(FORMAT, StoredRef { index: &self.index, facets: &self.facets, briefs: &self.briefs }))
            .expect("a finder serializes")
    }

    /// Reads what [`Finder::to_bytes`] wrote; an error when it is damaged or was written
    /// in another [`FORMAT`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Finder, String> {
        let (format, rest) = postcard::take_from_bytes::<u32>(bytes)
            .map_err(|e| format!("a stored search index without a format: {e}"))?;
        if format != FORMAT {
            return Err(format!("a stored search index in format {format}, not {FORMAT}"));
        }
        let stored: Stored = postcard::from_bytes(rest).map_err(|e| format!("a damaged stored search index: {e}"))?;
        if stored.briefs.len() != stored.index.slots() {
            return Err("a stored search index whose briefs and documents differ in number".into());
        }
        Ok(Finder::assemble(stored.index, stored.facets, stored.briefs))
    }
}
