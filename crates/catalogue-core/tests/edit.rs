//! Editing: checks of one record, references, delete plans, diffs and merges.

use catalogue_core::edit::*;
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use serde_json::json;

fn small() -> Catalogue {
    catalogue_core::parse(include_str!("fixtures/small.json")).unwrap()
}

#[test]
fn check_record_reports_problems_at_paths_inside_the_record() {
    let cat = small();
    let mut mail = cat.record_value(RecordKind::Service, "mail").unwrap();
    assert!(check_record(&cat, RecordKind::Service, Some("mail"), &mail).is_empty());
    mail["owner"] = json!("nobody");
    mail["support"]["escalation"] =
        json!([{ "party": "ops", "after_minutes": 30 }, { "party": "ghost", "after_minutes": 60 }]);
    let problems = check_record(&cat, RecordKind::Service, Some("mail"), &mail);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["owner", "support.escalation[1].party"], "{problems:?}");
    assert!(problems[0].message.contains("unknown party \"nobody\""));
}

#[test]
fn check_record_refuses_a_new_record_with_a_taken_id() {
    let cat = small();
    let mut copy = cat.record_value(RecordKind::Service, "mail").unwrap();
    copy["name"] = json!("Email again");
    let problems = check_record(&cat, RecordKind::Service, None, &copy);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "id");
    assert!(problems[0].message.contains("already has the id \"mail\""));
    copy["id"] = json!("mail-2");
    assert!(check_record(&cat, RecordKind::Service, None, &copy).is_empty());
}

#[test]
fn check_record_reports_a_wrong_type_for_the_whole_record() {
    let cat = small();
    let mut mail = cat.record_value(RecordKind::Service, "mail").unwrap();
    mail["tier"] = json!("high");
    let problems = check_record(&cat, RecordKind::Service, Some("mail"), &mail);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "");
}

#[test]
fn proposed_ids_are_slugs_and_unique() {
    assert_eq!(propose_id("Zürich Payroll  API (v2)", |_| false), "zurich-payroll-api-v2");
    assert_eq!(propose_id("Email", |id| id == "email" || id == "email-2"), "email-3");
    assert_eq!(propose_id("!!!", |_| false), "record");
    let long = propose_id(&"word ".repeat(40), |_| false);
    assert!(catalogue_core::validate::is_valid_id(&long) && long.len() <= 60, "{long}");
}

#[test]
fn references_to_finds_every_field_that_names_the_record() {
    let cat = small();
    let refs = references_to(&cat, RecordKind::Service, "mail");
    let found: Vec<(RecordKind, &str, &str)> = refs.iter().map(|r| (r.kind, r.id.as_str(), r.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (RecordKind::Offering, "mailbox", "service"),
            (RecordKind::Agreement, "mail-sla", "services[0]"),
            (RecordKind::Agreement, "network-ola", "services[1]"),
            (RecordKind::Article, "mail-down", "services[0]"),
        ]
    );
    assert!(references_to(&cat, RecordKind::Article, "mail-down").is_empty());
    assert_eq!(reference_target(RecordKind::Service, "support.escalation[3].party"), Some(RecordKind::Party));
    assert_eq!(reference_target(RecordKind::Service, "summary"), None);
}

#[test]
fn deleting_a_service_cascades_to_its_offerings_and_unlinks_the_rest() {
    let cat = small();
    let plan = plan_delete(&cat, RecordKind::Service, "mail", None).unwrap();
    assert_eq!(plan.deleted, [(RecordKind::Service, "mail".to_owned()), (RecordKind::Offering, "mailbox".to_owned())]);
    let updated: Vec<&str> = plan.updated.iter().map(|(_, v)| v["id"].as_str().unwrap()).collect();
    assert_eq!(updated, ["mail-sla", "network-ola", "mail-down"]);
    // The SLA covered only this service: it must be edited or deleted first.
    let problems = plan.problems(&cat);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].record.as_ref().unwrap().id, "mail-sla");
    let next = plan.apply(&cat);
    assert_eq!(next.agreement("network-ola").unwrap().services, ["network"]);
    assert!(next.article("mail-down").unwrap().services.is_empty());
}

