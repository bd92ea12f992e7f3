//! Storage of the catalogue behind one interface, [`CatalogueStore`], with two
//! implementations: [`MemoryStore`] (native tests, and a fallback when IndexedDB is
//! unavailable) and, in the browser, [`IdbStore`] on IndexedDB. The same test suite runs
//! against both (`tests/`).
//!
//! This is the only code that touches IndexedDB. It stores what the domain hands it and
//! never validates: [`import`] is where a file is checked before anything is written.

// Used by the IndexedDB store only; tested natively.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod day_records;
mod error;
#[cfg(target_arch = "wasm32")]
mod idb;
pub mod import;
mod memory;

pub use error::StoreError;
#[cfg(target_arch = "wasm32")]
pub use idb::{pause_writes, resume_writes, IdbStore, Replacement, SchemaVersion, Staged, DB_NAME, WRITE_CHUNK};
pub use import::{prepare_import, PreparedImport};
pub use memory::MemoryStore;

use catalogue_core::changes::WhatsNew;
use catalogue_core::digest::Digests;
use catalogue_core::model::*;
use catalogue_core::operations::Operations;
use catalogue_core::Catalogue;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One record written by an edit. `expected` is the revision the editor started from
/// (`None`: the record must not exist yet); when the stored revision differs, someone
/// else saved meanwhile and the whole edit is refused with [`StoreError::Conflict`].
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub kind: RecordKind,
    pub id: String,
    pub expected: Option<u64>,
    /// The new record (its JSON value), or `None` to delete it.
    pub record: Option<Value>,
}

/// A version of a record that was replaced or deleted, kept for the history view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub record: Value,
    /// When it stopped being the current version.
    pub replaced_at: Timestamp,
    /// Whether it was replaced by nothing: the record was deleted then.
    pub deleted: bool,
}

/// A record created, changed or deleted locally since the catalogue was last replaced
/// (by an import or the published catalogue), with what it was then.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalChange {
    pub kind: RecordKind,
    pub id: String,
    /// The record before the first local edit; `None` when it was created locally.
    pub base: Option<Value>,
}

/// What the catalogue list shows of `cat` (see [`CatalogueStore::load_list`]), records
/// in key order as stored.
fn list_of(cat: &Catalogue) -> Catalogue {
    let mut list = Catalogue {
        catalogue: cat.catalogue.clone(),
        parties: cat.parties.clone(),
        services: cat.services.clone(),
        ..Catalogue::empty("")
    };
    list.sort();
    list
}

/// How many operational records are stored, and the first and last time they tell of
/// (incidents opened, changes started).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationsSummary {
    pub incidents: usize,
    pub changes: usize,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
}

/// Keeps of `ops` only the records in `[from, to)`: incidents opened and changes started
/// then, ordered by that time (then id), as both stores give them. In place: a period of
/// a large file is tens of MB, and a filtered copy beside it would double that.
fn keep_between(ops: &mut Operations, from: Timestamp, to: Timestamp) {
    ops.incidents.retain(|x| x.opened >= from && x.opened < to);
    ops.changes.retain(|c| c.start >= from && c.start < to);
    // Unstable sorts sort in place (ids are unique, so the order is the same).
    ops.incidents.sort_unstable_by(|a, b| (a.opened, &a.id).cmp(&(b.opened, &b.id)));
    ops.changes.sort_unstable_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
}

/// Key of a record across kinds: `services/mail`.
pub fn record_key(kind: RecordKind, id: &str) -> String {
    format!("{}/{id}", kind.collection())
}

