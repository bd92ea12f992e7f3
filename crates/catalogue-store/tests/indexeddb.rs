//! The store suite against real IndexedDB in headless Chromium and Firefox
//! (`cargo test -p catalogue-store --target wasm32-unknown-unknown`, see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

mod staging;
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

suite::every_test!(idb_tests);

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
    assert_eq!(
        store.load().await.unwrap(),
        Some({
            let mut c = suite::small();
            c.sort();
            c
        })
    );
    let mut mail = suite::small().record_value(catalogue_core::model::RecordKind::Service, "mail").unwrap();
    mail["revision"] = 2.into();
    let write = Write {
        kind: catalogue_core::model::RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(mail),
    };
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
    // The old connection closes as the version change reaches it, before the open request
    // would be told it is blocked: the newer tab never waits for it.
    assert!(!blocked.get(), "the newer version was blocked by the older connection");
    assert_eq!(newer.load().await.unwrap().unwrap().services.len(), 3, "the upgrade kept the data");
    assert!(old.load().await.is_err(), "the old connection is closed");
}

/// Databases as each released schema version left them (`tests/fixtures/db-v*.json`,
/// written by [`write_migration_fixtures`] when that version was the latest).
/// One per version: a new version without its fixture does not compile.
const MIGRATION_FIXTURES: [(&str, &str); catalogue_store::SchemaVersion::ALL.len()] = [
    ("v1", include_str!("fixtures/db-v1.json")),
    ("v2", include_str!("fixtures/db-v2.json")),
    ("v3", include_str!("fixtures/db-v3.json")),
    ("v4", include_str!("fixtures/db-v4.json")),
    ("v5", include_str!("fixtures/db-v5.json")),
    ("v6", include_str!("fixtures/db-v6.json")),
    ("v7", include_str!("fixtures/db-v7.json")),
];

/// Where two JSON values differ, as paths with both sides.
fn differences(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                differences(
                    &format!("{path}.{key}"),
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(&format!("{path}[{i}]"), p, q, out);
            }
        }
        _ if a != b => out.push(format!("{path}: {a} became {b}")),
        _ => {}
    }
}

/// Every released schema's fixture, opened by the current code, keeps every entry of
/// every store field by field, ends with the indexes a new database has, and the
/// catalogue, history and local changes read back.
#[wasm_bindgen_test]
async fn every_released_schema_version_upgrades_its_fixture_without_loss() {
    use catalogue_store::CatalogueStore;
    let fresh_indexes = fresh("test-fixture-fresh").await.dump().await.unwrap()["indexes"].clone();
    for (label, text) in MIGRATION_FIXTURES {
        let fixture: serde_json::Value = serde_json::from_str(text).unwrap();
        let name = format!("test-fixture-{label}");
        IdbStore::restore(&name, &fixture).await.unwrap();
        let store = IdbStore::open_named(&name).await.unwrap();
        let upgraded = store.dump().await.unwrap();
        assert_eq!(upgraded["schema_version"], serde_json::json!(catalogue_store::SchemaVersion::LATEST as u32));
        let mut lost = Vec::new();
        for (store_name, entries) in fixture["stores"].as_object().unwrap() {
            differences(&format!("{label}/{store_name}"), entries, &upgraded["stores"][store_name], &mut lost);
        }
        assert_eq!(lost, Vec::<String>::new(), "{label}: entries changed by the upgrade");
        assert_eq!(upgraded["indexes"], fresh_indexes, "{label}: indexes after the upgrade");
        let cat = store.load().await.unwrap().expect("the fixture holds a catalogue");
        let services: usize = ["services", "services_b"]
            .iter()
            .filter_map(|s| fixture["stores"].get(*s))
            .map(|list| list.as_array().unwrap().len())
            .sum();
        assert_eq!(cat.services.len(), services, "{label}");
        assert!(catalogue_core::validate(&cat).is_empty(), "{label}: {:?}", catalogue_core::validate(&cat));
        if let Some(history) = fixture["stores"].get("history") {
            let first = &history[0][1]["version"]["record"];
            let kind = catalogue_core::model::RecordKind::ALL
                .into_iter()
                .find(|k| history[0][1]["record_key"].as_str().unwrap().starts_with(k.collection()))
                .unwrap();
            let versions = store.history(kind, first["id"].as_str().unwrap()).await.unwrap();
            assert_eq!(&versions[0].record, first, "{label}: history reads back");
            assert!(!store.local_changes().await.unwrap().is_empty(), "{label}: local changes read back");
        }
        // Days of operational records written as JSON text (before they were bytes).
        if let Some(days) = fixture["stores"].get("incidents").filter(|d| d.as_array().is_some_and(|d| !d.is_empty())) {
            let kept: usize = days
                .as_array()
                .unwrap()
                .iter()
                .map(|day| serde_json::from_str::<Vec<serde_json::Value>>(day[1].as_str().unwrap()).unwrap().len())
                .sum();
            let (min, max) = (jiff::Timestamp::MIN, jiff::Timestamp::MAX);
            let read = store.operations(min, max).await.unwrap();
            assert!(
                kept > 0 && read.incidents.len() == kept,
                "{label}: {} of {kept} incidents read back",
                read.incidents.len()
            );
            assert!(!read.changes.is_empty(), "{label}: changes read back");
        }
        store.close();
    }
}

