//! `catalogue apply` (change sets onto a catalogue file) and `catalogue diff` (what
//! changed between two versions of a catalogue file).

use std::path::PathBuf;
use std::process::ExitCode;

use catalogue_core::change_set::ChangeSet;
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
        let failing = !conflicts.is_empty() || !problems.is_empty();
        out.push(SetReport {
            file: set_name,
            verdict,
            problems: problems.iter().map(|p| p.to_string()).collect(),
            conflicts,
            set,
        });
        if failing {
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
        Report::Json => println!(
            "{}",
            json!({ "change_sets": out.iter().map(SetReport::to_json).collect::<Vec<_>>(), "outcome": outcome })
        ),
        Report::Text | Report::Markdown => {
            print!("{}{outcome}\n", out.iter().map(|r| r.render(report == Report::Markdown)).collect::<String>())
        }
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

/// What became of one change set.
struct SetReport {
    file: String,
    set: ChangeSet,
    verdict: String,
    conflicts: Vec<String>,
    problems: Vec<String>,
}

impl SetReport {
    fn to_json(&self) -> Value {
        json!({
            "file": self.file,
            "author": self.set.author,
            "message": self.set.message,
            "based_on": self.set.catalogue.revision,
            "verdict": self.verdict,
            "changes": self.set.changes.iter().map(|c| json!({
                "kind": c.kind, "id": c.id, "title": c.title(), "what": c.what(),
                "fields": c.fields().iter().map(field_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "conflicts": self.conflicts,
            "problems": self.problems,
        })
    }

    /// As text, or as Markdown for a pull request comment: the verdict, who and why, each
    /// record with its fields, then conflicts and problems.
    fn render(&self, md: bool) -> String {
        let item = |depth: usize, line: &str| match md {
            true => format!("{}- {line}\n", "  ".repeat(depth)),
            false => format!("{}{line}\n", "    ".repeat(depth + 1)),
        };
        let mut s = match md {
            true => format!("### `{}`: {}\n\n", self.file, self.verdict),
            false => format!("{}: {}\n", self.file, self.verdict),
        };
        let by = [&self.set.author, &self.set.message].map(|t| (!t.is_empty()).then_some(t.as_str()));
        let who = match by {
            [Some(a), Some(m)] => format!("by {a}: {m}, "),
            [Some(a), None] => format!("by {a}, "),
            [None, Some(m)] => format!("{m}, "),
            [None, None] => String::new(),
        };
        let who = format!("{who}made on revision {}", self.set.catalogue.revision);
        s += &if md { format!("{who}\n\n") } else { item(0, &who) };
        for c in &self.set.changes {
            let fields = c.fields();
            let what = match c.what() {
                "changed" => {
                    let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
                    format!("{} field(s) changed: {}", fields.len(), paths.join(", "))
                }
                other => other.to_owned(),
            };
            s += &item(0, &format!("{} {} ({}): {what}", c.kind.label(), c.id, c.title()));
            for f in &fields {
                s += &item(1, &if md { format!("`{}`", field_line(f)) } else { field_line(f) });
            }
        }
        for line in self.conflicts.iter().chain(&self.problems).flat_map(|l| l.lines()) {
            s += &item(0, &if md { format!("**{line}**") } else { line.to_owned() });
        }
        if md {
            s.push('\n');
        }
        s
    }
}

fn field_json(f: &FieldChange) -> Value {
    json!({ "path": f.path, "before": f.before, "after": f.after })
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
                    "fields": c.fields().iter().map(field_json).collect::<Vec<_>>(),
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
