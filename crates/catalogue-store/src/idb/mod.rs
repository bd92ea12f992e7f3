//! The IndexedDB store: one database, an object store per record kind keyed by `id`, and
//! a `meta` store for the catalogue metadata. Records are stored as plain JS objects
//! (their JSON form), so the database is readable with the browser's developer tools.
//! Relations between records are looked up in memory (`catalogue_core::lookup`), not
//! through indexes.

use catalogue_core::changes::WhatsNew;
use catalogue_core::digest::{encode, Digests};
use catalogue_core::model::*;
use catalogue_core::operations::Operations;
use catalogue_core::Catalogue;
use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionDurability, TransactionMode, TransactionOptions};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, OnceCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

use crate::{record_key, CatalogueStore, LocalChange, OperationsSummary, StoreError, Version, Write};

mod articles;
mod digests;
mod operations;
mod replace;
mod schema;
mod sets;
mod staging;
mod writes;

pub use replace::Replacement;
pub use schema::SchemaVersion;
use sets::RecordSet;
pub use staging::Staged;
pub use writes::{pause_writes, resume_writes};

/// The name of the app's database.
pub const DB_NAME: &str = "service-catalogue";

const META: &str = "meta";
const META_KEY: &str = "catalogue";
/// What the reader has not seen of the published catalogue (`WhatsNew`), in `meta`.
const WHATS_NEW: &str = "whats_new";
/// Earlier versions of records: `{key, record_key, version}`, keyed by
/// `services/mail/00000000000000000003` (kind, id, zero-padded revision: key order is
/// version order), indexed by `record_key` (`services/mail`).
const HISTORY: &str = "history";
/// First local edit of each record since the last replace: `{key, change}`, keyed by record key.
const LOCAL_CHANGES: &str = "local_changes";
const BY_RECORD: &str = "by_record";
/// Data derived from the catalogue, out-of-line keys: [`GENERATION`], a number every
/// write of the catalogue raises in its own transaction, and what is kept for the next
/// start: [`SEARCH_INDEX`] and [`LIST`] (bytes), both derived from the catalogue as it
/// was at the generation [`KEPT_AT`], and current only while it is [`GENERATION`].
const DERIVED: &str = "derived";
const GENERATION: &str = "generation";
const KEPT_AT: &str = "kept_at";
const SEARCH_INDEX: &str = "search_index";
/// The list (metadata, parties, services) as one catalogue file's JSON: at start, one
/// value to read instead of a JS object per record, which the browser builds one by one
/// and the app turns back into JSON (on 10,000 services, about a second).
const LIST: &str = "list";

/// Records written between two progress reports of a replace.
pub const WRITE_CHUNK: usize = 5_000;

/// The catalogue in IndexedDB.
pub struct IdbStore {
    db: Database,
    /// The schema it was opened at; older than the latest only in upgrade tests, which
    /// write data as an earlier release did.
    version: SchemaVersion,
    /// The set of record stores holding the catalogue when this connection last looked
    /// (see `sets.rs`).
    live: Cell<RecordSet>,
}

fn failed(e: impl std::fmt::Display) -> StoreError {
    StoreError::WriteFailed(e.to_string())
}

fn write_error(e: Error) -> StoreError {
    match &e {
        Error::DomException(DomException::Other(d)) if d.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
        // A transaction aborted for lack of space reports it in its message (Chromium:
        // "… QuotaExceededError …"), whatever the error's own name.
        _ if e.to_string().to_ascii_lowercase().contains("quota") => StoreError::QuotaExceeded,
        _ => failed(e),
    }
}

fn read_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Turns records into JS objects through their JSON form: one `JSON.parse` per list,
/// much faster than building each object field by field from Rust.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let json = catalogue_core::file::to_json(value);
    js_sys::JSON::parse(&json).map_err(|e| failed(format!("{e:?}")))
}

fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let json: String = js_sys::JSON::stringify(value).map_err(|e| read_error(format!("{e:?}")))?.into();
    serde_json::from_str(&json).map_err(read_error)
}

