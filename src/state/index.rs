//! The search index of the catalogue in memory: shown from what was stored, built
//! when there is none, and kept for the next start once it stops changing.

use std::sync::Arc;

use catalogue_core::search::{Finder, IndexBuilder};
use catalogue_store::{CatalogueStore, StoreError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Loaded, Store};

/// Documents indexed between two yields to the browser while the search index is built,
/// so that a large catalogue's list stays responsive meanwhile.
const INDEX_CHUNK: usize = 2_000;

/// How long the search index waits, after it was built or changed by a save, before it
/// and the list are stored for the next start: writing a large catalogue's index takes a
/// moment of work, which a burst of saves then pays once.
const STORE_DERIVED_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

impl AppState {
    /// Shows the stored search index read, if there is one for what is stored now. A
    /// damaged one is passed over (and built anew).
    pub(super) fn show_index(self, read: Result<Option<Vec<u8>>, StoreError>) -> bool {
        let finder = match read {
            Ok(Some(bytes)) => Finder::from_bytes(&bytes),
            Ok(None) => return false,
            Err(e) => Err(e.to_string()),
        };
        match finder {
            Ok(finder) => {
                self.index.set(Some(Arc::new(finder)));
                crate::platform::mark("catalogue:search-index-read");
                crate::platform::mark_next_frame("catalogue:search-ready");
                true
            }
            Err(why) => {
                leptos::logging::warn!("the stored search index is built anew: {why}");
                false
            }
        }
    }

    /// Builds the search index in chunks, yielding to the browser between them. The
    /// articles are read whole from the store a chunk at a time: the catalogue in memory
    /// holds them without their texts (see `Loaded`).
    pub(super) async fn build_index(self, loaded: Arc<Loaded>) {
        let total = catalogue_core::search::document_count(&loaded.cat);
        let mut index = IndexBuilder::default();
        let mut done = 0;
        self.indexing.set(Some((0, total)));
        // A newer catalogue replaced this one meanwhile: its own build takes over.
        let replaced = || !self.catalogue.with_untracked(|c| c.as_ref().is_some_and(|c| Arc::ptr_eq(c, &loaded)));
        let mut docs = catalogue_core::search::documents_but_articles(&loaded.cat);
        loop {
            let chunk: Vec<_> = docs.by_ref().take(INDEX_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            done += chunk.len();
            index.add(chunk);
            self.indexing.set(Some((done, total)));
            crate::platform::yield_to_browser().await;
            if replaced() {
                return;
            }
        }
        drop(docs);
        let Some(store) = self.store() else { return };
        let mut last: Option<String> = None;
        loop {
            let articles = match store.articles_after(last.as_deref(), INDEX_CHUNK).await {
                Ok(articles) => articles,
                Err(e) => {
                    return self.notice.set(Some(format!(
                        "Search is unavailable: the articles could not be read ({e}). Reload the page to try again."
                    )))
                }
            };
            if replaced() {
                return;
            }
            let Some(next) = articles.last().map(|a| a.id.clone()) else { break };
            done += articles.len();
            index.add(articles.iter().map(catalogue_core::search::Searchable::search_doc));
            self.indexing.set(Some((done, total)));
            last = Some(next);
            crate::platform::yield_to_browser().await;
        }
        self.index.set(Some(Arc::new(Finder::new(index.finish(), &loaded.cat, &loaded.lookup))));
        self.indexing.set(None);
        crate::platform::mark_next_frame("catalogue:search-ready");
        self.store_derived_later();
    }

    /// Keeps what the next start reads first (the search index and the list, see
    /// [`CatalogueStore::store_derived`]) once the index has stayed the same for
    /// [`STORE_DERIVED_AFTER`]. Nothing is stored when the generation of what is shown is
    /// not known, and the store refuses what is older than its last write.
    pub(super) fn store_derived_later(self) {
        self.index_changes.update_value(|n| *n += 1);
        let change = self.index_changes.get_value();
        spawn_local(async move {
            crate::platform::sleep(STORE_DERIVED_AFTER).await;
            if self.index_changes.get_value() != change {
                return;
            }
            let (Some(store), Some(generation), Some(finder), Some(shown)) =
                (self.store(), self.generation.get_value(), self.index.get_untracked(), self.catalogue.get_untracked())
            else {
                return;
            };
            // A catalogue kept in memory is gone at the next start, and all it derived with it.
            if !matches!(store.as_ref(), Store::Idb(_)) {
                return;
            }
            match store.store_derived(generation, &finder.to_bytes(), &shown.cat).await {
                Ok(true) => crate::platform::mark("catalogue:derived-stored"),
                // A write came since: what it derives is stored once shown.
                Ok(false) => {}
                // Without it the next start reads every record and builds the index again.
                Err(e) => leptos::logging::warn!("the search index and list were not stored: {e}"),
            }
        });
    }
}
