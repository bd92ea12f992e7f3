//! The index as stored between visits, compact and quick to read back.

use super::{Postings, SearchIndex, TermEntry};
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

/// A term's postings as stored: their bytes as held (see [`Postings`]), so reading a
/// stored index copies them, and checks every posting names a document.
struct StoredPostings<'a>(std::borrow::Cow<'a, [u8]>);

impl serde::Serialize for StoredPostings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de, 'a> serde::Deserialize<'de> for StoredPostings<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<StoredPostings<'a>, D::Error> {
        struct Bytes<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de, 'a> serde::de::Visitor<'de> for Bytes<'a> {
            type Value = StoredPostings<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the bytes of a term's postings")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<StoredPostings<'a>, E> {
                Ok(StoredPostings(std::borrow::Cow::Owned(v.to_vec())))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<StoredPostings<'a>, E> {
                Ok(StoredPostings(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_bytes(Bytes(std::marker::PhantomData))
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
                    (
                        std::borrow::Cow::Borrowed(&*t.text),
                        StoredPostings(std::borrow::Cow::Borrowed(t.postings.bytes())),
                    )
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
            // A posting naming no document would fail the first search that meets it.
            let is_doc = |doc: u32| docs.get(doc as usize).is_some_and(Option::is_some);
            let postings = Postings::from_bytes(postings.into_owned(), is_doc).map_err(D::Error::custom)?;
            let text: Box<str> = text.into();
            vocabulary.insert(text.clone(), id as u32);
            terms.push(TermEntry { chars: text.chars().collect(), text, postings });
        }
        let slot = docs.iter().enumerate().filter_map(|(i, d)| Some((d.as_ref()?.clone(), i as u32))).collect();
        Ok(SearchIndex {
            docs,
            lens: stored.lens,
            slot,
            vocabulary,
            sorted: stored.sorted,
            unsorted: Vec::new(),
            terms,
            total_len: stored.total_len,
        })
    }
}