impl IdbStore {
    /// Opens (creating or upgrading) the app's database. While a tab running an older
    /// version keeps it open, the upgrade waits and `on_blocked` is called once.
    pub async fn open(on_blocked: impl FnOnce() + 'static) -> Result<IdbStore, StoreError> {
        IdbStore::open_at(DB_NAME, SchemaVersion::LATEST, on_blocked).await
    }

    /// Opens a database by name (tests use their own).
    pub async fn open_named(name: &str) -> Result<IdbStore, StoreError> {
        IdbStore::open_at(name, SchemaVersion::LATEST, || ()).await
    }

    /// Opens a database at a given schema version: tests of upgrades from older ones.
    pub async fn open_at(
        name: &str,
        version: SchemaVersion,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<IdbStore, StoreError> {
        let unavailable = |e: OpenDbError| match e {
            OpenDbError::VersionZero => StoreError::Unavailable("version zero".into()),
            other => StoreError::Unavailable(other.to_string()),
        };
        // The upgrade callback is given the database only; the upgrade's transaction is
        // the open request's, which is set here before the event can fire.
        let request: Rc<OnceCell<web_sys::IdbOpenDbRequest>> = Rc::default();
        let upgrading = request.clone();
        let open = Database::open(name)
            .with_version(version as u32)
            .with_on_blocked(move |_event: VersionChangeEvent| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(move |event: VersionChangeEvent, db: Database| {
                let tx = upgrading
                    .get()
                    .and_then(|r| r.transaction())
                    .ok_or_else(|| Error::from(JsValue::from_str("an upgrade without its transaction")))?;
                let from = event.old_version() as u32;
                for v in SchemaVersion::ALL.into_iter().filter(|v| *v as u32 > from && *v <= version) {
                    v.upgrade(&db, &tx)?;
                }
                Ok(())
            })
            .build()
            .map_err(unavailable)?;
        request.get_or_init(|| open.as_sys().clone());
        let db = open.await.map_err(unavailable)?;
        Ok(IdbStore { db, version, live: Cell::new(RecordSet::First) })
    }

    /// Closes the connection, so that a newer version can open (and upgrade) the database.
    pub fn close(self) {
        self.db.close();
    }

    /// Waits until another tab asks to upgrade (or delete) the database, then closes this
    /// connection so that tab is not blocked; this store fails every call afterwards.
    pub async fn yield_to_newer_version(&self) {
        let Ok(mut changes) = self.db.version_changes() else { return };
        if changes.recv().await.is_some() {
            self.db.clone().close();
        }
    }

    /// Deletes a database by name (tests).
    pub async fn delete_named(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(|e| StoreError::Unavailable(e.to_string()))?
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    /// Every object store's entries as `[key, value]` pairs in key order and its index
    /// names, with the schema version: the raw database, as a migration fixture keeps it.
    pub async fn dump(&self) -> Result<serde_json::Value, StoreError> {
        let mut stores = serde_json::Map::new();
        let mut indexes = serde_json::Map::new();
        let names: Vec<String> = self.db.object_store_names().collect();
        for name in names {
            let tx = self.db.transaction(name.as_str()).build().map_err(read_error)?;
            let store = tx.object_store(&name).map_err(read_error)?;
            indexes.insert(name.clone(), store.index_names().collect::<Vec<String>>().into());
            let keys: Vec<JsValue> = store
                .get_all_keys::<JsValue>()
                .primitive()
                .map_err(read_error)?
                .await
                .map_err(read_error)?
                .collect::<Result<_, _>>()
                .map_err(read_error)?;
            let values: Vec<JsValue> = store
                .get_all::<JsValue>()
                .primitive()
                .map_err(read_error)?
                .await
                .map_err(read_error)?
                .collect::<Result<_, _>>()
                .map_err(read_error)?;
            let pairs: js_sys::Array = keys.iter().zip(&values).map(|(k, v)| js_sys::Array::of2(k, v)).collect();
            stores.insert(name, from_js(&pairs)?);
        }
        Ok(serde_json::json!({ "schema_version": self.version as u32, "stores": stores, "indexes": indexes }))
    }

    /// Creates the database `name` afresh at a dump's schema version, holding exactly the
    /// dump's entries: a database as an earlier release left it.
    pub async fn restore(name: &str, dump: &serde_json::Value) -> Result<(), StoreError> {
        let number = dump["schema_version"].as_u64().unwrap_or(0);
        let version = SchemaVersion::ALL
            .into_iter()
            .find(|v| *v as u64 == number)
            .ok_or_else(|| failed(format!("no schema version {number}")))?;
        IdbStore::delete_named(name).await?;
        let store = IdbStore::open_at(name, version, || ()).await?;
        let stores = dump["stores"].as_object().ok_or_else(|| failed("a dump needs its stores"))?;
        let names: Vec<&str> = stores.keys().map(String::as_str).collect();
        let tx = store.write_tx(&names)?;
        for (name, pairs) in stores {
            let object_store = tx.object_store(name).map_err(failed)?;
            for pair in pairs.as_array().into_iter().flatten() {
                let (key, value) = (to_js(&pair[0])?, to_js(&pair[1])?);
                // `meta`, `derived`, `staging` and the days of operational records keep
                // their keys outside the values.
                if [META, DERIVED, staging::STAGING].contains(&name.as_str())
                    || operations::STORES.contains(&name.as_str())
                {
                    object_store.put(value).with_key(key).primitive().map_err(write_error)?;
                } else {
                    object_store.put(value).primitive().map_err(write_error)?;
                }
            }
        }
        commit_written(tx, names[0]).await?;
        store.close();
        Ok(())
    }

    /// Every kind but the list's (metadata, parties, services) and the articles, into
    /// `cat`, and the articles by `articles`, all in one transaction.
    async fn read_rest(
        &self,
        mut cat: Catalogue,
        articles: impl AsyncFn(&Transaction<'_>, &str) -> Result<Vec<Article>, StoreError>,
    ) -> Result<Catalogue, StoreError> {
        let kinds: Vec<RecordKind> =
            self.kinds().into_iter().filter(|k| !matches!(k, RecordKind::Party | RecordKind::Service)).collect();
        let (tx, set) = self.read_records(&kinds, &[]).await?;
        for kind in kinds {
            let store = set.store(kind);
            match kind {
                RecordKind::Calendar => cat.calendars = read_all_in(&tx, &store).await?,
                RecordKind::Offering => cat.offerings = read_all_in(&tx, &store).await?,
                RecordKind::Agreement => cat.agreements = read_all_in(&tx, &store).await?,
                RecordKind::Scorecard => cat.scorecards = read_all_in(&tx, &store).await?,
                RecordKind::Article => cat.articles = articles(&tx, &store).await?,
                RecordKind::Party | RecordKind::Service => {}
            }
        }
        Ok(cat)
    }

    async fn read_all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(store).build().map_err(read_error)?;
        read_all_in(&tx, store).await
    }

    /// A write transaction over `stores` (the raw kind: derived data and fixtures).
    /// Every write goes through here, so that leaving the page can abort it (`writes.rs`).
    fn write_tx(&self, stores: &[&str]) -> Result<indexed_db_futures::transaction::Transaction<'_>, StoreError> {
        writes::allowed()?;
        let tx = self
            .db
            .transaction(stores)
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Relaxed))
            .build()
            .map_err(failed)?;
        writes::track(tx.as_sys());
        Ok(tx)
    }
}

