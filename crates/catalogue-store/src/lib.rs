//! Storage of the catalogue behind one interface, [`CatalogueStore`], with two
//! implementations: [`MemoryStore`] (native tests, and a fallback when IndexedDB is
//! unavailable) and, in the browser, [`IdbStore`] on IndexedDB. The same test suite runs
//! against both (`tests/`).
//!
//! This is the only code that touches IndexedDB. It stores what the domain hands it and
//! never validates: [`import`] is where a file is checked before anything is written.

mod error;
pub mod import;
mod memory;
#[cfg(target_arch = "wasm32")]
mod idb;

pub use error::StoreError;
pub use import::{prepare_import, PreparedImport};
pub use memory::MemoryStore;
#[cfg(target_arch = "wasm32")]
pub use idb::{IdbStore, DB_NAME};

use catalogue_core::model::*;
use catalogue_core::{Catalogue, CatalogueMeta};

/// Lookups served by an index, for record pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Offerings whose `service` is the key.
    OfferingsOfService,
    /// Agreements listing the key in `services`.
    AgreementsOfService,
    /// Articles listing the key in `services`.
    ArticlesOfService,
    /// Services whose `owner` is the key.
    ServicesOfOwner,
    /// Services listing the key in `depends_on`.
    DependentsOfService,
}

/// The catalogue storage interface the app talks to.
#[allow(async_fn_in_trait)] // single-threaded wasm: futures need not be Send
pub trait CatalogueStore {
    /// The whole stored catalogue, or `None` when nothing has been stored yet.
    async fn load(&self) -> Result<Option<Catalogue>, StoreError>;
    /// Replaces everything stored with `cat`, all or nothing.
    async fn replace_all(&self, cat: &Catalogue) -> Result<(), StoreError>;
    /// Writes one record, replacing the record with the same id.
    async fn put<R: Record>(&self, record: &R) -> Result<(), StoreError>;
    /// Deletes one record; deleting what is not there is not an error.
    async fn delete(&self, kind: RecordKind, id: &str) -> Result<(), StoreError>;
    /// Replaces the catalogue metadata.
    async fn put_meta(&self, meta: &CatalogueMeta) -> Result<(), StoreError>;
    /// Ids of the records related to `key` by `relation`, sorted.
    async fn related(&self, relation: Relation, key: &str) -> Result<Vec<String>, StoreError>;
}
