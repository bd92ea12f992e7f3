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
