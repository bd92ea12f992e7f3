use std::cell::RefCell;

use catalogue_core::changes::WhatsNew;
use catalogue_core::model::*;
use catalogue_core::operations::Operations;
use catalogue_core::Catalogue;
use serde::Serialize;

use std::collections::BTreeMap;

use crate::{record_key, CatalogueStore, LocalChange, OperationsSummary, StoreError, Version, Write};

/// A store kept in memory. Records go through their JSON form on the way in, exactly as
/// in IndexedDB, so both stores behave the same.
#[derive(Default)]
pub struct MemoryStore {
    cat: RefCell<Option<Catalogue>>,
    /// Record key → earlier versions, oldest first.
    history: RefCell<BTreeMap<String, Vec<Version>>>,
    local: RefCell<BTreeMap<String, LocalChange>>,
    generation: std::cell::Cell<u64>,
    /// The search index and the list, with the generation they were stored at.
    derived: RefCell<Option<(u64, Vec<u8>, Catalogue)>>,
    whats_new: RefCell<Option<WhatsNew>>,
    operations: RefCell<Operations>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Part of what [`CatalogueStore::store_derived`] kept, unless a write came since.
    fn kept<T>(&self, part: impl FnOnce(&(u64, Vec<u8>, Catalogue)) -> T) -> Option<T> {
        self.derived.borrow().as_ref().filter(|(at, ..)| *at == self.generation.get()).map(part)
    }

    fn written(&self) -> u64 {
        self.generation.set(self.generation.get() + 1);
        self.generation.get()
    }
}

/// Through JSON and back, as a record is in IndexedDB.
fn roundtrip<T: Serialize + serde::de::DeserializeOwned, U: serde::de::DeserializeOwned>(
    v: &T,
) -> Result<U, StoreError> {
    serde_json::from_str(&catalogue_core::file::to_json(v)).map_err(|e| StoreError::WriteFailed(e.to_string()))
}

impl CatalogueStore for MemoryStore {
    async fn load(&self) -> Result<Option<Catalogue>, StoreError> {
        let mut cat = self.cat.borrow().clone();
        if let Some(c) = &mut cat {
            c.sort();
        }
        Ok(cat)
    }

    async fn load_list(&self) -> Result<Option<Catalogue>, StoreError> {
        if let Some(list) = self.kept(|(_, _, list)| list.clone()) {
            return Ok(Some(list));
        }
        Ok(self.load().await?.as_ref().map(crate::list_of))
    }

    async fn load_rest(&self, list: Catalogue) -> Result<Catalogue, StoreError> {
        let full =
            self.load().await?.ok_or_else(|| StoreError::Corrupt("the catalogue vanished while it was read".into()))?;
        Ok(Catalogue { catalogue: list.catalogue, parties: list.parties, services: list.services, ..full })
    }

    async fn load_rest_held(&self, list: Catalogue) -> Result<Catalogue, StoreError> {
        Ok(self.load_rest(list).await?.without_article_texts())
    }

    async fn record(&self, kind: RecordKind, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        Ok(self.cat.borrow().as_ref().and_then(|c| c.record_value(kind, id)))
    }

    async fn articles_after(&self, after: Option<&str>, count: usize) -> Result<Vec<Article>, StoreError> {
        let Some(cat) = self.load().await? else { return Ok(Vec::new()) };
        Ok(cat.articles.into_iter().filter(|a| after.is_none_or(|after| a.id.as_str() > after)).take(count).collect())
    }

    async fn replace_all(&self, cat: &Catalogue) -> Result<(), StoreError> {
        let mut copy: Catalogue = roundtrip(cat)?;
        copy.sort();
        // Same refusal as IndexedDB's `add` after `clear`: two records with one key.
        fn unique<R: Record>(list: &[R]) -> Result<(), StoreError> {
            match list.windows(2).find(|w| w[0].id() == w[1].id()) {
                Some(w) => Err(StoreError::WriteFailed(format!(
                    "two {} records have the id \"{}\"",
                    R::KIND.label(),
                    w[0].id()
                ))),
                None => Ok(()),
            }
        }
        unique(&copy.parties)?;
        unique(&copy.calendars)?;
        unique(&copy.services)?;
        unique(&copy.offerings)?;
        unique(&copy.agreements)?;
        unique(&copy.articles)?;
        unique(&copy.scorecards)?;
        *self.cat.borrow_mut() = Some(copy);
        self.local.borrow_mut().clear();
        self.whats_new.take();
        self.written();
        Ok(())
    }

