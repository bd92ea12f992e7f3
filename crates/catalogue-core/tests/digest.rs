//! Records encoded for the store, and the digests an import's preview compares.

use catalogue_core::diff::{preview_digests, preview_replace};
use catalogue_core::digest::{encode, Digests};
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;

fn small() -> Catalogue {
    catalogue_core::parse(include_str!("fixtures/small.json")).expect("fixture is valid")
}

#[test]
fn encoded_lists_hold_every_record_and_the_same_digests() {
    let cat = small();
    let encoded = encode(&cat);
    assert_eq!(encoded.lists.iter().map(|(k, _)| *k).collect::<Vec<_>>(), RecordKind::ALL);
    assert_eq!(encoded.digests, Digests::of(&cat));
    // Each list reads back as the records it was written from.
    let mut back = Catalogue::empty("");
    back.catalogue = serde_json::from_str(&encoded.meta).unwrap();
    for (kind, json) in &encoded.lists {
        let values: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        for v in values {
            back.put_value(*kind, None, &v).unwrap();
        }
    }
    back.schema = cat.schema.clone();
    assert_eq!(back, cat);
}

#[test]
fn a_records_value_has_the_digest_of_the_record() {
    let cat = small();
    let digests = Digests::of(&cat);
    for kind in RecordKind::ALL {
        for (id, _) in cat.record_names(kind) {
            let value = cat.record_value(kind, &id).unwrap();
            assert_eq!(Digests::of_value(kind, &value), digests.get(kind, &id), "{kind:?} {id}");
        }
    }
    let not_a_service = serde_json::json!({ "id": "x", "nonsense": true });
    assert_eq!(Digests::of_value(RecordKind::Service, &not_a_service), None);
}

#[test]
fn digests_survive_the_bytes_the_store_keeps() {
    let digests = Digests::of(&small());
    assert_eq!(Digests::from_bytes(&digests.to_bytes()).unwrap(), digests);
    assert!(Digests::from_bytes(b"\xff\xff\xff").is_err());
}

#[test]
fn the_preview_names_records_added_changed_and_removed() {
    let stored = small();
    let mut incoming = stored.clone();
    let removed = incoming.services.remove(0);
    incoming.services[0].name.push_str(" (renamed)");
    let changed = incoming.services[0].id.clone();
    let mut added = incoming.services[0].clone();
    added.id = "brand-new".into();
    incoming.services.push(added);
    let preview = preview_replace(&stored, &incoming);
    assert_eq!(preview, preview_digests(&Digests::of(&stored), &Digests::of(&incoming)));
    let services = preview.kinds.iter().find(|k| k.kind == RecordKind::Service).unwrap();
    assert_eq!(services.added, vec!["brand-new".to_string()]);
    assert_eq!(services.changed, vec![changed]);
    assert_eq!(services.removed, vec![removed.id]);
    assert_eq!(services.unchanged, stored.services.len() - 2);
    assert_eq!(preview.added() + preview.changed() + preview.removed(), 3);
    assert!(preview_replace(&stored, &stored).is_noop());
}
