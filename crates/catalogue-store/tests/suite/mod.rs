//! One test suite for every store. Each function takes a fresh, empty store.

use catalogue_core::model::*;
use catalogue_core::Catalogue;
use catalogue_store::import::{prepare_import, ImportError};
use catalogue_store::{CatalogueStore, Relation};

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

pub async fn put_and_delete_single_records(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    let mut mail = small().service("mail").unwrap().clone();
    mail.name = "Email and calendar".into();
    mail.revision += 1;
    store.put(&mail).await.unwrap();
    store.delete(RecordKind::Article, "mail-down").await.unwrap();
    store.delete(RecordKind::Article, "never-existed").await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.service("mail").unwrap().name, "Email and calendar");
    assert_eq!(loaded.service("mail").unwrap().revision, 2);
    assert!(loaded.articles.is_empty());
}

pub async fn index_lookups_find_related_records(store: impl CatalogueStore) {
    store.replace_all(&small()).await.unwrap();
    assert_eq!(store.related(Relation::OfferingsOfService, "mail").await.unwrap(), vec!["mailbox"]);
    assert_eq!(store.related(Relation::AgreementsOfService, "mail").await.unwrap(), vec!["mail-sla", "network-ola"]);
    assert_eq!(store.related(Relation::AgreementsOfService, "network").await.unwrap(), vec!["network-ola"]);
    assert_eq!(store.related(Relation::ArticlesOfService, "mail").await.unwrap(), vec!["mail-down"]);
    assert_eq!(store.related(Relation::ServicesOfOwner, "ops").await.unwrap(), vec!["identity", "network"]);
    assert_eq!(store.related(Relation::DependentsOfService, "network").await.unwrap(), vec!["identity", "mail"]);
    assert!(store.related(Relation::OfferingsOfService, "nothing").await.unwrap().is_empty());
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
