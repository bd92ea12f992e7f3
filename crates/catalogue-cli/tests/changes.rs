//! `catalogue apply` and `catalogue diff` on the demo catalogue.

mod common;

use common::{catalogue, DEMO};

use std::path::{Path, PathBuf};
use std::process::Command;

use catalogue_core::change_set::ChangeSet;
use catalogue_core::merge::LocalEdit;
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use serde_json::json;

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("catalogue-changes-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo() -> Catalogue {
    catalogue_core::parse(&std::fs::read_to_string(DEMO).unwrap()).unwrap()
}

/// An owner's change set on the demo: an offering's summary changed, an article deleted.
fn owner_changes(published: &Catalogue) -> ChangeSet {
    let mut ours = published.clone();
    let base = ours.record_value(RecordKind::Offering, "bi-dashboard").unwrap();
    let mut offering = base.clone();
    offering["summary"] = json!("Dashboards within a week.");
    offering["revision"] = json!(base["revision"].as_u64().unwrap() + 1);
    ours.put_value(RecordKind::Offering, Some("bi-dashboard"), &offering).unwrap();
    let article = ours.record_value(RecordKind::Article, "faq-laptop-restart").unwrap();
    ours.remove_record(RecordKind::Article, "faq-laptop-restart");
    let edits = [
        LocalEdit { kind: RecordKind::Offering, id: "bi-dashboard".into(), base: Some(base) },
        LocalEdit { kind: RecordKind::Article, id: "faq-laptop-restart".into(), base: Some(article) },
    ];
    ChangeSet::from_local(&ours, &edits, "Dana", "Faster dashboards")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn apply_writes_the_changes_at_the_next_revision_and_diff_lists_them() {
    let d = dir("apply");
    let published = demo();
    let old = write(&d, "old.json", &catalogue_core::to_canonical_json(&published));
    let file = write(&d, "catalogue.json", &catalogue_core::to_canonical_json(&published));
    let changes = write(&d, "changes.json", &owner_changes(&published).to_canonical_json());

    let (code, out) = catalogue(&["apply", "--check", &changes, &file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("changes.json: valid"), "{out}");
    assert!(out.contains("offering bi-dashboard (New BI dashboard): 1 field(s) changed: summary"), "{out}");
    assert!(out.contains("by Dana: Faster dashboards"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(&old).unwrap(),
        "--check writes nothing"
    );

    let (code, out) = catalogue(&["apply", &changes, &file]);
    assert_eq!(code, 0, "{out}");
    let applied = catalogue_core::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(applied.catalogue.revision, published.catalogue.revision + 1);
    assert_eq!(applied.offering("bi-dashboard").unwrap().summary, "Dashboards within a week.");
    assert!(applied.article("faq-laptop-restart").is_none());
    assert_eq!(catalogue(&["fmt", "--check", &file]).0, 0, "written in canonical form");

    let (code, out) = catalogue(&["diff", &old, &file]);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].contains(&format!(
            "revision {} -> {}, published ",
            published.catalogue.revision, applied.catalogue.revision
        )),
        "{out}"
    );
    assert!(lines[1].starts_with("changed offering bi-dashboard"), "{out}");
    assert!(lines[2].starts_with("    summary: \"A new dashboard"), "{out}");
    assert!(lines[2].ends_with("-> \"Dashboards within a week.\""), "{out}");
    assert!(lines[3].starts_with("removed article faq-laptop-restart"), "{out}");

    let (_, md) = catalogue(&["diff", "--format", "markdown", &old, &file]);
    assert!(md.contains("- **changed** offering New BI dashboard (`bi-dashboard`)\n  - summary: "), "{md}");
    let (_, json) = catalogue(&["diff", "--format", "json", &old, &file]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["records"][0]["fields"][0]["after"], "Dashboards within a week.");

    let (code, out) = catalogue(&["apply", &changes, &file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("already applied"), "{out}");
    let again = catalogue_core::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(again.catalogue.revision, applied.catalogue.revision, "nothing written again");
}

#[test]
fn a_conflict_writes_nothing_and_names_the_record_the_field_and_both_values() {
    let d = dir("conflict");
    let published = demo();
    let changes = write(&d, "changes.json", &owner_changes(&published).to_canonical_json());
    let mut maintained = published.clone();
    let mut offering = maintained.record_value(RecordKind::Offering, "bi-dashboard").unwrap();
    offering["summary"] = json!("Maintainer's words.");
    maintained.put_value(RecordKind::Offering, Some("bi-dashboard"), &offering).unwrap();
    let text = catalogue_core::to_canonical_json(&maintained);
    let file = write(&d, "catalogue.json", &text);

    let (code, out) = catalogue(&["apply", "--format", "markdown", &changes, &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("### `"), "{out}");
    assert!(
        out.contains(
            "offering bi-dashboard, field summary: the change has \"Dashboards within a week.\", the file has \"Maintainer's words.\""
        ),
        "{out}"
    );
    assert!(out.contains("nothing written"), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_change_set_that_breaks_the_catalogue_is_refused_with_the_located_problem() {
    let d = dir("invalid");
    let published = demo();
    let mut set = owner_changes(&published);
    let record = set.changes[0].record.as_mut().unwrap();
    record["service"] = json!("no-such-service");
    let changes = write(&d, "changes.json", &set.to_canonical_json());
    let text = catalogue_core::to_canonical_json(&published);
    let file = write(&d, "catalogue.json", &text);
    let (code, out) = catalogue(&["apply", &changes, &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not a valid catalogue"), "{out}");
    assert!(out.contains("no-such-service"), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    let not_changes = write(&d, "other.json", &text);
    let (code, out) = catalogue(&["apply", &not_changes, &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("other.json: format: not a change set"), "{out}");
}

/// The pull request check (scripts/check-change-sets.sh, run by the Pages workflow) on a
/// repository with a change set: a Markdown summary, the command that publishes it, and
/// a failure once the file changed the same field.
#[test]
fn the_pull_request_check_summarises_change_sets_and_fails_on_a_conflict() {
    let repo = dir("pull-request");
    std::fs::create_dir_all(repo.join("changes")).unwrap();
    std::fs::create_dir_all(repo.join("public")).unwrap();
    let published = demo();
    let text = catalogue_core::to_canonical_json(&published);
    write(&repo.join("public"), "catalogue.json", &text);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/check-change-sets.sh");
    let check = || {
        let out = Command::new("bash")
            .arg(script)
            .arg(&repo)
            .env("CATALOGUE", env!("CARGO_BIN_EXE_catalogue"))
            .output()
            .expect("runs");
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = check();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("No change set"), "{out}");

    write(&repo.join("changes"), "dashboards.json", &owner_changes(&published).to_canonical_json());
    let (code, out) = check();
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("### `changes/dashboards.json`: valid\n"), "{out}");
    assert!(out.contains("- offering bi-dashboard (New BI dashboard): 1 field(s) changed: summary\n"), "{out}");
    assert!(out.contains("`catalogue apply changes/dashboards.json public/catalogue.json`"), "{out}");
    assert_eq!(std::fs::read_to_string(repo.join("public/catalogue.json")).unwrap(), text, "nothing written");

    let mut maintained = published.clone();
    let mut offering = maintained.record_value(RecordKind::Offering, "bi-dashboard").unwrap();
    offering["summary"] = json!("Maintainer's words.");
    maintained.put_value(RecordKind::Offering, Some("bi-dashboard"), &offering).unwrap();
    write(&repo.join("public"), "catalogue.json", &catalogue_core::to_canonical_json(&maintained));
    let (code, out) = check();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("1 conflict(s)"), "{out}");
    assert!(!out.contains("To publish"), "{out}");
}
