//! One test suite for every store. Each function takes a fresh, empty store.

use catalogue_core::model::Timestamp;
use catalogue_core::model::*;
use catalogue_core::Catalogue;
use catalogue_store::import::{prepare_import, ImportError};
use catalogue_store::{CatalogueStore, LocalChange, StoreError, Write};

pub mod corpus;
pub mod digests;
pub use digests::*;
pub mod held;
pub use held::*;
pub mod operations;
pub use operations::*;

/// Calls `$run!` with the name of every test of the suite: each store's test file runs
/// them all, from this one list.
macro_rules! every_test {
    ($run:ident) => {
        $run!(
            empty_store_loads_nothing,
            replace_all_then_load_gives_the_same_catalogue,
            the_list_comes_alone_and_the_rest_completes_it,
            replace_all_removes_records_missing_from_the_new_catalogue,
            put_and_delete_single_records,
            invalid_import_leaves_the_store_unchanged,
            every_corpus_file_is_refused_and_changes_nothing,
            import_preview_counts_changes_and_commit_writes,
            failed_replace_is_rolled_back,
            edits_keep_earlier_versions_and_remember_the_base,
            a_stale_edit_is_refused_and_writes_nothing,
            deletes_and_creations_are_local_changes_until_the_next_replace,
            a_merge_replaces_the_catalogue_and_the_local_changes_together,
            a_merge_made_before_another_write_is_refused_and_changes_nothing,
            what_is_kept_for_the_next_start_is_given_back_only_until_the_next_write,
            whats_new_is_kept_over_merges_until_a_replace,
            a_period_gives_exactly_the_records_it_holds,
            operations_are_appended_replaced_and_cleared_beside_the_catalogue,
            articles_are_held_without_their_texts_and_read_whole_apart,
            digests_follow_every_write_of_the_catalogue,
        );
    };
}
pub(crate) use every_test;

pub const SMALL: &str = include_str!("../../../catalogue-core/tests/fixtures/small.json");

pub fn small() -> Catalogue {
    catalogue_core::parse(SMALL).expect("fixture is valid")
}

fn sorted(mut c: Catalogue) -> Catalogue {
    c.sort();
    c
}

pub async fn empty_store_loads_nothing(store: impl CatalogueStore) {
    assert_eq!(store.load().await.unwrap(), None);
}

pub async fn replace_all_then_load_gives_the_same_catalogue(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let loaded = store.load().await.unwrap().expect("stored");
    assert_eq!(loaded, sorted(small()));
    assert_eq!(catalogue_core::to_canonical_json(&loaded), catalogue_core::to_canonical_json(&small()));
}

pub async fn the_list_comes_alone_and_the_rest_completes_it(store: impl CatalogueStore) {
    assert_eq!(store.load_list().await.unwrap(), None, "nothing stored, nothing listed");
    store.replace_all(&small()).await.unwrap();
    let full = store.load().await.unwrap().expect("stored");
    let list = store.load_list().await.unwrap().expect("stored");
    assert!(!list.services.is_empty() && !list.parties.is_empty(), "the fixture has services and parties");
    assert_eq!((&list.catalogue, &list.services, &list.parties), (&full.catalogue, &full.services, &full.parties));
    assert!(
        list.offerings.is_empty()
            && list.agreements.is_empty()
            && list.articles.is_empty()
            && list.calendars.is_empty()
            && list.scorecards.is_empty()
    );
    assert_eq!(store.load_rest(list).await.unwrap(), full);
}

pub async fn replace_all_removes_records_missing_from_the_new_catalogue(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let mut smaller = small();
    smaller.articles.clear();
    smaller.agreements.retain(|a| a.id != "network-ola");
    store.replace_all(&smaller).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.agreements.len(), 1);
}

/// An edit of the small fixture: the service `mail` renamed, the article `mail-down` deleted.
pub(crate) fn rename_mail_delete_its_article() -> [Write; 2] {
    let put = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("Email and calendar", 2)),
    };
    let delete = Write { kind: RecordKind::Article, id: "mail-down".into(), expected: Some(1), record: None };
    [put, delete]
}

pub async fn put_and_delete_single_records(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let [put, delete] = rename_mail_delete_its_article();
    // Deleting what is not there is not an error.
    let nothing = Write { kind: RecordKind::Article, id: "never-existed".into(), expected: None, record: None };
    store.apply(&[put, delete, nothing], at("2026-11-01T10:00:00Z")).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.service("mail").unwrap().name, "Email and calendar");
    assert_eq!(loaded.service("mail").unwrap().revision, 2);
    assert!(loaded.articles.is_empty());
}

