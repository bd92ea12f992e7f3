//! What the app holds in memory (articles without their texts) and reading the rest
//! whole: one record, or every article a batch at a time.

use catalogue_core::model::{Article, RecordKind};
use catalogue_store::{CatalogueStore, Write};

const DEMO: &str = include_str!("../../../../public/catalogue.json");

pub async fn articles_are_held_without_their_texts_and_read_whole_apart(store: impl CatalogueStore) {
    let demo = catalogue_core::parse(DEMO).expect("the demo is valid");
    store.replace_all(&demo).await.unwrap();
    let whole = store.load().await.unwrap().expect("stored");
    assert!(whole.articles.iter().any(|a| !a.body.is_empty() && !a.steps.is_empty() || a.known_error.is_some()));

    let list = store.load_list().await.unwrap().expect("stored");
    let held = store.load_rest_held(list).await.unwrap();
    let expected: Vec<Article> = whole.articles.iter().cloned().map(Article::without_texts).collect();
    assert_eq!(held.articles, expected, "articles held without their texts, nothing else left out");
    assert_eq!(
        (&held.services, &held.offerings, &held.agreements),
        (&whole.services, &whole.offerings, &whole.agreements)
    );

    // One record whole, of any kind; none for an id not stored.
    let runbook = whole.articles.iter().find(|a| !a.steps.is_empty()).expect("the demo has a runbook");
    assert_eq!(
        store.record(RecordKind::Article, &runbook.id).await.unwrap(),
        whole.record_value(RecordKind::Article, &runbook.id)
    );
    let service = &whole.services[0].id;
    assert_eq!(
        store.record(RecordKind::Service, service).await.unwrap(),
        whole.record_value(RecordKind::Service, service)
    );
    assert_eq!(store.record(RecordKind::Article, "no-such-article").await.unwrap(), None);

    // Every article whole, three at a time, in id order.
    let mut read = Vec::new();
    loop {
        let batch = store.articles_after(read.last().map(|a: &Article| a.id.as_str()), 3).await.unwrap();
        assert!(batch.len() <= 3);
        if batch.is_empty() {
            break;
        }
        read.extend(batch);
    }
    assert_eq!(read, whole.articles);

    // An edit is read back whole.
    let mut edited = serde_json::to_value(runbook).unwrap();
    edited["body"] = "Edited *body*.".into();
    edited["revision"] = (runbook.revision + 1).into();
    let write = Write {
        kind: RecordKind::Article,
        id: runbook.id.clone(),
        expected: Some(runbook.revision),
        record: Some(edited.clone()),
    };
    store.apply(&[write], "2026-12-06T08:00:00Z".parse().unwrap()).await.unwrap();
    assert_eq!(store.record(RecordKind::Article, &runbook.id).await.unwrap(), Some(edited));
}
