//! Change sets of local edits, applied to published catalogues; what changed between
//! published versions.

use catalogue_core::change_set::{self, ChangeSet};
use catalogue_core::changes::{between, WhatsNew};
use catalogue_core::merge::{published_before, LocalEdit, RecordConflict};
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use proptest::prelude::*;
use serde_json::{json, Value};

fn small() -> Catalogue {
    let mut cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    cat.sort();
    cat
}

/// Local data made from `published` by `steps`: (kind, id, new value or `None` to delete),
/// with the local edits the store would have recorded.
fn edit(published: &Catalogue, steps: &[(RecordKind, &str, Option<Value>)]) -> (Catalogue, Vec<LocalEdit>) {
    let mut ours = published.clone();
    let mut edits = Vec::new();
    for (kind, id, value) in steps {
        let before = ours.record_value(*kind, id);
        if !edits.iter().any(|e: &LocalEdit| e.kind == *kind && e.id == *id) {
            edits.push(LocalEdit { kind: *kind, id: (*id).into(), base: before.clone() });
        }
        match value {
            Some(v) => {
                ours.put_value(*kind, before.as_ref().map(|_| *id), v).unwrap();
            }
            None => ours.remove_record(*kind, id),
        }
    }
    ours.sort();
    (ours, edits)
}

fn with(cat: &Catalogue, kind: RecordKind, id: &str, change: impl Fn(&mut Value)) -> Value {
    let mut v = cat.record_value(kind, id).unwrap();
    change(&mut v);
    v["revision"] = json!(v["revision"].as_u64().unwrap() + 1);
    v
}

fn owner_edits(published: &Catalogue) -> (Catalogue, Vec<LocalEdit>) {
    let mut voice = with(published, RecordKind::Service, "network", |v| v["name"] = json!("Voice"));
    voice["id"] = json!("voice");
    voice["revision"] = json!(1);
    edit(
        published,
        &[
            (
                RecordKind::Offering,
                "mailbox",
                Some(with(published, RecordKind::Offering, "mailbox", |v| v["summary"] = json!("A bigger mailbox"))),
            ),
            (RecordKind::Service, "mail", Some(with(published, RecordKind::Service, "mail", |v| v["tier"] = json!(1)))),
            (RecordKind::Article, "mail-down", None),
            (RecordKind::Service, "voice", Some(voice)),
        ],
    )
}

#[test]
fn a_change_set_holds_each_changed_record_with_its_published_base() {
    let published = small();
    let (ours, edits) = owner_edits(&published);
    let set = ChangeSet::from_local(&ours, &edits, " Ana ", "Bigger mailboxes\n");
    assert_eq!((set.author.as_str(), set.message.as_str()), ("Ana", "Bigger mailboxes"));
    assert_eq!((set.catalogue.name.as_str(), set.catalogue.revision), ("Test catalogue", 3));
    let listed: Vec<(RecordKind, &str, &str)> = set.changes.iter().map(|c| (c.kind, c.id.as_str(), c.what())).collect();
    assert_eq!(
        listed,
        [
            (RecordKind::Service, "mail", "changed"),
            (RecordKind::Service, "voice", "created"),
            (RecordKind::Offering, "mailbox", "changed"),
            (RecordKind::Article, "mail-down", "deleted"),
        ],
        "in file order: by kind, then id"
    );
    let mailbox = &set.changes[2];
    assert_eq!(
        mailbox.base_revision,
        published.record_value(RecordKind::Offering, "mailbox").unwrap()["revision"].as_u64()
    );
    let fields: Vec<String> = mailbox.fields().into_iter().map(|f| f.path).collect();
    assert_eq!(fields, ["summary"]);
}

#[test]
fn a_record_edited_and_changed_back_is_no_change() {
    let published = small();
    let mail = published.record_value(RecordKind::Service, "mail").unwrap();
    let (ours, edits) = edit(
        &published,
        &[
            (
                RecordKind::Service,
                "mail",
                Some(with(&published, RecordKind::Service, "mail", |v| v["tier"] = json!(1))),
            ),
            (RecordKind::Service, "mail", Some(mail)),
        ],
    );
    assert!(ChangeSet::from_local(&ours, &edits, "", "").changes.is_empty());
}