pub async fn invalid_import_leaves_the_store_unchanged(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let before = store.load().await.unwrap();
    let broken = SMALL.replace("\"owner\": \"ana\"", "\"owner\": \"nobody\"");
    match prepare_import(&store, broken.as_bytes()).await {
        Err(ImportError::Invalid(problems)) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].path, "services[0].owner");
            assert!(problems[0].message.contains("unknown party \"nobody\""));
            assert!(problems[0].line.is_some());
        }
        other => panic!("expected a located problem, got {other:?}"),
    }
    let truncated = &SMALL.as_bytes()[..SMALL.len() / 2];
    assert!(matches!(prepare_import(&store, truncated).await, Err(ImportError::Invalid(_))));
    assert_eq!(store.load().await.unwrap(), before);
}

/// Every file of the bad-input corpus is refused by the import with the message the
/// corpus expects, and the stored catalogue stays exactly as it was.
pub async fn every_corpus_file_is_refused_and_changes_nothing(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let before = store.load().await.unwrap();
    let expected: std::collections::BTreeMap<String, String> = serde_json::from_str(corpus::EXPECTED).unwrap();
    assert_eq!(expected.len(), corpus::CORPUS.len());
    for (name, bytes) in corpus::CORPUS {
        match prepare_import(&store, bytes).await {
            Err(ImportError::Invalid(problems)) => {
                let piece = expected[*name].to_lowercase();
                assert!(problems.iter().any(|p| p.to_string().to_lowercase().contains(&piece)), "{name}: {problems:?}");
            }
            Err(other) => panic!("{name}: refused for the wrong reason: {other:?}"),
            Ok(_) => panic!("{name}: accepted"),
        }
    }
    assert_eq!(store.load().await.unwrap(), before);
}

pub async fn import_preview_counts_changes_and_commit_writes(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let mut next = small();
    next.services.retain(|s| s.id != "mail");
    next.offerings.clear();
    next.agreements.clear();
    next.articles.clear();
    next.services[0].summary = "Single sign-on".into();
    next.parties.push(Party { id: "bo".into(), name: "Bo".into(), member_of: vec![], ..small().parties[1].clone() });
    let text = catalogue_core::to_canonical_json(&next);
    let prepared = prepare_import(&store, text.as_bytes()).await.expect("valid");
    assert_eq!((prepared.preview.added(), prepared.preview.changed(), prepared.preview.removed()), (1, 1, 5));
    assert_eq!(store.load().await.unwrap(), Some(sorted(small())), "preview wrote nothing");
    prepared.commit(&store).await.unwrap();
    assert_eq!(store.load().await.unwrap(), Some(sorted(next)));
}

/// A write that fails part-way (two records with one id) must leave the old catalogue.
pub async fn failed_replace_is_rolled_back(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let mut bad = small();
    bad.services.clear();
    bad.articles.push(bad.articles[0].clone());
    assert!(store.replace_all(&bad).await.is_err());
    assert_eq!(store.load().await.unwrap(), Some(sorted(small())));
}

pub(crate) fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn edited_mail(name: &str, revision: u64) -> serde_json::Value {
    let mut v = small().record_value(RecordKind::Service, "mail").unwrap();
    v["name"] = name.into();
    v["revision"] = revision.into();
    v
}

pub async fn edits_keep_earlier_versions_and_remember_the_base(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let w = |name: &str, expected: u64| Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(expected),
        record: Some(edited_mail(name, expected + 1)),
    };
    store.apply(&[w("Mail 2", 1)], at("2026-11-01T10:00:00Z")).await.unwrap();
    store.apply(&[w("Mail 3", 2)], at("2026-11-02T10:00:00Z")).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(
        (loaded.service("mail").unwrap().name.as_str(), loaded.service("mail").unwrap().revision),
        ("Mail 3", 3)
    );
    let history = store.history(RecordKind::Service, "mail").await.unwrap();
    let names: Vec<&str> = history.iter().map(|v| v.record["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Email", "Mail 2"]);
    assert_eq!(history[1].replaced_at, at("2026-11-02T10:00:00Z"));
    assert!(store.history(RecordKind::Service, "identity").await.unwrap().is_empty());
    let changes = store.local_changes().await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].base.as_ref().unwrap()["name"],
        "Email",
        "the base is the version before the first local edit"
    );
}