    async fn replace_merged(&self, cat: &Catalogue, changes: &[LocalChange], based_on: u64) -> Result<(), StoreError> {
        if based_on != self.generation.get() {
            return Err(StoreError::Stale);
        }
        let whats_new = self.whats_new.take();
        self.replace_all(cat).await?;
        *self.whats_new.borrow_mut() = whats_new;
        let mut local = self.local.borrow_mut();
        for c in changes {
            local.insert(record_key(c.kind, &c.id), c.clone());
        }
        Ok(())
    }

    async fn apply(&self, writes: &[Write], at: Timestamp) -> Result<u64, StoreError> {
        let mut guard = self.cat.borrow_mut();
        let cat = guard.get_or_insert_with(|| Catalogue::empty("Local catalogue"));
        // Check everything first: all or nothing, as in one IndexedDB transaction.
        let mut next = cat.clone();
        let mut archived = Vec::new();
        for w in writes {
            let current = next.record_value(w.kind, &w.id);
            let stored = current.as_ref().and_then(|v| v["revision"].as_u64());
            if stored != w.expected {
                return Err(StoreError::Conflict { kind: w.kind, id: w.id.clone(), stored });
            }
            match &w.record {
                Some(v) => next
                    .put_value(w.kind, Some(&w.id), &roundtrip::<_, serde_json::Value>(v)?)
                    .map(drop)
                    .map_err(StoreError::WriteFailed)?,
                None => next.remove_record(w.kind, &w.id),
            }
            archived.push((w, current));
        }
        *cat = next;
        let mut history = self.history.borrow_mut();
        let mut local = self.local.borrow_mut();
        for (w, current) in archived {
            let key = record_key(w.kind, &w.id);
            if let Some(record) = &current {
                history.entry(key.clone()).or_default().push(Version {
                    record: record.clone(),
                    replaced_at: at,
                    deleted: w.record.is_none(),
                });
            }
            local.entry(key).or_insert_with(|| LocalChange { kind: w.kind, id: w.id.clone(), base: current });
        }
        Ok(self.written())
    }

    async fn history(&self, kind: RecordKind, id: &str) -> Result<Vec<Version>, StoreError> {
        Ok(self.history.borrow().get(&record_key(kind, id)).cloned().unwrap_or_default())
    }

    async fn whats_new(&self) -> Result<Option<WhatsNew>, StoreError> {
        Ok(self.whats_new.borrow().clone())
    }

    async fn keep_whats_new(&self, whats_new: &WhatsNew) -> Result<(), StoreError> {
        *self.whats_new.borrow_mut() = Some(roundtrip(whats_new)?);
        Ok(())
    }

    async fn digests(&self) -> Result<Option<catalogue_core::digest::Digests>, StoreError> {
        Ok(self.cat.borrow().as_ref().map(catalogue_core::digest::Digests::of))
    }

    async fn local_changes(&self) -> Result<Vec<LocalChange>, StoreError> {
        Ok(self.local.borrow().values().cloned().collect())
    }

    async fn generation(&self) -> Result<u64, StoreError> {
        Ok(self.generation.get())
    }

    async fn load_search_index(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.kept(|(_, bytes, _)| bytes.clone()))
    }

    async fn store_derived(&self, generation: u64, search_index: &[u8], cat: &Catalogue) -> Result<bool, StoreError> {
        if generation != self.generation.get() {
            return Ok(false);
        }
        *self.derived.borrow_mut() = Some((generation, search_index.to_vec(), crate::list_of(cat)));
        Ok(true)
    }

    async fn operations(&self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError> {
        let mut ops = self.operations.borrow().clone();
        crate::keep_between(&mut ops, from, to);
        Ok(ops)
    }

    async fn operations_summary(&self) -> Result<OperationsSummary, StoreError> {
        let ops = self.operations.borrow();
        let times = ops.incidents.iter().map(|x| x.opened).chain(ops.changes.iter().map(|c| c.start));
        Ok(OperationsSummary {
            incidents: ops.incidents.len(),
            changes: ops.changes.len(),
            first: times.clone().min(),
            last: times.max(),
        })
    }

    async fn put_operations(&self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        let ops: Operations = roundtrip(ops)?;
        let mut stored = self.operations.borrow_mut();
        if replace {
            *stored = Operations::new();
        }
        stored.append(ops);
        Ok(())
    }

    async fn clear_operations(&self) -> Result<(), StoreError> {
        *self.operations.borrow_mut() = Operations::new();
        Ok(())
    }
}