/// Commits `tx` once every request given to it has succeeded: a last one (a count of
/// `store`, in its scope) is waited for first, and requests complete in order. A request
/// that failed has aborted the transaction, whose error (the request's) is given back.
/// Calling `commit()` with requests still pending is not enough in Firefox (ESR 153): in
/// a transaction that has already completed a request, a request failing after
/// `commit()` no longer aborts it, and everything written before the failure is kept.
async fn commit_written(tx: indexed_db_futures::transaction::Transaction<'_>, store: &str) -> Result<(), StoreError> {
    let last = tx.object_store(store).map_err(failed)?.count().primitive().map_err(failed)?.await;
    if let Err(e) = last {
        return Err(write_error(tx.error().unwrap_or(e)));
    }
    tx.commit().await.map_err(write_error)
}

/// The generation stored in `derived` (of a transaction covering it); none stored yet is
/// generation 0.
async fn generation_in(derived: &indexed_db_futures::object_store::ObjectStore<'_>) -> Result<u64, Error> {
    let value: Option<JsValue> = derived.get(GENERATION).primitive()?.await?;
    Ok(value.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64)
}

async fn read_all_in<T: DeserializeOwned>(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    store: &str,
) -> Result<Vec<T>, StoreError> {
    let values: Vec<JsValue> = tx
        .object_store(store)
        .map_err(read_error)?
        .get_all::<JsValue>()
        .primitive()
        .map_err(read_error)?
        .await
        .map_err(read_error)?
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    let array: js_sys::Array = values.into_iter().collect();
    from_js(&array)
}