pub async fn a_stale_edit_is_refused_and_writes_nothing(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let first = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("From tab A", 2)),
    };
    store.apply(&[first.clone()], at("2026-11-01T10:00:00Z")).await.unwrap();
    // Tab B started from revision 1 too, and also deletes an article in the same edit.
    let stale = vec![
        Write { kind: RecordKind::Article, id: "mail-down".into(), expected: Some(1), record: None },
        Write {
            kind: RecordKind::Service,
            id: "mail".into(),
            expected: Some(1),
            record: Some(edited_mail("From tab B", 2)),
        },
    ];
    match store.apply(&stale, at("2026-11-01T10:01:00Z")).await {
        Err(StoreError::Conflict { kind: RecordKind::Service, id, stored: Some(2) }) => assert_eq!(id, "mail"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.service("mail").unwrap().name, "From tab A");
    assert_eq!(loaded.articles.len(), 1, "the article delete was rolled back with the rest");
    assert_eq!(store.history(RecordKind::Article, "mail-down").await.unwrap().len(), 0);
    // Creating a record whose id is taken is a conflict too.
    let taken = Write {
        kind: RecordKind::Service,
        id: "network".into(),
        expected: None,
        record: Some(small().record_value(RecordKind::Service, "network").unwrap()),
    };
    assert!(matches!(store.apply(&[taken], at("2026-11-01T10:02:00Z")).await, Err(StoreError::Conflict { .. })));
}

pub async fn deletes_and_creations_are_local_changes_until_the_next_replace(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let mut new = small().record_value(RecordKind::Service, "network").unwrap();
    new["id"] = "voice".into();
    new["name"] = "Voice".into();
    store
        .apply(
            &[
                Write { kind: RecordKind::Article, id: "mail-down".into(), expected: Some(1), record: None },
                Write { kind: RecordKind::Service, id: "voice".into(), expected: None, record: Some(new) },
            ],
            at("2026-11-01T10:00:00Z"),
        )
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.article("mail-down").is_none());
    assert_eq!(loaded.service("voice").unwrap().name, "Voice");
    let history = store.history(RecordKind::Article, "mail-down").await.unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].deleted, "the last version of a deleted record is kept, to restore it");
    let mut changes = store.local_changes().await.unwrap();
    changes.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(changes.len(), 2);
    assert!(changes[0].base.is_some() && changes[0].id == "mail-down");
    assert!(changes[1].base.is_none() && changes[1].id == "voice");
    store.replace_all(&small()).await.unwrap();
    assert!(store.local_changes().await.unwrap().is_empty());
    assert_eq!(store.history(RecordKind::Article, "mail-down").await.unwrap().len(), 1, "history survives an import");
}

pub async fn a_merge_replaces_the_catalogue_and_the_local_changes_together(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let w = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("Local", 2)),
    };
    store.apply(&[w], at("2026-11-01T10:00:00Z")).await.unwrap();
    let mut merged = small();
    merged.catalogue.revision += 1;
    merged.services.retain(|s| s.id != "identity");
    merged.put_value(RecordKind::Service, Some("mail"), &edited_mail("Local", 2)).unwrap();
    let change = LocalChange {
        kind: RecordKind::Service,
        id: "mail".into(),
        base: small().record_value(RecordKind::Service, "mail"),
    };
    let based_on = store.generation().await.unwrap();
    store.replace_merged(&merged, &[change.clone()], based_on).await.unwrap();
    assert_eq!(store.load().await.unwrap(), Some(sorted(merged)));
    assert_eq!(store.local_changes().await.unwrap(), vec![change]);
}

/// A merge made from what was stored before another write (an import, a save) would
/// undo that write: it is refused and changes nothing.
pub async fn a_merge_made_before_another_write_is_refused_and_changes_nothing(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let based_on = store.generation().await.unwrap();
    let w = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("Saved meanwhile", 2)),
    };
    store.apply(&[w], at("2026-11-01T10:00:00Z")).await.unwrap();
    let before = (store.load().await.unwrap(), store.local_changes().await.unwrap(), store.generation().await.unwrap());
    let mut merged = small();
    merged.catalogue.revision += 1;
    assert!(matches!(store.replace_merged(&merged, &[], based_on).await, Err(StoreError::Stale)));
    assert_eq!(
        (store.load().await.unwrap(), store.local_changes().await.unwrap(), store.generation().await.unwrap()),
        before
    );
    // Made again from what is stored now, it is stored.
    store.replace_merged(&merged, &[], before.2).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().catalogue.revision, merged.catalogue.revision);
}

