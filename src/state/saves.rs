//! Saves and what follows them: the catalogue in memory updated, the store read back
//! after another tab's change, history, local changes and export.

use std::sync::Arc;

use catalogue_core::model::RecordKind;
use catalogue_core::search::DocKey;
use catalogue_core::Catalogue;
use catalogue_store::{CatalogueStore, LocalChange, StoreError, Version, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Loaded};

impl AppState {
    /// Saves one edit (all its writes in one transaction), shows the result and tells the
    /// other tabs. A record changed elsewhere meanwhile fails with [`StoreError::Conflict`].
    pub async fn save(self, writes: Vec<Write>) -> Result<(), StoreError> {
        let store = self.opened_store()?;
        let generation = store.apply(&writes, crate::platform::now()).await?;
        self.changed_here();
        // What is shown is what is stored only if no other tab wrote in between (that
        // tab's change is then read back when it tells this one).
        let next = self.generation.get_value().filter(|g| g + 1 == generation).map(|_| generation);
        self.generation.set_value(next);
        if !self.show_saved(&writes) {
            self.reload().await?;
        }
        crate::platform::broadcast_change();
        Ok(())
    }

    /// Shows a saved edit by applying its writes to the catalogue on screen and indexing
    /// again only the records it touched: reading a large catalogue back and indexing
    /// all of it took seconds, during which search was unavailable. Returns false when
    /// the writes cannot be applied here (the caller then reads what is stored).
    pub(super) fn show_saved(self, writes: &[Write]) -> bool {
        let Some(shown) = self.catalogue.get_untracked() else { return false };
        let mut cat = shown.cat.clone();
        for w in writes {
            match &w.record {
                Some(value) => {
                    if cat.put_value(w.kind, Some(&w.id), value).is_err() {
                        return false;
                    }
                }
                None => cat.remove_record(w.kind, &w.id),
            }
        }
        let loaded = Loaded::new(cat);
        self.catalogue.set(Some(loaded.clone()));
        match self.index.get_untracked() {
            Some(finder) => {
                let changed: Vec<DocKey> = writes.iter().map(|w| DocKey { kind: w.kind, id: w.id.clone() }).collect();
                let finder = Arc::unwrap_or_clone(finder).refresh(&loaded.cat, &loaded.lookup, &changed);
                self.index.set(Some(Arc::new(finder)));
                self.store_derived_later();
            }
            // Still being built for the catalogue before the edit: that build stops, and
            // this one starts over.
            None => spawn_local(self.build_index(loaded)),
        }
        true
    }

    /// Shows what is stored now the way it is shown at start, its list first: after an
    /// import replaced everything.
    pub async fn show_stored(self) -> Result<(), StoreError> {
        let store = self.opened_store()?;
        match self.read_stored(&store).await? {
            true => Ok(()),
            false => Err(StoreError::Corrupt("the catalogue vanished after writing".into())),
        }
    }

    /// Shows what is stored now (after a save here or in another tab).
    pub async fn reload(self) -> Result<(), StoreError> {
        self.read_unexported();
        let store = self.opened_store()?;
        let generation = store.generation().await?;
        let list = store
            .load_list()
            .await?
            .ok_or_else(|| StoreError::Corrupt("the catalogue vanished after writing".into()))?;
        let cat = store.load_rest_held(list).await?;
        self.show(cat, Some(generation), false);
        Ok(())
    }

    /// The whole stored catalogue, the texts of its articles included: what writes
    /// records it did not edit itself, or exports them, starts from it, never from the
    /// catalogue in memory (whose articles may be without their texts, see `Loaded`).
    pub async fn whole(self) -> Result<Catalogue, StoreError> {
        let store = self.opened_store()?;
        match store.load().await? {
            Some(cat) => Ok(cat),
            // Nothing stored (the published catalogue could not be loaded): what is shown.
            None => Ok(self
                .catalogue
                .with_untracked(|c| c.as_ref().map(|l| l.cat.clone()))
                .unwrap_or_else(|| Catalogue::empty(""))),
        }
    }

    /// One record whole, as stored: what a page shows of it beyond the list, or edits.
    pub async fn record(self, kind: RecordKind, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        self.opened_store()?.record(kind, id).await
    }

    pub async fn history(self, kind: RecordKind, id: String) -> Result<Vec<Version>, StoreError> {
        let store = self.opened_store()?;
        store.history(kind, &id).await
    }

    pub async fn local_changes(self) -> Result<Vec<LocalChange>, StoreError> {
        let store = self.opened_store()?;
        store.local_changes().await
    }

    /// The canonical file of the current catalogue.
    pub async fn export(self) -> Result<String, StoreError> {
        Ok(catalogue_core::to_canonical_json(&self.whole().await?))
    }
}