/// The bytes kept for the next start under `key`, unless a write came since.
async fn kept(tx: &indexed_db_futures::transaction::Transaction<'_>, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let derived = tx.object_store(DERIVED).map_err(read_error)?;
    let current = generation_in(&derived).await.map_err(read_error)?;
    // Nothing kept yet is never current: a database of a release that kept only the search
    // index has no `kept_at`, and keeps both once the index is built again.
    let kept_at: Option<JsValue> = derived.get(KEPT_AT).primitive().map_err(read_error)?.await.map_err(read_error)?;
    if kept_at.and_then(|v| v.as_f64()) != Some(current as f64) {
        return Ok(None);
    }
    let bytes: Option<JsValue> = derived.get(key).primitive().map_err(read_error)?.await.map_err(read_error)?;
    Ok(bytes.filter(|b| b.is_instance_of::<js_sys::Uint8Array>()).map(|b| js_sys::Uint8Array::new(&b).to_vec()))
}

impl CatalogueStore for IdbStore {
    async fn load(&self) -> Result<Option<Catalogue>, StoreError> {
        match self.load_list().await? {
            Some(list) => self.load_rest(list).await.map(Some),
            None => Ok(None),
        }
    }

    async fn load_rest(&self, cat: Catalogue) -> Result<Catalogue, StoreError> {
        self.read_rest(cat, async |tx, store| read_all_in(tx, store).await).await
    }

    async fn load_rest_held(&self, cat: Catalogue) -> Result<Catalogue, StoreError> {
        self.read_rest(cat, articles::read_held).await
    }

    async fn record(&self, kind: RecordKind, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        let (tx, set) = self.read_records(&[kind], &[]).await?;
        articles::record(&tx, &set.store(kind), kind, id).await
    }

    async fn articles_after(&self, after: Option<&str>, count: usize) -> Result<Vec<Article>, StoreError> {
        let (tx, set) = self.read_records(&[RecordKind::Article], &[]).await?;
        let batch = articles::batch(&tx, &set.store(RecordKind::Article), after, count).await?;
        from_js(&batch.into_iter().collect::<js_sys::Array>())
    }

    async fn load_list(&self) -> Result<Option<Catalogue>, StoreError> {
        let with_derived = self.version >= SchemaVersion::V4;
        // One transaction: the list read is one moment of the catalogue.
        let (tx, set) = self.read_records(&[RecordKind::Party, RecordKind::Service], &[META]).await?;
        if with_derived {
            if let Some(bytes) = kept(&tx, LIST).await? {
                match catalogue_core::file::read_list(&bytes) {
                    Ok(list) => return Ok(Some(list)),
                    // Derived data (from an older release, say): the records are read instead.
                    Err(why) => web_sys::console::warn_1(
                        &format!("the list kept for this start is unreadable, the records are read instead: {why}")
                            .into(),
                    ),
                }
            }
        }
        let meta: Option<JsValue> = tx
            .object_store(META)
            .map_err(read_error)?
            .get(META_KEY)
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?;
        let Some(meta) = meta.filter(|m| !m.is_undefined()) else { return Ok(None) };
        let mut cat = Catalogue::empty("");
        cat.catalogue = from_js(&meta)?;
        cat.parties = read_all_in(&tx, &set.store(RecordKind::Party)).await?;
        cat.services = read_all_in(&tx, &set.store(RecordKind::Service)).await?;
        Ok(Some(cat))
    }

