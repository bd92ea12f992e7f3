//! The digests of the stored records, which an import's preview compares with: every
//! write of the catalogue keeps them in step with the records.

use catalogue_core::digest::Digests;
use catalogue_core::model::RecordKind;
use catalogue_store::import::prepare_import;
use catalogue_store::CatalogueStore;

use super::{at, rename_mail_delete_its_article, small};

pub async fn digests_follow_every_write_of_the_catalogue(store: impl CatalogueStore) {
    assert_eq!(store.digests().await.unwrap(), None);
    store.replace_all(&small()).await.unwrap();
    assert_eq!(store.digests().await.unwrap(), Some(Digests::of(&small())));

    store.apply(&rename_mail_delete_its_article(), at("2026-11-01T10:00:00Z")).await.unwrap();
    let edited = store.load().await.unwrap().unwrap();
    let digests = store.digests().await.unwrap().unwrap();
    assert_eq!(digests, Digests::of(&edited));
    assert_ne!(digests.get(RecordKind::Service, "mail"), Digests::of(&small()).get(RecordKind::Service, "mail"));
    assert_eq!(digests.get(RecordKind::Article, "mail-down"), None);

    let mut merged = edited.clone();
    merged.services[0].summary = "Merged from the published catalogue".into();
    store.replace_merged(&merged, &[], store.generation().await.unwrap()).await.unwrap();
    assert_eq!(store.digests().await.unwrap(), Some(Digests::of(&merged)));

    // Importing what is stored changes nothing, and the preview says so.
    let text = catalogue_core::to_canonical_json(&merged);
    assert!(prepare_import(&store, text.as_bytes()).await.unwrap().preview.is_noop());
}