/// Writes the fixture of every schema version to the console (run with `--include-ignored
/// --nocapture` and save each as `tests/fixtures/db-v<N>.json`). A released version's
/// fixture is never rewritten; a new version adds its own.
#[wasm_bindgen_test]
#[ignore]
async fn write_migration_fixtures() {
    use catalogue_core::model::RecordKind;
    use catalogue_store::{CatalogueStore, SchemaVersion, Write};
    for version in SchemaVersion::ALL {
        let name = format!("fixture-{}", version as u32);
        IdbStore::delete_named(&name).await.unwrap();
        let store = IdbStore::open_at(&name, version, || ()).await.unwrap();
        let mut cat = suite::small();
        if version >= SchemaVersion::V3 {
            cat.scorecards.push(catalogue_core::scorecard::default_scorecard("2026-11-23T10:00:00Z".parse().unwrap()));
        }
        store.replace_all(&cat).await.unwrap();
        if version >= SchemaVersion::V7 {
            // Imported through the second set of record stores, which then holds it.
            let encoded = catalogue_core::digest::encode(&cat);
            let staged =
                store.stage(&catalogue_store::Replacement::encoded(&encoded).unwrap(), |_, _| ()).await.unwrap();
            store.commit_staged(&staged, &encoded.digests).await.unwrap();
            store.clear_unused().await.unwrap();
        }
        if version >= SchemaVersion::V2 {
            let mut mail = cat.record_value(RecordKind::Service, "mail").unwrap();
            mail["revision"] = 2.into();
            mail["summary"] = "Email for everyone, edited locally.".into();
            let edit = Write { kind: RecordKind::Service, id: "mail".into(), expected: Some(1), record: Some(mail) };
            store.apply(&[edit], "2026-11-23T10:00:00Z".parse().unwrap()).await.unwrap();
        }
        // Only V6's days of operational records were JSON text: since, they are bytes,
        // which a dump (JSON) does not carry.
        if version == SchemaVersion::V6 {
            let ops = catalogue_core::operations::Operations::parse(include_str!(
                "../../catalogue-cli/tests/fixtures/operations.json"
            ))
            .unwrap();
            store.put_operations(&ops, true).await.unwrap();
        }
        let dump = store.dump().await.unwrap();
        wasm_bindgen_test::console_log!("FIXTURE v{} {}", version as u32, serde_json::to_string(&dump).unwrap());
        store.close();
    }
}