    async fn replace_all(&self, cat: &Catalogue) -> Result<(), StoreError> {
        let encoded = encode(cat);
        self.replace_reporting(Replacement::encoded(&encoded)?, &encoded.digests, &[], None, |_, _| ()).await
    }

    async fn replace_merged(&self, cat: &Catalogue, changes: &[LocalChange], based_on: u64) -> Result<(), StoreError> {
        let encoded = encode(cat);
        self.replace_reporting(Replacement::encoded(&encoded)?, &encoded.digests, changes, Some(based_on), |_, _| ())
            .await
    }

    async fn apply(&self, writes: &[Write], at: Timestamp) -> Result<u64, StoreError> {
        let kinds: Vec<RecordKind> = writes.iter().map(|w| w.kind).collect();
        let values = writes.iter().map(|w| w.record.as_ref().map(to_js).transpose()).collect::<Result<Vec<_>, _>>()?;
        let (tx, generation, set) = self.catalogue_write(&kinds, &[HISTORY, LOCAL_CHANGES]).await?;
        let history = tx.object_store(HISTORY).map_err(failed)?;
        let local = tx.object_store(LOCAL_CHANGES).map_err(failed)?;
        for (w, value) in writes.iter().zip(values) {
            let store = tx.object_store(&set.store(w.kind)).map_err(failed)?;
            // Read and write in one transaction: nobody can save in between.
            let current: Option<JsValue> =
                store.get(w.id.as_str()).primitive().map_err(failed)?.await.map_err(failed)?;
            // Through its type, as `record` gives it: it goes to the history and the local changes.
            let current: Option<serde_json::Value> = current
                .filter(|v| !v.is_undefined())
                .map(|v| from_js(&v).map(|v| catalogue_core::edit::canonical_value(w.kind, &v)))
                .transpose()?;
            let stored = current.as_ref().and_then(|v| v["revision"].as_u64());
            if stored != w.expected {
                // Dropping the transaction aborts it: nothing of this edit is written.
                return Err(StoreError::Conflict { kind: w.kind, id: w.id.clone(), stored });
            }
            let key = record_key(w.kind, &w.id);
            if let (Some(record), Some(revision)) = (&current, stored) {
                let version = Version { record: record.clone(), replaced_at: at, deleted: value.is_none() };
                let entry = serde_json::json!({ "key": format!("{key}/{revision:020}"), "record_key": key, "version": version });
                history.put(to_js(&entry)?).primitive().map_err(write_error)?;
            }
            let first: Option<JsValue> = local.get(key.as_str()).primitive().map_err(failed)?.await.map_err(failed)?;
            if first.is_none_or(|v| v.is_undefined()) {
                let change = LocalChange { kind: w.kind, id: w.id.clone(), base: current };
                local
                    .put(to_js(&serde_json::json!({ "key": key, "change": change }))?)
                    .primitive()
                    .map_err(write_error)?;
            }
            match value {
                Some(v) => store.put(v).primitive().map_err(write_error)?,
                None => store.delete(w.id.as_str()).primitive().map_err(write_error)?,
            };
        }
        if self.version >= SchemaVersion::V4 {
            digests::patch(&tx, generation, writes).await?;
        }
        commit_written(tx, HISTORY).await?;
        Ok(generation)
    }

