//! Three-way merges of a new published catalogue with local edits.

use catalogue_core::merge::*;
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use proptest::prelude::*;
use serde_json::{json, Value};

fn small() -> Catalogue {
    catalogue_core::parse(include_str!("fixtures/small.json")).unwrap()
}

/// `cat` with the record replaced by `edit(value)`, and the local edit recorded.
fn edited(cat: &Catalogue, kind: RecordKind, id: &str, edit: impl Fn(&mut Value)) -> (Catalogue, LocalEdit) {
    let base = cat.record_value(kind, id);
    let mut v = base.clone().unwrap();
    edit(&mut v);
    v["revision"] = json!(v["revision"].as_u64().unwrap() + 1);
    let mut next = cat.clone();
    next.put_value(kind, Some(id), &v).unwrap();
    (next, LocalEdit { kind, id: id.into(), base })
}

fn published(cat: &Catalogue, kind: RecordKind, id: &str, edit: impl Fn(&mut Value)) -> Catalogue {
    let mut next = edited(cat, kind, id, edit).0;
    next.catalogue.revision += 1;
    next
}

#[test]
fn without_local_edits_the_published_version_is_taken() {
    let base = small();
    let theirs = published(&base, RecordKind::Service, "mail", |v| v["summary"] = json!("New summary"));
    let m = merge_published(&base, &[], &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.merged, {
        let mut t = theirs.clone();
        t.sort();
        t
    });
}