#[test]
fn the_same_changes_export_byte_identical_and_read_back() {
    let published = small();
    let (ours, mut edits) = owner_edits(&published);
    let first = ChangeSet::from_local(&ours, &edits, "Ana", "Mailboxes").to_canonical_json();
    edits.reverse();
    let second = ChangeSet::from_local(&ours, &edits, "Ana", "Mailboxes").to_canonical_json();
    assert_eq!(first, second);
    let read = ChangeSet::parse(&first).unwrap();
    assert_eq!(read.to_canonical_json(), first);
    assert!(
        first.starts_with("{\n  \"$schema\": \"changes.schema.json\",\n  \"format\": \"service-catalogue-changes\"")
    );
}

#[test]
fn a_file_that_is_not_a_change_set_is_refused_with_where_and_what() {
    let catalogue = include_str!("fixtures/small.json");
    assert_eq!(ChangeSet::parse(catalogue).unwrap_err().path, "format");
    let broken = ChangeSet::parse("{\n  \"format\": \"service-catalogue-changes\",\n  \"version\": 1,\n").unwrap_err();
    assert!(broken.message.contains("not valid JSON"), "{broken:?}");
    assert_eq!(broken.line, Some(4));
    let unknown = r#"{"format": "service-catalogue-changes", "version": 1, "catalogue": {"name": "x", "revision": 1}, "changes": [], "extra": 1}"#;
    assert!(ChangeSet::parse(unknown).unwrap_err().message.contains("extra"));
}

#[test]
fn applied_to_a_file_changed_in_the_same_field_it_is_a_conflict_naming_both_values() {
    let published = small();
    let (ours, edits) = owner_edits(&published);
    let set = ChangeSet::from_local(&ours, &edits, "Ana", "");
    let (now, _) = edit(
        &published,
        &[(
            RecordKind::Offering,
            "mailbox",
            Some(with(&published, RecordKind::Offering, "mailbox", |v| v["summary"] = json!("Maintainer's summary"))),
        )],
    );
    let applied = set.apply(&now);
    let [RecordConflict::Fields { kind, id, conflicts, .. }] = &applied.merge.conflicts[..] else {
        panic!("one conflict: {:?}", applied.merge.conflicts)
    };
    assert_eq!((*kind, id.as_str()), (RecordKind::Offering, "mailbox"));
    assert_eq!(conflicts[0].field, "summary");
    assert_eq!(conflicts[0].mine, Some(json!("A bigger mailbox")));
    assert_eq!(conflicts[0].theirs, Some(json!("Maintainer's summary")));
}

#[test]
fn a_change_applied_again_is_reported_as_already_applied() {
    let published = small();
    let (ours, edits) = owner_edits(&published);
    let set = ChangeSet::from_local(&ours, &edits, "", "");
    let once = set.apply(&published);
    assert!(!once.already_applied);
    let twice = set.apply(&once.merge.merged);
    assert!(twice.already_applied);
    assert!(twice.merge.conflicts.is_empty());
    assert_eq!(twice.merge.merged, once.merge.merged);
}

#[test]
fn the_schema_beside_the_catalogue_is_the_change_set_format() {
    let served = include_str!("../../../public/changes.schema.json");
    assert_eq!(
        change_set::json_schema(),
        served,
        "public/changes.schema.json is stale: run `cargo run -p catalogue-cli -- schema --changes > public/changes.schema.json`"
    );
}

#[test]
fn between_lists_added_changed_and_removed_records_with_their_fields() {
    let old = small();
    let (new, _) = owner_edits(&old);
    let changes = between(&old, &new);
    let listed: Vec<(&str, &str)> = changes.iter().map(|c| (c.id.as_str(), c.what())).collect();
    assert_eq!(listed, [("mail", "changed"), ("voice", "added"), ("mailbox", "changed"), ("mail-down", "removed")]);
    assert_eq!(changes[0].fields()[0].path, "tier");
    assert_eq!(changes[1].title(), "Voice");
    assert!(between(&new, &new).is_empty());
}

