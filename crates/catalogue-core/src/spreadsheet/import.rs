//! Reading spreadsheets back: CSV files with columns of the export (any of them, in any
//! order; comma- or semicolon-separated; with or without a UTF-8 byte order mark) into
//! the catalogue, all or nothing. A cell that still shows what the record holds leaves
//! the field as it is, so whatever a cell cannot show (a target's warning level, an
//! element's description, every field without a column) survives the round trip.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::cells::Cell;
use super::{cell, names, Column, Sheet, SHEETS};
use crate::catalogue::Catalogue;
use crate::edit::field_changes;
use crate::model::{RecordKind, Timestamp};
use crate::path::FieldPath;
use crate::problem::{Problem, RecordRef};

/// A file to import: its name (for problems, and to tell its kind when the columns do
/// not) and its bytes.
pub struct CsvFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What an import of spreadsheets gives: the catalogue with their rows, and per file
/// what was read.
#[derive(Debug, PartialEq)]
pub struct CsvImport {
    pub catalogue: Catalogue,
    pub files: Vec<FileReport>,
}

#[derive(Debug, PartialEq)]
pub struct FileReport {
    pub name: String,
    pub kind: RecordKind,
    pub rows: usize,
    /// Headers that are no column of the kind: reported, not read.
    pub unknown_columns: Vec<String>,
}

/// One file, read: its sheet, which column each header is (`None`: unknown) and its rows
/// with their row numbers (the header is row 1).
struct Table<'a> {
    name: &'a str,
    sheet: &'static Sheet,
    columns: Vec<Option<&'static Column>>,
    unknown: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// Where a problem is: `services.csv, row 4, column “owner”`.
pub(crate) fn at(file: &str, row: usize, header: Option<&str>) -> String {
    match header {
        Some(h) => format!("{file}, row {row}, column “{h}”"),
        None => format!("{file}, row {row}"),
    }
}

