//! The index as stored between visits, compact and quick to read back.

use super::{Posting, SearchIndex, TermEntry};
use crate::search::DocKey;
#[cfg(doc)]
use crate::search::Field;

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
/// is a multiple of a half) times two, plus one when the term is in the title. Small numbers take one byte each, so a posting takes about
/// two bytes instead of eight, and reading decodes them straight into postings.
struct StoredPostings<'a>(std::borrow::Cow<'a, [Posting]>);

impl serde::Serialize for StoredPostings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut postings = std::borrow::Cow::Borrowed(&*self.0);
        // Documents are indexed in slot order, so only a reused slot puts one out of it.
        if !postings.is_sorted_by_key(|p| p.doc()) {
            postings.to_mut().sort_unstable_by_key(|p| p.doc());
        }
        let mut seq = serializer.serialize_seq(Some(postings.len() * 2))?;
        let mut previous = 0;
        for p in postings.iter() {
            seq.serialize_element(&(p.doc() - previous))?;
            seq.serialize_element(&(((p.tf * 2.0).round() as u32) << 1 | u32::from(p.in_title())))?;
            previous = p.doc();
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
                    let frequency: u32 = seq
                        .next_element()?
                        .ok_or_else(|| A::Error::custom("a stored posting without its frequency"))?;
                    doc = doc
                        .checked_add(gap)
                        .ok_or_else(|| A::Error::custom("a stored posting beyond every document"))?;
                    if doc & super::TITLE_BIT != 0 {
                        return Err(A::Error::custom("a stored posting beyond every document"));
                    }
                    postings.push(Posting::new(doc, (frequency >> 1) as f32 / 2.0, frequency & 1 == 1));
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
            if postings.iter().any(|p| docs.get(p.doc() as usize).is_none_or(Option::is_none)) {
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
