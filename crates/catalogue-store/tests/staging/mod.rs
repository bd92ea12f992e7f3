//! An import written beside the catalogue while its preview is shown, then made the
//! catalogue on the reader's word (`IdbStore::stage`, `commit_staged`): against real
//! IndexedDB only, the memory store has no such stores.

use catalogue_core::digest::Digests;
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use catalogue_store::{CatalogueStore, IdbStore, Replacement, Staged, Write};
use wasm_bindgen_test::*;

use crate::{fresh, suite};

/// The small catalogue with one more service, `wiki`: another file to import.
fn other() -> Catalogue {
    let mut cat = suite::small();
    let mut wiki = cat.services[0].clone();
    wiki.id = "wiki".into();
    wiki.name = "Wiki".into();
    cat.services.push(wiki);
    cat.sort();
    cat
}

fn sorted(mut cat: Catalogue) -> Catalogue {
    cat.sort();
    cat
}

async fn stage(store: &IdbStore, cat: &Catalogue) -> Staged {
    let encoded = catalogue_core::digest::encode(cat);
    store.stage(&Replacement::encoded(&encoded).unwrap(), |_, _| ()).await.unwrap()
}

/// Records in a store of the database, read behind the store's back.
async fn count(name: &str, store: &str) -> usize {
    let dump = IdbStore::open_named(name).await.unwrap().dump().await.unwrap();
    dump["stores"][store].as_array().map_or(0, Vec::len)
}

#[wasm_bindgen_test]
async fn a_staged_import_changes_nothing_until_committed_then_is_the_catalogue() {
    let name = "test-staged-commit";
    let store = fresh(name).await;
    store.replace_all(&suite::small()).await.unwrap();
    let staged = stage(&store, &other()).await;
    assert_eq!(store.load().await.unwrap(), Some(sorted(suite::small())), "staged, not yet the catalogue");
    assert_eq!(store.record(RecordKind::Service, "wiki").await.unwrap(), None);
    assert_eq!(count(name, "services_b").await, 4, "the file's records are written beside the catalogue");

    store.commit_staged(&staged, &Digests::of(&other())).await.unwrap();
    assert_eq!(store.load().await.unwrap(), Some(other()));
    assert_eq!(store.digests().await.unwrap(), Some(Digests::of(&other())));
    assert!(store.record(RecordKind::Service, "wiki").await.unwrap().is_some());
    assert!(store.local_changes().await.unwrap().is_empty());
    // A new connection (another tab, the next start) finds the catalogue where it moved.
    let reopened = IdbStore::open_named(name).await.unwrap();
    assert_eq!(reopened.load().await.unwrap(), Some(other()));
    // Edits go to the records now holding the catalogue, their history and digests with them.
    let mut wiki = other().record_value(RecordKind::Service, "wiki").unwrap();
    wiki["revision"] = 2.into();
    wiki["name"] = "Team wiki".into();
    let write = Write { kind: RecordKind::Service, id: "wiki".into(), expected: Some(1), record: Some(wiki) };
    reopened.apply(&[write], "2026-12-01T00:00:00Z".parse().unwrap()).await.unwrap();
    assert_eq!(reopened.load().await.unwrap().unwrap().service("wiki").unwrap().name, "Team wiki");
    assert_eq!(reopened.history(RecordKind::Service, "wiki").await.unwrap().len(), 1);

    // The replaced catalogue's records are cleared once nothing needs them.
    assert_eq!(count(name, "services").await, 3);
    store.clear_unused().await.unwrap();
    assert_eq!(count(name, "services").await, 0);
    assert_eq!(reopened.load().await.unwrap().unwrap().services.len(), 4);
}

