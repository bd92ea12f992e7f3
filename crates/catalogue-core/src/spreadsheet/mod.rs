//! Spreadsheets: services, offerings, agreements, parties and articles as CSV, one row
//! per record, references by name, lists joined with "; "; and the same files read back
//! ([`import`]), so a catalogue can be edited in a spreadsheet. The columns of each kind
//! are written once (`columns.rs`) for both ways.

mod cells;
mod columns;
mod import;

pub(crate) use cells::Names;
pub use columns::{sheet, Column, Sheet, SHEETS};
pub(crate) use import::{at, read_rows};
pub use import::{import, CsvFile, CsvImport};

use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::model::RecordKind;
use crate::path::FieldPath;

/// A cell as text a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`
/// (or a tab or carriage return) would be read as a formula, so it gets a leading `'`,
/// as does text starting with `'` itself; the import takes one leading `'` off again.
fn neutralized(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// Every record's name (title), to write references by.
fn names(cat: &Catalogue) -> Names {
    let mut names = Names::new();
    for kind in RecordKind::ALL {
        for (id, name) in cat.record_names(kind) {
            names.add(kind, &id, &name);
        }
    }
    names
}

/// The cell of `column` for the record `value`.
fn cell(column: &Column, value: &Value, names: &Names) -> String {
    let path: FieldPath = column.field.parse().expect("column fields are field paths");
    column.cell.write(path.get(value), names)
}

/// The CSV file of one kind's records.
pub fn export(cat: &Catalogue, kind: RecordKind) -> String {
    let sheet = sheet(kind).expect("a kind with a spreadsheet");
    let names = names(cat);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(sheet.columns.iter().map(|c| c.header)).expect("writing to memory");
    for (id, _) in cat.record_names(kind) {
        let value = cat.record_value(kind, &id).expect("listed");
        let row: Vec<String> = sheet.columns.iter().map(|c| neutralized(&cell(c, &value, &names))).collect();
        w.write_record(row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralized_and_commas_quoted() {
        let mut cat = crate::parse(include_str!("../../tests/fixtures/small.json")).unwrap();
        cat.services[0].summary = "=HYPERLINK(\"http://evil\",\"x\")".into();
        cat.services[1].name = "Mail, calendar".into();
        let csv = export(&cat, RecordKind::Service);
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("id,name,view,owner"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "{csv}");
        assert!(csv.contains("\"Mail, calendar\""), "{csv}");
        assert!(csv.contains("Ana Diaz"), "owners by name: {csv}");
        assert_eq!(export(&cat, RecordKind::Agreement).lines().count(), cat.agreements.len() + 1);
        assert!(
            export(&cat, RecordKind::Agreement).contains("availability: 99.9 %"),
            "{}",
            export(&cat, RecordKind::Agreement)
        );
        assert_eq!(export(&cat, RecordKind::Offering).lines().count(), cat.offerings.len() + 1);
    }
}
