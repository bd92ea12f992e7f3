//! The store handle: IndexedDB, or memory where the browser blocks storage, behind the
//! one `CatalogueStore` interface. Names no Leptos item: the first screen opens it.

use catalogue_core::changes::WhatsNew;
use catalogue_core::model::{Article, RecordKind, Timestamp};
use catalogue_core::operations::Operations;
use catalogue_core::Catalogue;
use catalogue_store::{
    CatalogueStore, IdbStore, LocalChange, MemoryStore, OperationsSummary, StoreError, Version, Write,
};

/// IndexedDB when the browser allows it; otherwise memory, so the app still works
/// (for this visit only) in browsers that block storage.
pub enum Store {
    Idb(IdbStore),
    Memory(MemoryStore),
}

macro_rules! delegate {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            Store::Idb($s) => $e,
            Store::Memory($s) => $e,
        }
    };
}

impl CatalogueStore for Store {
    async fn load(&self) -> Result<Option<Catalogue>, StoreError> {
        delegate!(self, s => s.load().await)
    }
    async fn load_list(&self) -> Result<Option<Catalogue>, StoreError> {
        delegate!(self, s => s.load_list().await)
    }
    async fn load_rest(&self, list: Catalogue) -> Result<Catalogue, StoreError> {
        delegate!(self, s => s.load_rest(list).await)
    }
    async fn load_rest_held(&self, list: Catalogue) -> Result<Catalogue, StoreError> {
        delegate!(self, s => s.load_rest_held(list).await)
    }
    async fn record(&self, kind: RecordKind, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        delegate!(self, s => s.record(kind, id).await)
    }
    async fn articles_after(&self, after: Option<&str>, count: usize) -> Result<Vec<Article>, StoreError> {
        delegate!(self, s => s.articles_after(after, count).await)
    }
    async fn replace_all(&self, cat: &Catalogue) -> Result<(), StoreError> {
        delegate!(self, s => s.replace_all(cat).await)
    }
    async fn apply(&self, writes: &[Write], at: Timestamp) -> Result<u64, StoreError> {
        delegate!(self, s => s.apply(writes, at).await)
    }
    async fn replace_merged(&self, cat: &Catalogue, changes: &[LocalChange], based_on: u64) -> Result<(), StoreError> {
        delegate!(self, s => s.replace_merged(cat, changes, based_on).await)
    }
    async fn history(&self, kind: RecordKind, id: &str) -> Result<Vec<Version>, StoreError> {
        delegate!(self, s => s.history(kind, id).await)
    }
    async fn whats_new(&self) -> Result<Option<WhatsNew>, StoreError> {
        delegate!(self, s => s.whats_new().await)
    }
    async fn keep_whats_new(&self, whats_new: &WhatsNew) -> Result<(), StoreError> {
        delegate!(self, s => s.keep_whats_new(whats_new).await)
    }
    async fn digests(&self) -> Result<Option<catalogue_core::digest::Digests>, StoreError> {
        delegate!(self, s => s.digests().await)
    }
    async fn local_changes(&self) -> Result<Vec<LocalChange>, StoreError> {
        delegate!(self, s => s.local_changes().await)
    }
    async fn generation(&self) -> Result<u64, StoreError> {
        delegate!(self, s => s.generation().await)
    }
    async fn load_search_index(&self) -> Result<Option<Vec<u8>>, StoreError> {
        delegate!(self, s => s.load_search_index().await)
    }
    async fn store_derived(&self, generation: u64, search_index: &[u8], cat: &Catalogue) -> Result<bool, StoreError> {
        delegate!(self, s => s.store_derived(generation, search_index, cat).await)
    }
    async fn operations(&self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError> {
        delegate!(self, s => s.operations(from, to).await)
    }
    async fn operations_summary(&self) -> Result<OperationsSummary, StoreError> {
        delegate!(self, s => s.operations_summary().await)
    }
    async fn put_operations(&self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        delegate!(self, s => s.put_operations(ops, replace).await)
    }
    async fn clear_operations(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.clear_operations().await)
    }
}

/// How long an import written beside the catalogue may wait for its confirmation (its
/// preview open in another tab) before another tab's start clears it as abandoned.
const STAGED_IMPORT_KEPT_MS: f64 = 24.0 * 3600.0 * 1000.0;

impl Store {
    /// Empties the stores an import wrote beside the catalogue once nothing needs them
    /// (the import ended or was cancelled): an import through the workers writes the file
    /// there first (`IdbStore::stage`). Memory holds no such stores.
    pub async fn clear_unused(&self) {
        if let Store::Idb(store) = self {
            warn_uncleared(store.clear_unused().await);
        }
    }

    /// Empties them when what they hold was left behind: the catalogue an import replaced
    /// just before its tab closed, or an import whose tab closed before it was confirmed.
    pub async fn clear_abandoned(&self) {
        if let Store::Idb(store) = self {
            warn_uncleared(store.clear_abandoned(STAGED_IMPORT_KEPT_MS).await.map(drop));
        }
    }
}

/// Nobody waits for the clearing: a failure is only worth a line in the console (the
/// next start tries again).
fn warn_uncleared(cleared: Result<(), StoreError>) {
    if let Err(e) = cleared {
        web_sys::console::warn_1(&format!("the records left by an import could not be cleared: {e}").into());
    }
}