/// The catalogue storage interface the app talks to.
#[allow(async_fn_in_trait)] // single-threaded wasm: futures need not be Send
pub trait CatalogueStore {
    /// The whole stored catalogue, or `None` when nothing has been stored yet.
    async fn load(&self) -> Result<Option<Catalogue>, StoreError>;
    /// What the catalogue list shows, read before the rest at start: the metadata, the
    /// parties and the services of [`CatalogueStore::load`], every other kind empty. While
    /// nothing was written since [`CatalogueStore::store_derived`], the list given there.
    async fn load_list(&self) -> Result<Option<Catalogue>, StoreError>;
    /// The whole catalogue, completing `list` (what `load_list` gave) with every other kind.
    async fn load_rest(&self, list: Catalogue) -> Result<Catalogue, StoreError>;
    /// Like [`CatalogueStore::load_rest`], with the articles without their texts
    /// ([`Article::TEXTS`]): what the app holds in memory, a fraction of the whole on a
    /// large catalogue. The texts are read whole with [`CatalogueStore::record`] or
    /// [`CatalogueStore::articles_after`].
    async fn load_rest_held(&self, list: Catalogue) -> Result<Catalogue, StoreError>;
    /// One record, whole, as its record type writes it (`None` when there is none with
    /// that id): an imported record is stored as its file wrote it.
    async fn record(&self, kind: RecordKind, id: &str) -> Result<Option<Value>, StoreError>;
    /// Up to `count` articles, whole, in id order from the first after `after` (from the
    /// first of all with `None`): every article read a batch at a time.
    async fn articles_after(&self, after: Option<&str>, count: usize) -> Result<Vec<Article>, StoreError>;
    /// Replaces everything stored with `cat`, all or nothing. Local changes are forgotten
    /// (the new catalogue is their new base); the history of records is kept.
    async fn replace_all(&self, cat: &Catalogue) -> Result<(), StoreError>;
    /// Replaces everything stored with `cat` (a merge of a new published catalogue with
    /// local edits) and the local changes with `changes`, in one transaction. The merge
    /// was made from what was stored at generation `based_on`: when anything was written
    /// since (an import, a save), storing it would undo that write, so it is refused with
    /// [`StoreError::Stale`] and nothing changes.
    async fn replace_merged(&self, cat: &Catalogue, changes: &[LocalChange], based_on: u64) -> Result<(), StoreError>;
    /// Writes the records of one edit in one transaction, all or nothing: each previous
    /// version goes to the history, and the first local edit of a record remembers what
    /// it was before (see [`LocalChange`]). Gives the [`generation`](CatalogueStore::generation)
    /// it wrote.
    async fn apply(&self, writes: &[Write], at: Timestamp) -> Result<u64, StoreError>;
    /// The earlier versions of a record, oldest first (the current one is not included).
    async fn history(&self, kind: RecordKind, id: &str) -> Result<Vec<Version>, StoreError>;
    /// What the reader has not seen yet of the published catalogue, as last kept; an
    /// import that replaces the catalogue ([`CatalogueStore::replace_all`]) forgets it.
    async fn whats_new(&self) -> Result<Option<WhatsNew>, StoreError>;
    /// Keeps `whats_new` in place of what was kept before. Not a write of the catalogue:
    /// the [`generation`](CatalogueStore::generation) stays.
    async fn keep_whats_new(&self, whats_new: &WhatsNew) -> Result<(), StoreError>;
    /// The digest of every stored record (see `catalogue_core::digest`): what an import's
    /// preview compares with. `None` when nothing has been stored yet.
    async fn digests(&self) -> Result<Option<Digests>, StoreError>;
    /// Records changed locally since the catalogue was last replaced, by kind and id.
    async fn local_changes(&self) -> Result<Vec<LocalChange>, StoreError>;
    /// A number that every write of the catalogue raises in its own transaction: data
    /// derived from the catalogue and stamped with it is current while it is unchanged.
    async fn generation(&self) -> Result<u64, StoreError>;
    /// The search index (as bytes) stored at the current generation, if any: an index
    /// stored before the last write is never given.
    async fn load_search_index(&self) -> Result<Option<Vec<u8>>, StoreError>;
    /// Keeps, for the next start, what is derived from `cat`, the catalogue as it was
    /// stored at `generation`: its search index (as bytes) and its list, which
    /// [`CatalogueStore::load_list`] then reads as one value instead of every service and
    /// party. Does nothing and gives false when a write came since.
    async fn store_derived(&self, generation: u64, search_index: &[u8], cat: &Catalogue) -> Result<bool, StoreError>;

    /// Operational records (incidents, changes) are kept beside the catalogue, never in
    /// it: no write of theirs is a write of the catalogue, and replacing the catalogue
    /// keeps them. These are the records in `[from, to)` (see [`OperationsSummary`]),
    /// ordered by time.
    async fn operations(&self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError>;
    async fn operations_summary(&self) -> Result<OperationsSummary, StoreError>;
    /// Stores `ops` in one transaction, all or nothing: in place of every record stored
    /// (`replace`), or beside them, a record with the id of a stored one replacing it.
    async fn put_operations(&self, ops: &Operations, replace: bool) -> Result<(), StoreError>;
    /// Forgets every operational record.
    async fn clear_operations(&self) -> Result<(), StoreError>;
}