    async fn history(&self, kind: RecordKind, id: &str) -> Result<Vec<Version>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Entry {
            version: Version,
        }
        let tx = self.db.transaction(HISTORY).build().map_err(read_error)?;
        let store = tx.object_store(HISTORY).map_err(read_error)?;
        let index = store.index(BY_RECORD).map_err(read_error)?;
        let values: Vec<JsValue> = index
            .get_all::<JsValue>()
            .with_query(record_key(kind, id))
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?
            .collect::<Result<_, _>>()
            .map_err(read_error)?;
        let entries: Vec<Entry> = from_js(&values.into_iter().collect::<js_sys::Array>())?;
        // The index returns them in primary-key order: by revision, oldest first.
        Ok(entries.into_iter().map(|e| e.version).collect())
    }

    async fn whats_new(&self) -> Result<Option<WhatsNew>, StoreError> {
        let tx = self.db.transaction(META).build().map_err(read_error)?;
        let value: Option<JsValue> = tx
            .object_store(META)
            .map_err(read_error)?
            .get(WHATS_NEW)
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?;
        value.filter(|v| !v.is_undefined()).map(|v| from_js(&v)).transpose()
    }

    async fn keep_whats_new(&self, whats_new: &WhatsNew) -> Result<(), StoreError> {
        let tx = self.write_tx(&[META])?;
        tx.object_store(META)
            .map_err(failed)?
            .put(to_js(whats_new)?)
            .with_key(WHATS_NEW)
            .primitive()
            .map_err(write_error)?;
        commit_written(tx, META).await
    }

    async fn digests(&self) -> Result<Option<Digests>, StoreError> {
        if self.version >= SchemaVersion::V4 {
            let tx = self.db.transaction(DERIVED).build().map_err(read_error)?;
            if let Some(digests) = digests::current(&tx).await? {
                return Ok(Some(digests));
            }
        }
        // None kept (stored by an earlier release) or stale: from the records themselves.
        Ok(self.load().await?.map(|cat| Digests::of(&cat)))
    }

    async fn local_changes(&self) -> Result<Vec<LocalChange>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Entry {
            change: LocalChange,
        }
        let entries: Vec<Entry> = self.read_all(LOCAL_CHANGES).await?;
        Ok(entries.into_iter().map(|e| e.change).collect())
    }

    async fn generation(&self) -> Result<u64, StoreError> {
        if self.version < SchemaVersion::V4 {
            return Ok(0);
        }
        let tx = self.db.transaction(DERIVED).build().map_err(read_error)?;
        generation_in(&tx.object_store(DERIVED).map_err(read_error)?).await.map_err(read_error)
    }

    async fn load_search_index(&self) -> Result<Option<Vec<u8>>, StoreError> {
        if self.version < SchemaVersion::V4 {
            return Ok(None);
        }
        let tx = self.db.transaction(DERIVED).build().map_err(read_error)?;
        kept(&tx, SEARCH_INDEX).await
    }

    async fn store_derived(&self, generation: u64, search_index: &[u8], cat: &Catalogue) -> Result<bool, StoreError> {
        if self.version < SchemaVersion::V4 {
            return Ok(false);
        }
        let list = catalogue_core::file::to_json(&crate::list_of(cat));
        let tx = self.write_tx(&[DERIVED])?;
        let derived = tx.object_store(DERIVED).map_err(failed)?;
        if generation_in(&derived).await.map_err(failed)? != generation {
            // Dropped unfinished: nothing is written.
            return Ok(false);
        }
        for (key, bytes) in [(SEARCH_INDEX, search_index), (LIST, list.as_bytes())] {
            derived
                .put(JsValue::from(js_sys::Uint8Array::from(bytes)))
                .with_key(key)
                .primitive()
                .map_err(write_error)?;
        }
        derived.put(JsValue::from_f64(generation as f64)).with_key(KEPT_AT).primitive().map_err(write_error)?;
        commit_written(tx, DERIVED).await?;
        Ok(true)
    }

    async fn operations(&self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError> {
        self.operations_between(from, to).await
    }

    async fn operations_summary(&self) -> Result<OperationsSummary, StoreError> {
        self.operations_summary_read().await
    }

    async fn put_operations(&self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        self.operations_put(ops, replace).await
    }

    async fn clear_operations(&self) -> Result<(), StoreError> {
        self.operations_clear().await
    }
}