#[test]
fn changes_to_different_fields_both_apply() {
    let base = small();
    let (ours, edit) = edited(&base, RecordKind::Service, "mail", |v| v["name"] = json!("Mail (local)"));
    let theirs = published(&base, RecordKind::Service, "mail", |v| v["summary"] = json!("Published summary"));
    let m = merge_published(&ours, &[edit], &theirs);
    assert!(m.conflicts.is_empty());
    let mail = m.merged.service("mail").unwrap();
    assert_eq!((mail.name.as_str(), mail.summary.as_str()), ("Mail (local)", "Published summary"));
    assert_eq!(m.kept, 1);
    assert_eq!(
        m.merged.catalogue.revision, theirs.catalogue.revision,
        "the merge is based on the new published revision"
    );
    assert_eq!(m.remaining_edits(&theirs).len(), 1, "the local change is still a local change");
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_settled_by_choice() {
    let base = small();
    let (ours, edit) = edited(&base, RecordKind::Service, "mail", |v| v["name"] = json!("Ours"));
    let theirs = published(&base, RecordKind::Service, "mail", |v| v["name"] = json!("Theirs"));
    let mut m = merge_published(&ours, &[edit.clone()], &theirs);
    assert_eq!(m.conflicts.len(), 1);
    m.settle(&[Choice::Fields(vec![false])]);
    assert_eq!(m.merged.service("mail").unwrap().name, "Theirs");
    let mut m = merge_published(&ours, &[edit], &theirs);
    m.settle(&[Choice::Fields(vec![true])]);
    assert_eq!(m.merged.service("mail").unwrap().name, "Ours");
}

#[test]
fn a_delete_against_an_edit_is_a_conflict_never_a_silent_delete() {
    let base = small();
    // Deleted here, edited in the published version.
    let mut ours = base.clone();
    ours.remove_record(RecordKind::Article, "mail-down");
    let deleted = LocalEdit {
        kind: RecordKind::Article,
        id: "mail-down".into(),
        base: base.record_value(RecordKind::Article, "mail-down"),
    };
    let theirs = published(&base, RecordKind::Article, "mail-down", |v| v["title"] = json!("Mail is down (updated)"));
    let m = merge_published(&ours, &[deleted.clone()], &theirs);
    assert!(matches!(&m.conflicts[..], [RecordConflict::DeleteEdit { deleted_locally: true, .. }]));
    // Deleted here, unchanged there: stays deleted.
    let unchanged = published(&base, RecordKind::Service, "network", |v| v["summary"] = json!("Cables"));
    let m = merge_published(&ours, &[deleted], &unchanged);
    assert!(m.conflicts.is_empty());
    assert!(m.merged.article("mail-down").is_none());

    // Edited here, deleted in the published version: kept until chosen.
    let (ours, edit) = edited(&base, RecordKind::Article, "mail-down", |v| v["title"] = json!("Local title"));
    let mut theirs = base.clone();
    theirs.remove_record(RecordKind::Article, "mail-down");
    let mut m = merge_published(&ours, &[edit], &theirs);
    assert!(matches!(&m.conflicts[..], [RecordConflict::DeleteEdit { deleted_locally: false, .. }]));
    assert!(m.merged.article("mail-down").is_some());
    m.settle(&[Choice::KeepRecord(false)]);
    assert!(m.merged.article("mail-down").is_none());
}

#[test]
fn records_created_locally_are_kept() {
    let base = small();
    let mut ours = base.clone();
    let mut voice = base.record_value(RecordKind::Service, "network").unwrap();
    voice["id"] = json!("voice");
    ours.put_value(RecordKind::Service, None, &voice).unwrap();
    let created = LocalEdit { kind: RecordKind::Service, id: "voice".into(), base: None };
    let theirs = published(&base, RecordKind::Service, "mail", |v| v["tier"] = json!(1));
    let m = merge_published(&ours, &[created], &theirs);
    assert!(m.conflicts.is_empty());
    assert!(m.merged.service("voice").is_some());
    assert_eq!(m.merged.service("mail").unwrap().tier, 1);
}

const FIELDS: [&str; 4] = ["name", "summary", "family", "description"];

proptest! {
    /// Per field: a change on one side only is taken, the same change on both sides is
    /// taken, different changes are a conflict; nothing is dropped without one.
    #[test]
    fn no_field_change_is_lost_without_a_conflict(
        ours_changes in proptest::collection::vec(proptest::option::of("[a-c]{1,2}"), 4),
        theirs_changes in proptest::collection::vec(proptest::option::of("[a-c]{1,2}"), 4),
    ) {
        let base = small();
        fn apply(changes: &[Option<String>]) -> impl Fn(&mut Value) + '_ {
            move |v: &mut Value| {
                for (field, change) in FIELDS.iter().zip(changes) {
                    if let Some(c) = change { v[*field] = json!(c); }
                }
            }
        }
        let (ours, edit) = edited(&base, RecordKind::Service, "mail", apply(&ours_changes));
        let theirs = published(&base, RecordKind::Service, "mail", apply(&theirs_changes));
        let m = merge_published(&ours, &[edit], &theirs);
        let merged = m.merged.record_value(RecordKind::Service, "mail").unwrap();
        let conflicting: Vec<String> = m.conflicts.iter().flat_map(|c| match c {
            RecordConflict::Fields { conflicts, .. } => conflicts.iter().map(|c| c.field.clone()).collect(),
            _ => vec![],
        }).collect();
        let base_mail = base.record_value(RecordKind::Service, "mail").unwrap();
        for field in FIELDS {
            let b = base_mail.get(field).cloned();
            let o = ours.record_value(RecordKind::Service, "mail").unwrap().get(field).cloned();
            let t = theirs.record_value(RecordKind::Service, "mail").unwrap().get(field).cloned();
            let got = merged.get(field).cloned();
            if o == t || t == b {
                prop_assert_eq!(&got, &o, "{}: ours {:?} theirs {:?}", field, o, t);
            } else if o == b {
                prop_assert_eq!(&got, &t, "{}", field);
            } else {
                prop_assert!(conflicting.contains(&field.to_string()), "{} changed on both sides without a conflict", field);
            }
        }
    }

    /// Merging with a published side that did not change gives the local side.
    #[test]
    fn an_unchanged_published_side_gives_the_local_side(changes in proptest::collection::vec(proptest::option::of("[a-z]{1,8}"), 4)) {
        let base = small();
        let (ours, edit) = edited(&base, RecordKind::Service, "mail", |v| {
            for (field, change) in FIELDS.iter().zip(&changes) {
                if let Some(c) = change { v[*field] = json!(c); }
            }
        });
        let m = merge_published(&ours, &[edit], &base);
        prop_assert!(m.conflicts.is_empty());
        let (got, want) = (m.merged.record_value(RecordKind::Service, "mail").unwrap(), ours.record_value(RecordKind::Service, "mail").unwrap());
        prop_assert!(catalogue_core::edit::field_changes(&got, &want).is_empty(), "{:?}", catalogue_core::edit::field_changes(&got, &want));
        let (mut rest, mut expected) = (m.merged.clone(), ours.clone());
        rest.remove_record(RecordKind::Service, "mail");
        expected.remove_record(RecordKind::Service, "mail");
        expected.sort();
        prop_assert_eq!(rest, expected);
    }
}