/// A connection that read the catalogue before another one moved it reads and writes
/// where it is now, not where it was.
#[wasm_bindgen_test]
async fn a_connection_opened_before_the_switch_follows_the_catalogue() {
    let name = "test-staged-follow";
    let before = fresh(name).await;
    before.replace_all(&suite::small()).await.unwrap();
    assert_eq!(before.load().await.unwrap().unwrap().services.len(), 3);
    let importer = IdbStore::open_named(name).await.unwrap();
    let staged = stage(&importer, &other()).await;
    importer.commit_staged(&staged, &Digests::of(&other())).await.unwrap();
    importer.clear_unused().await.unwrap();

    assert_eq!(before.load_list().await.unwrap().unwrap().services.len(), 4);
    assert_eq!(before.load().await.unwrap(), Some(other()));
    let mut mail = other().record_value(RecordKind::Service, "mail").unwrap();
    mail["revision"] = 2.into();
    let write = Write { kind: RecordKind::Service, id: "mail".into(), expected: Some(1), record: Some(mail) };
    before.apply(&[write], "2026-12-01T00:00:00Z".parse().unwrap()).await.unwrap();
    assert_eq!(importer.load().await.unwrap().unwrap().service("mail").unwrap().revision, 2);
    // And the next import is written beside it again, not over it.
    let again = stage(&before, &suite::small()).await;
    assert_eq!(importer.load().await.unwrap().unwrap().services.len(), 4);
    before.commit_staged(&again, &Digests::of(&suite::small())).await.unwrap();
    assert_eq!(importer.load().await.unwrap(), Some(sorted(suite::small())));
}

/// Only an import's own records become the catalogue: staged over by another import, or
/// cleared (the import was cancelled in another tab), its confirmation fails and the
/// catalogue stays as it was.
#[wasm_bindgen_test]
async fn a_staged_import_written_over_or_cleared_is_refused_and_nothing_changes() {
    let name = "test-staged-refused";
    let store = fresh(name).await;
    store.replace_all(&suite::small()).await.unwrap();
    let first = stage(&store, &other()).await;
    let second = stage(&store, &suite::small()).await;
    let refused = store.commit_staged(&first, &Digests::of(&other())).await;
    assert!(refused.unwrap_err().to_string().contains("choose the file again"));
    assert_eq!(store.load().await.unwrap(), Some(sorted(suite::small())));

    store.clear_unused().await.unwrap();
    assert!(store.commit_staged(&second, &Digests::of(&suite::small())).await.is_err());
    assert_eq!(store.load().await.unwrap(), Some(sorted(suite::small())));
    assert_eq!(count(name, "services_b").await, 0);
}

/// What an import left beside the catalogue when its tab closed is cleared by the next
/// start, unless it is an import staged recently enough that its preview may be open;
/// with nothing beside it, there is nothing to do.
#[wasm_bindgen_test]
async fn what_an_import_left_beside_the_catalogue_is_cleared_unless_it_may_still_be_confirmed() {
    const DAY: f64 = 24.0 * 3600.0 * 1000.0;
    let name = "test-staged-abandoned";
    let store = fresh(name).await;
    store.replace_all(&suite::small()).await.unwrap();
    let staged = stage(&store, &other()).await;
    assert!(!store.clear_abandoned(DAY).await.unwrap(), "staged a moment ago: kept");
    assert_eq!(count(name, "services_b").await, 4);
    store.commit_staged(&staged, &Digests::of(&other())).await.unwrap();
    // The tab closed before it cleared the catalogue the import replaced.
    assert!(store.clear_abandoned(DAY).await.unwrap());
    assert_eq!(count(name, "services").await, 0);
    assert_eq!(store.load().await.unwrap(), Some(other()));
    assert!(!store.clear_abandoned(DAY).await.unwrap(), "nothing beside the catalogue: nothing to clear");
    // An import staged long enough ago is abandoned.
    let abandoned = stage(&store, &suite::small()).await;
    assert!(store.clear_abandoned(0.0).await.unwrap());
    assert_eq!(count(name, "services").await, 0);
    assert!(store.commit_staged(&abandoned, &Digests::of(&suite::small())).await.is_err());
}