#[test]
fn deleting_an_owner_needs_a_replacement() {
    let cat = small();
    match plan_delete(&cat, RecordKind::Party, "ops", None) {
        Err(DeleteBlocked::NeedsReplacement(refs)) => {
            assert!(refs.iter().any(|r| r.id == "identity" && r.path == "owner"));
            assert!(refs.iter().any(|r| r.id == "network-ola" && r.path == "customer"));
        }
        other => panic!("expected a replacement to be needed, got {other:?}"),
    }
    assert!(matches!(plan_delete(&cat, RecordKind::Party, "ops", Some("ops")), Err(DeleteBlocked::BadReplacement(_))));
    let plan = plan_delete(&cat, RecordKind::Party, "ops", Some("ana")).unwrap();
    let next = plan.apply(&cat);
    assert!(plan.problems(&cat).is_empty());
    assert!(catalogue_core::validate(&next).is_empty(), "{:?}", catalogue_core::validate(&next));
    assert_eq!(next.service("network").unwrap().owner, "ana");
    assert!(next.party("ana").unwrap().member_of.is_empty(), "membership of the deleted team is removed");
}

#[test]
fn deleting_a_calendar_removes_optional_references() {
    let cat = small();
    let plan = plan_delete(&cat, RecordKind::Calendar, "office", None).unwrap();
    let next = plan.apply(&cat);
    assert!(plan.problems(&cat).is_empty());
    assert!(catalogue_core::validate(&next).is_empty());
    assert_eq!(next.service("mail").unwrap().support.calendar, None);
}

#[test]
fn field_changes_name_nested_fields() {
    let before = json!({"id": "a", "revision": 1, "name": "A", "support": {"escalation": [{"party": "x", "after_minutes": 5}]}, "tags": ["p"]});
    let after = json!({"id": "a", "revision": 2, "name": "B", "support": {"escalation": [{"party": "y", "after_minutes": 5}]}, "summary": "new"});
    let changes = field_changes(&before, &after);
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["name", "summary", "support.escalation[0].party", "tags"]);
    assert_eq!(changes[3].after, None);
    assert_eq!(changes[1].before, None);
}

#[test]
fn merge_takes_one_sided_changes_and_reports_real_conflicts() {
    let base = json!({"id": "a", "revision": 1, "name": "A", "summary": "s", "tier": 2});
    let mine = json!({"id": "a", "revision": 1, "name": "Mine", "summary": "s", "tier": 1});
    let theirs = json!({"id": "a", "revision": 2, "name": "Theirs", "summary": "their summary", "tier": 2});
    let mut m = merge(&base, &mine, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].field, "name");
    assert_eq!(m.merged["summary"], json!("their summary"));
    assert_eq!(m.merged["tier"], json!(1));
    assert_eq!(m.merged["revision"], json!(2));
    let conflict = m.conflicts[0].clone();
    resolve(&mut m.merged, &conflict, false);
    assert_eq!(m.merged["name"], json!("Theirs"));
    // The same change on both sides is no conflict.
    assert!(merge(&base, &theirs, &theirs).conflicts.is_empty());
}

#[test]
fn a_duplicated_service_brings_copies_of_its_offerings() {
    let cat = small();
    let copies = duplicate_service(&cat, "mail").unwrap();
    assert_eq!(copies.len(), 2);
    assert_eq!(copies[0].1["id"], json!("email-copy"));
    assert_eq!(copies[0].1["lifecycle"], json!("pipeline"));
    assert_eq!(copies[1].1["service"], json!("email-copy"));
    let mut next = cat.clone();
    for (kind, v) in &copies {
        next.put_value(*kind, None, v).unwrap();
    }
    assert!(catalogue_core::validate(&next).is_empty(), "{:?}", catalogue_core::validate(&next));
    assert_eq!(next.offerings.len(), 2);
}

#[test]
fn reassigning_owners_changes_only_the_chosen_records() {
    let cat = small();
    let owned = owned_by(&cat, "ops");
    let ids: Vec<&str> = owned.iter().map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(ids, ["identity", "network", "mail-sla", "network-ola", "mail-down"]);
    let changed =
        reassign(&cat, &[(RecordKind::Service, "network".into()), (RecordKind::Agreement, "mail-sla".into())], "ana");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].1["owner"], json!("ana"));
    assert_eq!(changed[1].1["provider"], json!("ana"));
}