#[test]
fn whats_new_adds_to_what_the_reader_has_not_seen_and_starts_over_once_seen() {
    let n = small();
    let mut n1 = edit(
        &n,
        &[(RecordKind::Service, "mail", Some(with(&n, RecordKind::Service, "mail", |v| v["tier"] = json!(1))))],
    )
    .0;
    n1.catalogue.revision = 4;
    let mut n2 = edit(
        &n1,
        &[(
            RecordKind::Service,
            "identity",
            Some(with(&n1, RecordKind::Service, "identity", |v| v["summary"] = json!("Signing in, renamed"))),
        )],
    )
    .0;
    n2.catalogue.revision = 5;
    let first = WhatsNew::after(None, &n, &n1);
    assert_eq!((first.from_revision, first.to_revision, first.records.len()), (3, 4, 1));

    let unseen = WhatsNew::after(Some(first.clone()), &n1, &n2);
    assert_eq!((unseen.from_revision, unseen.to_revision), (3, 5));
    let ids: Vec<&str> = unseen.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["identity", "mail"], "in file order");

    let seen = WhatsNew::after(Some(WhatsNew { seen: true, ..first }), &n1, &n2);
    assert_eq!((seen.from_revision, seen.records.len()), (4, 1));

    // Changed in one version and back in the next: nothing to tell.
    let mut n3 = n.clone();
    n3.catalogue.revision = 5;
    let back = WhatsNew::after(Some(WhatsNew::after(None, &n, &n1)), &n1, &n3);
    assert!(back.records.is_empty(), "{:?}", back.records);
}

#[test]
fn the_published_version_is_the_local_data_with_each_edit_undone() {
    let published = small();
    let (ours, edits) = owner_edits(&published);
    assert_eq!(published_before(&ours, &edits), published);
}

/// Edits made from a few random choices: which records change, get deleted or are created.
fn random_steps(published: &Catalogue, picks: &[(u8, u8, String)]) -> Vec<(RecordKind, String, Option<Value>)> {
    let services = ["mail", "identity", "network"];
    picks
        .iter()
        .map(|(what, which, text)| {
            let id = services[*which as usize % 3];
            match what % 3 {
                0 => (
                    RecordKind::Service,
                    id.to_owned(),
                    Some(with(published, RecordKind::Service, id, |v| v["summary"] = json!(text))),
                ),
                1 => (RecordKind::Article, "mail-down".to_owned(), None),
                _ => {
                    let mut v = with(published, RecordKind::Service, id, |v| v["name"] = json!(text));
                    v["id"] = json!(format!("new-{text}"));
                    (RecordKind::Service, format!("new-{text}"), Some(v))
                }
            }
        })
        .collect()
}

proptest! {
    /// Applying the change set of local edits to the unchanged published file gives the
    /// local catalogue; applying it again changes nothing and says so.
    #[test]
    fn apply_of_local_edits_to_the_published_file_is_the_local_catalogue(
        picks in proptest::collection::vec((0u8..3, 0u8..3, "[a-z]{1,4}"), 1..6),
    ) {
        let published = small();
        let steps = random_steps(&published, &picks);
        let steps: Vec<(RecordKind, &str, Option<Value>)> = steps.iter().map(|(k, id, v)| (*k, id.as_str(), v.clone())).collect();
        let (ours, edits) = edit(&published, &steps);
        let set = ChangeSet::from_local(&ours, &edits, "", "");
        let set = ChangeSet::parse(&set.to_canonical_json()).unwrap();
        let applied = set.apply(&published);
        prop_assert!(applied.merge.conflicts.is_empty());
        prop_assert!(applied.problems.is_empty());
        prop_assert_eq!(&applied.merge.merged, &ours);
        let again = set.apply(&applied.merge.merged);
        prop_assert!(again.already_applied);
        prop_assert_eq!(&again.merge.merged, &ours);
    }
}

/// The browser's storage keeps `95.0` as `95`: read back, it is the same value, so it is
/// neither a change in a change set nor a conflict in a merge.
#[test]
fn a_float_read_back_without_its_fraction_is_no_change() {
    use catalogue_core::edit::{field_changes, merge};
    let stored = json!({ "id": "x", "price": { "amount": 95, "currency": "EUR" }, "summary": "a" });
    let in_memory = json!({ "id": "x", "price": { "amount": 95.0, "currency": "EUR" }, "summary": "b" });
    let paths: Vec<String> = field_changes(&stored, &in_memory).into_iter().map(|c| c.path).collect();
    assert_eq!(paths, ["summary"]);
    let theirs = json!({ "id": "x", "price": { "amount": 96.0, "currency": "EUR" }, "summary": "a" });
    let merged = merge(&stored, &in_memory, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.merged["price"]["amount"], json!(96.0));
}
