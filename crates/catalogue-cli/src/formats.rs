//! Formats read into a catalogue that is there already, and written from one:
//! `export-csv` / `import-csv` (spreadsheets, with the app's own columns and reader) and
//! `export-openslo` / `import-openslo` (SLOs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use catalogue_core::diff::preview_replace;
use catalogue_core::spreadsheet::{export, import, CsvFile, SHEETS};

use crate::{load, read};

/// Writes one CSV file per kind (`services.csv`, …) into `dir`.
pub fn export_csv(file: &PathBuf, dir: &Path) -> ExitCode {
    let cat = match load(file) {
        Ok(Some((_, _, cat))) => cat,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    for sheet in &SHEETS {
        let path = dir.join(sheet.file);
        if let Err(e) = std::fs::write(&path, export(&cat, sheet.kind)) {
            eprintln!("{}: cannot write: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("{}: {} {}", path.display(), cat.record_names(sheet.kind).len(), sheet.kind.collection());
    }
    ExitCode::SUCCESS
}

/// Reads the CSV files into the catalogue `into` and prints the result (canonical) on
/// standard output; what each file held, and what changes, on standard error.
pub fn import_csv(into: &PathBuf, replace: bool, files: &[PathBuf]) -> ExitCode {
    let stored = match load(into) {
        Ok(Some((_, _, cat))) => cat,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    let mut read_files = Vec::new();
    for path in files {
        match read(path) {
            Ok(bytes) => read_files.push((path.display().to_string(), bytes)),
            Err(code) => return code,
        }
    }
    let csv: Vec<CsvFile> = read_files.iter().map(|(name, bytes)| CsvFile { name, bytes }).collect();
    let imported = match import(&stored, &csv, replace, jiff::Timestamp::now()) {
        Ok(i) => i,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("nothing imported: {} problem(s)", problems.len());
            return ExitCode::from(1);
        }
    };
    for f in &imported.files {
        eprint!("{}: {} row(s) of {}", f.name, f.rows, f.kind.collection());
        if !f.unknown_columns.is_empty() {
            eprint!("; columns not read: {}", f.unknown_columns.join(", "));
        }
        eprintln!();
    }
    let preview = preview_replace(&stored, &imported.catalogue);
    eprintln!("{} added, {} changed, {} removed", preview.added(), preview.changed(), preview.removed());
    print!("{}", catalogue_core::to_canonical_json(&imported.catalogue));
    ExitCode::SUCCESS
}

/// Prints the catalogue's targets as OpenSLO documents; what is left out on stderr.
pub fn export_openslo(file: &PathBuf) -> ExitCode {
    let cat = match load(file) {
        Ok(Some((_, _, cat))) => cat,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    let (docs, left_out) = catalogue_core::openslo::export(&cat);
    for line in &left_out {
        eprintln!("left out: {line}");
    }
    eprintln!("{} SLO document(s)", docs.len());
    print!("{}", catalogue_core::yaml::stream(&docs));
    ExitCode::SUCCESS
}

/// Reads OpenSLO files into the catalogue `into`: the result on stdout, the report on
/// stderr; a result that is not valid gives nothing.
pub fn import_openslo(into: &PathBuf, files: &[PathBuf]) -> ExitCode {
    let mut cat = match load(into) {
        Ok(Some((_, _, cat))) => cat,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    let now = jiff::Timestamp::now();
    for path in files {
        let text = match read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(code) => return code,
        };
        let result =
            match catalogue_core::openslo::import(&cat, &text, now, now.to_zoned(jiff::tz::TimeZone::UTC).date()) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::from(1);
                }
            };
        crate::print_report(&result.report);
        cat = result.catalogue;
    }
    let problems = catalogue_core::validate(&cat);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("nothing imported: the result is not a valid catalogue");
        return ExitCode::from(1);
    }
    print!("{}", catalogue_core::to_canonical_json(&cat));
    ExitCode::SUCCESS
}