/// Reads the files into `stored`: each row changes the record with its id, or adds one.
/// With `replace`, records of a kind the files hold that no row names are removed.
/// Every problem names its file, row and column; with any problem nothing is given.
pub fn import(stored: &Catalogue, files: &[CsvFile], replace: bool, now: Timestamp) -> Result<CsvImport, Vec<Problem>> {
    let mut problems = Vec::new();
    let tables: Vec<Table> = files.iter().filter_map(|f| read_table(f).map_err(|p| problems.push(p)).ok()).collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    // References are read by the names the files give and by those they had.
    let shown = names(stored);
    let mut known = names(stored);
    let mut seen: BTreeMap<(RecordKind, String), String> = BTreeMap::new();
    for t in &tables {
        let title = t.columns.iter().position(|c| c.is_some_and(|c| c.field == t.sheet.kind.title_field()));
        for (row, cells) in &t.rows {
            let id = cells[0].trim();
            if id.is_empty() {
                problems.push(Problem::new(at(t.name, *row, Some("id")), "the id is empty"));
                continue;
            }
            if let Some(first) = seen.insert((t.sheet.kind, id.to_owned()), at(t.name, *row, None)) {
                problems.push(Problem::new(at(t.name, *row, Some("id")), format!("“{id}” is also the id of {first}")));
            }
            if let Some(name) = title.map(|i| cells[i].trim()).filter(|n| !n.is_empty()) {
                known.add(t.sheet.kind, id, name);
            }
        }
    }
    let mut result = stored.clone();
    let mut rows_of: BTreeMap<(RecordKind, String), (String, usize)> = BTreeMap::new();
    for sheet in &SHEETS {
        for t in tables.iter().filter(|t| t.sheet.kind == sheet.kind) {
            for (row, cells) in &t.rows {
                let id = cells[0].trim().to_owned();
                rows_of.insert((sheet.kind, id.clone()), (t.name.to_owned(), *row));
                let before = stored.record_value(sheet.kind, &id);
                let mut value = before.clone().unwrap_or_else(|| json!({ "id": id, "revision": 0, "updated_at": now }));
                for (column, text) in t.columns.iter().zip(cells).skip(1) {
                    let Some(column) = column.filter(|c| !matches!(c.cell, Cell::Written)) else { continue };
                    let text = text.strip_prefix('\'').unwrap_or(text);
                    if before.as_ref().is_some_and(|b| cell(column, b, &shown) == text.trim()) {
                        continue; // Unchanged: the field stays exactly as it is.
                    }
                    let path: FieldPath = column.field.parse().expect("column fields are field paths");
                    match column.cell.read(text, path.get(&value), &known) {
                        Ok(new) => path.set(&mut value, new),
                        Err(why) => problems
                            .push(Problem::new(at(t.name, *row, Some(column.header)), why).in_record(sheet.kind, &id)),
                    }
                }
                if before.as_ref().is_some_and(|b| field_changes(b, &value).is_empty()) {
                    continue;
                }
                value["revision"] = json!(before.as_ref().and_then(|b| b["revision"].as_u64()).unwrap_or(0) + 1);
                value["updated_at"] = json!(now);
                if let Err(why) = result.put_value(sheet.kind, before.as_ref().map(|_| id.as_str()), &value) {
                    problems.push(
                        Problem::new(at(t.name, *row, None), format!("not a {}: {why}", sheet.kind.label()))
                            .in_record(sheet.kind, &id),
                    );
                }
            }
        }
    }
    if replace {
        let kinds: BTreeSet<RecordKind> = tables.iter().map(|t| t.sheet.kind).collect();
        for kind in kinds {
            for (id, _) in stored.record_names(kind) {
                if !rows_of.contains_key(&(kind, id.clone())) {
                    result.remove_record(kind, &id);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    result.sort();
    let invalid: Vec<Problem> = crate::validate(&result).into_iter().map(|p| located(p, &rows_of)).collect();
    if !invalid.is_empty() {
        return Err(invalid);
    }
    let files = tables
        .iter()
        .map(|t| FileReport {
            name: t.name.to_owned(),
            kind: t.sheet.kind,
            rows: t.rows.len(),
            unknown_columns: t.unknown.clone(),
        })
        .collect();
    Ok(CsvImport { catalogue: result, files })
}

/// A problem of the resulting catalogue, said of the row that made its record.
fn located(mut p: Problem, rows_of: &BTreeMap<(RecordKind, String), (String, usize)>) -> Problem {
    let Some(RecordRef { kind, id }) = &p.record else { return p };
    if let Some((file, row)) = rows_of.get(&(*kind, id.clone())) {
        let field = p.path.split_once('.').map(|(_, f)| f.to_owned()).unwrap_or_default();
        let header = super::sheet(*kind)
            .and_then(|s| {
                s.columns.iter().find(|c| {
                    field == c.field
                        || field.starts_with(&format!("{}.", c.field))
                        || field.starts_with(&format!("{}[", c.field))
                })
            })
            .map(|c| c.header);
        p.message = format!("{}: {}", field, p.message);
        p.path = at(file, *row, header);
    }
    p
}

/// Reads one file: its text, separator, header and rows.
fn read_table<'a>(file: &CsvFile<'a>) -> Result<Table<'a>, Problem> {
    let name = file.name;
    let (headers, rows) = read_rows(file)?;
    let headers: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
    let sheet = sheet_of(name, &headers)?;
    let columns: Vec<Option<&'static Column>> =
        headers.iter().map(|h| sheet.columns.iter().find(|c| c.header == h)).collect();
    if columns.first().copied().flatten().map(|c| c.field) != Some("id") {
        return Err(Problem::new(at(name, 1, None), "the first column must be “id”"));
    }
    for (i, h) in headers.iter().enumerate() {
        if columns[i].is_some() && headers[..i].contains(h) {
            return Err(Problem::new(at(name, 1, Some(h)), "the column appears twice"));
        }
    }
    let unknown = headers.iter().zip(&columns).filter(|(_, c)| c.is_none()).map(|(h, _)| h.clone()).collect();
    Ok(Table { name, sheet, columns, unknown, rows })
}

/// The headers (trimmed) and the rows, with their row numbers (the header is row 1), of
/// a CSV file as spreadsheets write it: UTF-8 with or without a byte order mark, cells
/// separated by commas or semicolons. Empty rows are left out.
pub(crate) fn read_rows(file: &CsvFile) -> Result<(Vec<String>, Vec<(usize, Vec<String>)>), Problem> {
    let name = file.name;
    let text = std::str::from_utf8(file.bytes).map_err(|e| Problem::new(name, format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Spreadsheets set to a decimal comma separate cells with semicolons.
    let first = text.lines().next().unwrap_or_default();
    let separator = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Problem::new(name, format!("the first row cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map(|p| p.line() as usize).unwrap_or(0);
            Problem::new(at(name, row, None), e.to_string())
        })?;
        let row = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((row, record.iter().map(str::to_owned).collect()));
    }
    Ok((headers, rows))
}

/// Which kind a file holds: the sheet whose columns it has most of, then its name.
fn sheet_of(name: &str, headers: &[String]) -> Result<&'static Sheet, Problem> {
    let score = |s: &Sheet| headers.iter().filter(|h| s.columns.iter().any(|c| c.header == h.as_str())).count();
    let best = SHEETS.iter().map(score).max().unwrap_or(0);
    let mut candidates: Vec<&Sheet> = SHEETS.iter().filter(|s| score(s) == best).collect();
    if candidates.len() > 1 {
        let lower = name.to_lowercase();
        candidates.retain(|s| lower.contains(s.file.trim_end_matches(".csv")));
    }
    match candidates[..] {
        [sheet] if best > 1 => Ok(sheet),
        _ => Err(Problem::new(
            name,
            format!(
                "which records it holds cannot be told from its columns: name it after them ({}) or use the columns of an export",
                SHEETS.iter().map(|s| s.file).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}
