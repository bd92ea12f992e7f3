//! `catalogue apply` (change sets onto a catalogue file) and `catalogue diff` (what
//! changed between two versions of a catalogue file).

use std::path::PathBuf;
use std::process::ExitCode;

use catalogue_core::change_set::{Change, ChangeSet};
use catalogue_core::changes::{between, RecordChange};
use catalogue_core::edit::FieldChange;
use catalogue_core::merge::RecordConflict;
use catalogue_core::Catalogue;
use clap::ValueEnum;
use serde_json::{json, Value};

use crate::{load, print_problems, read, Format};

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Report {
    /// Plain text, a line per record.
    Text,
    /// Markdown, for a pull request comment or release notes.
    Markdown,
    /// JSON, for other tools.
    Json,
}

/// Applies the change sets, in order, to the catalogue file; writes the result in
/// canonical form with its revision raised (unless `check`) when it is valid and without
/// conflicts. Anything else writes nothing and exits 1.
pub fn apply(check: bool, report: Report, change_files: &[PathBuf], file: &PathBuf) -> ExitCode {
    let (name, _, mut cat) = match load(file) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    let mut failed = false;
    let mut changed = false;
    let mut out = Vec::new();
    for path in change_files {
        let set_name = path.display().to_string();
        let bytes = match read(path) {
            Ok(b) => b,
            Err(code) => return code,
        };
        let set = match ChangeSet::parse(&String::from_utf8_lossy(&bytes)) {
            Ok(set) => set,
            Err(problem) => {
                print_problems(Format::Text, &set_name, &[problem]);
                return ExitCode::from(1);
            }
        };
        let applied = set.apply(&cat);
        let problems = if applied.problems.is_empty() {
            catalogue_core::validate(&applied.merge.merged)
        } else {
            applied.problems.clone()
        };
        let conflicts = applied.merge.conflicts.iter().map(conflict_line).collect::<Vec<_>>();
        let verdict = if !conflicts.is_empty() {
            format!("{} conflict(s) with {name}", conflicts.len())
        } else if !problems.is_empty() {
            format!("the result is not a valid catalogue ({} problem(s))", problems.len())
        } else if applied.already_applied {
            "already applied: every change is in the file".to_owned()
        } else {
            "valid".to_owned()
        };
        out.push(json!({
            "file": set_name,
            "author": set.author,
            "message": set.message,
            "based_on": set.catalogue.revision,
            "verdict": verdict,
            "changes": set.changes.iter().map(change_json).collect::<Vec<_>>(),
            "conflicts": conflicts,
            "problems": problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        }));
        if !conflicts.is_empty() || !problems.is_empty() {
            failed = true;
            continue;
        }
        changed |= !applied.already_applied;
        cat = applied.merge.merged;
    }
    let written = !failed && changed && !check;
    if written {
        cat.catalogue.revision += 1;
        cat.catalogue.published_at = Some(jiff::Timestamp::now());
    }
    let outcome = match (failed, written, changed) {
        (true, ..) => format!("{name}: nothing written"),
        (false, true, _) => format!("{name}: written, revision {}", cat.catalogue.revision),
        (false, false, true) => format!("{name}: would change; nothing written (--check)"),
        (false, false, false) => format!("{name}: unchanged, nothing to apply"),
    };
    match report {
        Report::Json => println!("{}", json!({ "change_sets": out, "outcome": outcome })),
        Report::Text | Report::Markdown => print!("{}", apply_report(report, &out, &outcome)),
    }
    if written {
        if let Err(e) = std::fs::write(file, catalogue_core::to_canonical_json(&cat)) {
            eprintln!("{name}: cannot write: {e}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn change_json(c: &Change) -> Value {
    json!({
        "kind": c.kind,
        "id": c.id,
        "title": c.title(),
        "what": c.what(),
        "fields": c.fields().iter().map(|f| &f.path).collect::<Vec<_>>(),
    })
}

/// "offering mailbox, field summary: the change has "x", the file has "y" (both from "z")"
fn conflict_line(conflict: &RecordConflict) -> String {
    match conflict {
        RecordConflict::Fields { kind, id, conflicts, .. } => conflicts
            .iter()
            .map(|c| {
                format!(
                    "{} {id}, field {}: the change has {}, the file has {} (both changed from {})",
                    kind.label(),
                    c.field,
                    shown(c.mine.as_ref()),
                    shown(c.theirs.as_ref()),
                    shown(c.base.as_ref())
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        RecordConflict::DeleteEdit { kind, id, deleted_locally: true, .. } => {
            format!("{} {id}: the change deletes it, the file has changed it since", kind.label())
        }
        RecordConflict::DeleteEdit { kind, id, .. } => {
            format!("{} {id}: the change edits it, the file has deleted it since", kind.label())
        }
    }
}

fn apply_report(report: Report, sets: &[Value], outcome: &str) -> String {
    let md = report == Report::Markdown;
    let mut s = String::new();
    for set in sets {
        let str_of = |k: &str| set[k].as_str().unwrap_or_default().to_owned();
        if md {
            s += &format!("### `{}`: {}\n\n", str_of("file"), str_of("verdict"));
        } else {
            s += &format!("{}: {}\n", str_of("file"), str_of("verdict"));
        }
        let by = match (str_of("author"), str_of("message")) {
            (a, m) if a.is_empty() && m.is_empty() => String::new(),
            (a, m) if a.is_empty() => m,
            (a, m) if m.is_empty() => format!("by {a}"),
            (a, m) => format!("by {a}: {m}"),
        };
        let based = format!("made on revision {}", set["based_on"]);
        s += &if md { format!("{by} ({based})\n\n") } else { format!("  {by} ({based})\n") }.replace("( ", "(");
        for c in set["changes"].as_array().into_iter().flatten() {
            let fields: Vec<&str> = c["fields"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let what = match c["what"].as_str() {
                Some("changed") => format!("{} field(s) changed: {}", fields.len(), fields.join(", ")),
                Some(other) => other.to_owned(),
                None => String::new(),
            };
            let record = format!(
                "{} {} ({})",
                c["kind"].as_str().unwrap_or_default(),
                c["id"].as_str().unwrap_or_default(),
                c["title"].as_str().unwrap_or_default()
            );
            s += &if md { format!("- {record}: {what}\n") } else { format!("  {record}: {what}\n") };
        }
        for line in
            set["conflicts"].as_array().into_iter().flatten().chain(set["problems"].as_array().into_iter().flatten())
        {
            for l in line.as_str().unwrap_or_default().lines() {
                s += &if md { format!("- **{l}**\n") } else { format!("  {l}\n") };
            }
        }
        if md {
            s.push('\n');
        }
    }
    s + outcome + "\n"
}

/// Prints what changed from `old` to `new`, per record and field.
pub fn diff(report: Report, old: &PathBuf, new: &PathBuf) -> ExitCode {
    let (old, new) = match (load(old), load(new)) {
        (Ok(Some(o)), Ok(Some(n))) => (o.2, n.2),
        (Err(code), _) | (_, Err(code)) => return code,
        _ => return ExitCode::from(1),
    };
    let changes = between(&old, &new);
    match report {
        Report::Json => println!(
            "{}",
            json!({
                "from_revision": old.catalogue.revision,
                "to_revision": new.catalogue.revision,
                "records": changes.iter().map(|c| json!({
                    "kind": c.kind, "id": c.id, "title": c.title(), "what": c.what(),
                    "fields": c.fields().iter().map(|f| json!({ "path": f.path, "before": f.before, "after": f.after })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        ),
        Report::Text | Report::Markdown => print!("{}", diff_report(report, &old, &new, &changes)),
    }
    ExitCode::SUCCESS
}

fn diff_report(report: Report, old: &Catalogue, new: &Catalogue, changes: &[RecordChange]) -> String {
    let (from, to) = (old.catalogue.revision, new.catalogue.revision);
    let published =
        new.catalogue.published_at.map(|t| format!(", published {}", t.strftime("%Y-%m-%d"))).unwrap_or_default();
    let md = report == Report::Markdown;
    let mut s = if md {
        format!("## {}: revision {to}{published}\n\nChanges since revision {from}.\n\n", new.catalogue.name)
    } else {
        format!("{}: revision {from} -> {to}{published}\n", new.catalogue.name)
    };
    if changes.is_empty() {
        s += "No record changed.\n";
    }
    for c in changes {
        let field_lines = c.fields().iter().map(field_line).collect::<Vec<_>>();
        if md {
            s += &format!("- **{}** {} {} (`{}`)\n", c.what(), c.kind.label(), c.title(), c.id);
            s += &field_lines.iter().map(|l| format!("  - {l}\n")).collect::<String>();
        } else {
            s += &format!("{} {} {} ({})\n", c.what(), c.kind.label(), c.id, c.title());
            s += &field_lines.iter().map(|l| format!("    {l}\n")).collect::<String>();
        }
    }
    s
}

fn field_line(f: &FieldChange) -> String {
    format!("{}: {} -> {}", f.path, shown(f.before.as_ref()), shown(f.after.as_ref()))
}

/// A value in one short line: long ones are cut with an ellipsis.
fn shown(v: Option<&Value>) -> String {
    let text = match v {
        None => return "(none)".to_owned(),
        Some(v) => v.to_string(),
    };
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