/// What is kept for the next start (the search index and the list) is given back only
/// while nothing was written after it: every kind of write makes it stale, and what was
/// derived before a write is refused.
pub async fn what_is_kept_for_the_next_start_is_given_back_only_until_the_next_write(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let from_records = store.load_list().await.unwrap();
    let replaced = store.generation().await.unwrap();
    assert_eq!(store.load_search_index().await.unwrap(), None, "nothing stored yet");
    // The list kept is told apart from the records by a name they do not have.
    let mut kept = small();
    kept.services[0].name = "As kept for the next start".into();
    assert!(store.store_derived(replaced, b"index one", &kept).await.unwrap());
    assert_eq!(store.load_search_index().await.unwrap().as_deref(), Some(&b"index one"[..]));
    let (list, kept_sorted) = (store.load_list().await.unwrap().expect("stored"), sorted(kept.clone()));
    assert_eq!(
        (&list.catalogue, &list.parties, &list.services),
        (&kept.catalogue, &kept_sorted.parties, &kept_sorted.services),
        "the list kept is read"
    );
    assert!(list.offerings.is_empty() && list.articles.is_empty(), "the list holds no other kind");

    let edit = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("Mail 2", 2)),
    };
    let edited = store.apply(&[edit], at("2026-11-01T10:00:00Z")).await.unwrap();
    assert!(edited > replaced);
    assert_eq!(store.generation().await.unwrap(), edited);
    assert_eq!(store.load_search_index().await.unwrap(), None, "an edit makes the index stale");
    let list = store.load_list().await.unwrap().expect("stored");
    assert_eq!(
        list.service("mail").map(|s| s.name.as_str()),
        Some("Mail 2"),
        "an edit makes the list kept stale: the records are read"
    );
    assert_ne!(list.services, from_records.as_ref().unwrap().services);
    assert!(
        !store.store_derived(replaced, b"index of before the edit", &kept).await.unwrap(),
        "refused: made before the edit"
    );
    assert_eq!(store.load_search_index().await.unwrap(), None);
    assert_eq!(store.load_list().await.unwrap(), Some(list));
    assert!(store.store_derived(edited, b"index two", &store.load().await.unwrap().unwrap()).await.unwrap());
    assert_eq!(store.load_search_index().await.unwrap().as_deref(), Some(&b"index two"[..]));

    // A refused edit writes nothing, so what is kept stays current.
    let stale = Write {
        kind: RecordKind::Service,
        id: "mail".into(),
        expected: Some(1),
        record: Some(edited_mail("Mail 3", 2)),
    };
    assert!(store.apply(&[stale], at("2026-11-01T10:01:00Z")).await.is_err());
    assert_eq!(
        store.load_search_index().await.unwrap().as_deref(),
        Some(&b"index two"[..]),
        "a refused edit changes nothing"
    );

    let cat = small();
    // Metadata is written only by replaces: there is no other write of it to try.
    for what in ["a replace", "a put", "a delete"] {
        let before = store.generation().await.unwrap();
        assert!(store.store_derived(before, what.as_bytes(), &kept).await.unwrap(), "{what}");
        let party =
            |record| Write { kind: RecordKind::Party, id: cat.parties[0].id.clone(), expected: Some(1), record };
        let when = at("2026-11-01T10:02:00Z");
        match what {
            "a replace" => store.replace_all(&cat).await,
            "a put" => {
                store.apply(&[party(cat.record_value(RecordKind::Party, &cat.parties[0].id))], when).await.map(drop)
            }
            _ => store.apply(&[party(None)], when).await.map(drop),
        }
        .unwrap();
        assert_eq!(store.load_search_index().await.unwrap(), None, "{what} makes the index stale");
        let list = store.load_list().await.unwrap().expect("stored");
        assert!(list.services.iter().all(|s| s.name != kept.services[0].name), "{what} makes the list kept stale");
    }
}

/// What's new is kept over a merge with the published catalogue, and forgotten when
/// another catalogue replaces everything; keeping it is no write of the catalogue.
pub async fn whats_new_is_kept_over_merges_until_a_replace(store: impl CatalogueStore) {
    use catalogue_core::changes::WhatsNew;
    store.replace_all(&small()).await.unwrap();
    assert_eq!(store.whats_new().await.unwrap(), None);
    let mut newer = small();
    newer.catalogue.revision += 1;
    newer.services.retain(|s| s.id != "identity");
    let whats_new = WhatsNew::after(None, &small(), &newer);
    assert_eq!(whats_new.records.len(), 1);
    let generation = store.generation().await.unwrap();
    store.keep_whats_new(&whats_new).await.unwrap();
    assert_eq!(store.generation().await.unwrap(), generation, "not a write of the catalogue");
    assert_eq!(store.whats_new().await.unwrap().as_ref(), Some(&whats_new));
    store.replace_merged(&newer, &[], generation).await.unwrap();
    assert_eq!(store.whats_new().await.unwrap().as_ref(), Some(&whats_new));
    let seen = WhatsNew { seen: true, ..whats_new };
    store.keep_whats_new(&seen).await.unwrap();
    assert_eq!(store.whats_new().await.unwrap(), Some(seen));
    store.replace_all(&small()).await.unwrap();
    assert_eq!(store.whats_new().await.unwrap(), None);
}