/// The digests an import compares with are kept beside the records by each write, not
/// read from the records: a record taken away behind the store's back is still in them.
#[wasm_bindgen_test]
async fn digests_are_kept_by_the_writes_not_read_from_the_records() {
    use catalogue_core::digest::Digests;
    use catalogue_core::model::RecordKind;
    use catalogue_store::{CatalogueStore, Write};
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let name = "test-digests-kept";
    let store = fresh(name).await;
    store.replace_all(&suite::small()).await.unwrap();
    let mut mail = suite::small().record_value(RecordKind::Service, "mail").unwrap();
    mail["name"] = "Email and calendar".into();
    mail["revision"] = 2.into();
    let edited = Digests::of_value(RecordKind::Service, &mail);
    let write = Write { kind: RecordKind::Service, id: "mail".into(), expected: Some(1), record: Some(mail) };
    store.apply(&[write], "2026-11-01T00:00:00Z".parse().unwrap()).await.unwrap();
    store.close();

    let db = Database::open(name).await.unwrap();
    let tx = db.transaction("services").with_mode(TransactionMode::Readwrite).build().unwrap();
    tx.object_store("services").unwrap().delete("mail").primitive().unwrap().await.unwrap();
    tx.commit().await.unwrap();
    db.close();

    let store = IdbStore::open_named(name).await.unwrap();
    assert!(store.load().await.unwrap().unwrap().service("mail").is_none());
    let kept = store.digests().await.unwrap().unwrap();
    assert!(edited.is_some());
    assert_eq!(kept.get(RecordKind::Service, "mail"), edited);
}

/// An import puts the file's records as `JSON.parse` gives them, fields left out at their
/// defaults included; everything read back is the records as their types write them:
/// the whole catalogue, a single record, and the version an edit keeps in the history.
#[wasm_bindgen_test]
async fn records_put_as_the_file_wrote_them_read_back_as_their_types_write_them() {
    use catalogue_core::digest::Digests;
    use catalogue_core::model::RecordKind;
    use catalogue_store::{CatalogueStore, Replacement, Write};
    let store = fresh("test-parsed-file").await;
    let small = suite::small();
    let digests = Digests::of(&small);
    assert!(!suite::SMALL.contains("\"tags\""), "the fixture leaves fields out");
    let file = Replacement::file(suite::SMALL.to_owned()).unwrap();
    store.replace_reporting(file, &digests, &[], None, |_, _| ()).await.unwrap();

    let mut sorted = small.clone();
    sorted.sort();
    assert_eq!(store.load().await.unwrap(), Some(sorted));
    assert_eq!(store.digests().await.unwrap(), Some(digests));
    for kind in RecordKind::ALL {
        for (id, _) in small.record_names(kind) {
            assert_eq!(store.record(kind, &id).await.unwrap(), small.record_value(kind, &id), "{kind:?} {id}");
        }
    }
    let mut mail = small.record_value(RecordKind::Service, "mail").unwrap();
    mail["name"] = "Email and calendar".into();
    mail["revision"] = 2.into();
    let write = Write { kind: RecordKind::Service, id: "mail".into(), expected: Some(1), record: Some(mail) };
    store.apply(&[write], "2026-11-01T00:00:00Z".parse().unwrap()).await.unwrap();
    let history = store.history(RecordKind::Service, "mail").await.unwrap();
    assert_eq!(Some(history[0].record.clone()), small.record_value(RecordKind::Service, "mail"));
}

/// A file's records are parsed and put a batch at a time: every record of a file of
/// several batches is stored once, and a kind the file leaves out keeps no records of
/// the catalogue it replaces.
#[wasm_bindgen_test]
async fn a_file_of_many_batches_replaces_every_record() {
    use catalogue_core::digest::Digests;
    use catalogue_store::{CatalogueStore, Replacement};
    let store = fresh("test-file-batches").await;
    let mut file: serde_json::Value = serde_json::from_str(suite::SMALL).unwrap();
    let parties = file["parties"].as_array_mut().unwrap();
    for i in 0..1_234 {
        parties.push(serde_json::json!({
            "id": format!("team-{i}"), "revision": 1, "updated_at": "2026-01-01T00:00:00Z",
            "kind": "team", "name": format!("Team {i}"),
        }));
    }
    let many = catalogue_core::parse(&file.to_string()).unwrap();
    let digests = Digests::of(&many);
    store
        .replace_reporting(Replacement::file(file.to_string()).unwrap(), &digests, &[], None, |_, _| ())
        .await
        .unwrap();
    let mut sorted = many.clone();
    sorted.sort();
    assert_eq!(store.load().await.unwrap(), Some(sorted));

    file.as_object_mut().unwrap().remove("articles");
    let without = catalogue_core::parse(&file.to_string()).unwrap();
    store
        .replace_reporting(Replacement::file(file.to_string()).unwrap(), &digests, &[], None, |_, _| ())
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.articles.is_empty(), "the articles of the catalogue replaced are gone");
    assert_eq!(loaded.parties.len(), without.parties.len());
}
