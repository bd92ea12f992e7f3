//! The store suite against real IndexedDB in headless Chromium
//! (`cargo test -p catalogue-store --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

mod suite;

use catalogue_store::IdbStore;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh database per test, so tests do not see each other's data.
async fn fresh(name: &str) -> IdbStore {
    IdbStore::delete_named(name).await.unwrap();
    IdbStore::open_named(name).await.unwrap()
}

macro_rules! idb_tests {
    ($($name:ident),* $(,)?) => {$(
        #[wasm_bindgen_test]
        async fn $name() {
            suite::$name(fresh(concat!("test-", stringify!($name))).await).await;
        }
    )*};
}

idb_tests!(
    empty_store_loads_nothing,
    replace_all_then_load_gives_the_same_catalogue,
    replace_all_removes_records_missing_from_the_new_catalogue,
    put_and_delete_single_records,
    index_lookups_find_related_records,
    invalid_import_leaves_the_store_unchanged,
    import_preview_counts_changes_and_commit_writes,
    failed_replace_is_rolled_back,
    edits_keep_earlier_versions_and_remember_the_base,
    a_stale_edit_is_refused_and_writes_nothing,
    deletes_and_creations_are_local_changes_until_the_next_replace,
    a_merge_replaces_the_catalogue_and_the_local_changes_together,
);

/// Opening an empty database creates the latest schema; reopening it keeps the data.
#[wasm_bindgen_test]
async fn migration_from_an_empty_database_creates_the_schema_and_reopen_keeps_data() {
    let name = "test-migration-empty";
    let store = fresh(name).await;
    assert_eq!(catalogue_store::CatalogueStore::load(&store).await.unwrap(), None);
    catalogue_store::CatalogueStore::replace_all(&store, &suite::small()).await.unwrap();
    drop(store);
    let reopened = IdbStore::open_named(name).await.unwrap();
    let loaded = catalogue_store::CatalogueStore::load(&reopened).await.unwrap().unwrap();
    assert_eq!(loaded.services.len(), 3);
}

/// A database left at schema version 1 by an earlier release keeps its catalogue and
/// gains history and local changes when the app opens it.
#[wasm_bindgen_test]
async fn upgrade_from_version_1_keeps_the_catalogue_and_adds_history() {
    use catalogue_store::{CatalogueStore, SchemaVersion, Write};
    let name = "test-upgrade-v1";
    IdbStore::delete_named(name).await.unwrap();
    let old = IdbStore::open_at(name, SchemaVersion::V1, || ()).await.unwrap();
    old.replace_all(&suite::small()).await.unwrap();
    old.close();
    let store = IdbStore::open_named(name).await.unwrap();
    assert_eq!(store.load().await.unwrap(), Some({ let mut c = suite::small(); c.sort(); c }));
    let mut mail = suite::small().record_value(catalogue_core::model::RecordKind::Service, "mail").unwrap();
    mail["revision"] = 2.into();
    let write = Write { kind: catalogue_core::model::RecordKind::Service, id: "mail".into(), expected: Some(1), record: Some(mail) };
    store.apply(&[write], "2026-11-01T00:00:00Z".parse().unwrap()).await.unwrap();
    assert_eq!(store.history(catalogue_core::model::RecordKind::Service, "mail").await.unwrap().len(), 1);
}

/// A tab still on an older schema gives way when a newer version opens the database:
/// the upgrade proceeds instead of waiting forever, and the old tab's store then fails
/// cleanly rather than writing into a database it no longer understands.
#[wasm_bindgen_test]
async fn an_older_connection_yields_to_a_newer_version() {
    use catalogue_store::{CatalogueStore, SchemaVersion};
    use std::rc::Rc;
    let name = "test-yield-to-newer";
    IdbStore::delete_named(name).await.unwrap();
    let old = Rc::new(IdbStore::open_at(name, SchemaVersion::V1, || ()).await.unwrap());
    old.replace_all(&suite::small()).await.unwrap();
    let watcher = old.clone();
    wasm_bindgen_futures::spawn_local(async move { watcher.yield_to_newer_version().await });
    let blocked = Rc::new(std::cell::Cell::new(false));
    let flag = blocked.clone();
    let newer = IdbStore::open_at(name, SchemaVersion::LATEST, move || flag.set(true)).await.unwrap();
    assert_eq!(newer.load().await.unwrap().unwrap().services.len(), 3, "the upgrade kept the data");
    assert!(old.load().await.is_err(), "the old connection is closed");
}
