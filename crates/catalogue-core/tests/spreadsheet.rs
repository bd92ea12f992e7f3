//! Spreadsheets out and back in: what a spreadsheet edit changes, and only that.

use catalogue_core::diff::preview_replace;
use catalogue_core::model::{RecordKind, Timestamp};
use catalogue_core::spreadsheet::{export, import, CsvFile, SHEETS};
use catalogue_core::Catalogue;
use proptest::prelude::*;

fn demo() -> Catalogue {
    let mut cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).unwrap();
    cat.sort();
    cat
}

fn now() -> Timestamp {
    "2026-12-01T09:00:00Z".parse().unwrap()
}

/// Every kind's export, as (file name, text).
fn exported(cat: &Catalogue) -> Vec<(String, String)> {
    SHEETS.iter().map(|s| (s.file.to_owned(), export(cat, s.kind))).collect()
}

fn read(stored: &Catalogue, files: &[(String, String)], replace: bool) -> Result<Catalogue, Vec<String>> {
    let files: Vec<CsvFile> = files.iter().map(|(name, text)| CsvFile { name, bytes: text.as_bytes() }).collect();
    import(stored, &files, replace, now()).map(|i| i.catalogue).map_err(|p| p.iter().map(|p| p.to_string()).collect())
}

/// `text` with the first line starting with `id` + `,` (the row of a record) changed.
fn edit_row(text: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    text.lines()
        .map(|l| if l.starts_with(&format!("{id},")) { edit(l) } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn file<'a>(files: &'a mut [(String, String)], name: &str) -> &'a mut String {
    &mut files.iter_mut().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn every_export_read_back_unchanged_changes_nothing() {
    let cat = demo();
    let files = exported(&cat);
    assert_eq!(read(&cat, &files, false).unwrap(), cat);
    assert_eq!(read(&cat, &files, true).unwrap(), cat, "nor does replacing with it");
}

#[test]
fn a_renamed_service_a_new_offering_and_a_changed_target_are_exactly_what_changes() {
    let cat = demo();
    let mut files = exported(&cat);
    let services = file(&mut files, "services.csv");
    *services = edit_row(services, "dns-dhcp", |l| l.replace("DNS & DHCP", "Name and address service"));
    let offerings = file(&mut files, "offerings.csv");
    let line = offerings.lines().find(|l| l.starts_with("bi-dashboard,")).unwrap().to_owned();
    offerings.push_str(&line.replacen("bi-dashboard,New BI dashboard", "bi-express,Express BI dashboard", 1));
    offerings.push('\n');
    let agreements = file(&mut files, "agreements.csv");
    let sla = cat.agreements.iter().find(|a| a.targets.iter().any(|t| t.warning.is_some())).unwrap();
    let before = export(&cat, RecordKind::Agreement);
    let row = before.lines().find(|l| l.starts_with(&format!("{},", sla.id))).unwrap();
    let shown = format!("{} %", sla.targets[0].value);
    assert!(row.contains(&shown), "{row}");
    *agreements = edit_row(agreements, &sla.id, |l| l.replacen(&shown, "99.5 %", 1));

    let result = read(&cat, &files, false).unwrap();
    let preview = preview_replace(&cat, &result);
    let listed: Vec<(RecordKind, Vec<String>, Vec<String>)> = preview
        .kinds
        .iter()
        .filter(|k| !k.added.is_empty() || !k.changed.is_empty())
        .map(|k| (k.kind, k.added.clone(), k.changed.clone()))
        .collect();
    assert_eq!(
        listed,
        [
            (RecordKind::Service, vec![], vec!["dns-dhcp".to_owned()]),
            (RecordKind::Offering, vec!["bi-express".to_owned()], vec![]),
            (RecordKind::Agreement, vec![], vec![sla.id.clone()]),
        ]
    );
    assert_eq!(preview.removed(), 0);
    assert_eq!(result.service("dns-dhcp").unwrap().name, "Name and address service");
    let dns = result.service("dns-dhcp").unwrap();
    assert_eq!(dns.revision, cat.service("dns-dhcp").unwrap().revision + 1);
    assert_eq!(dns.description, cat.service("dns-dhcp").unwrap().description, "fields without a column are kept");
    let changed = result.agreements.iter().find(|a| a.id == sla.id).unwrap();
    assert_eq!(changed.targets[0].value, 99.5);
    assert_eq!(changed.targets[0].warning, sla.targets[0].warning, "what the cell does not show is kept");
    assert_eq!(changed.targets[1..], sla.targets[1..]);
    let express = result.offering("bi-express").unwrap();
    assert_eq!(express.service, "business-intelligence", "the service named in the row");
}

#[test]
fn a_broken_reference_names_its_file_row_and_column_and_nothing_is_given() {
    let cat = demo();
    let mut files = exported(&cat);
    let offerings = file(&mut files, "offerings.csv");
    let row = offerings.lines().position(|l| l.starts_with("bi-dashboard,")).unwrap() + 1;
    *offerings =
        edit_row(offerings, "bi-dashboard", |l| l.replace("Business Intelligence & Reporting", "No such service"));
    let problems = read(&cat, &files, false).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("offerings.csv, row {row}, column “service” (offering \"bi-dashboard\"): no service has the name or id “No such service”")),
        "{problems:?}"
    );
}

#[test]
fn semicolons_a_byte_order_mark_and_unknown_columns_are_read() {
    let cat = demo();
    let services = export(&cat, RecordKind::Service);
    let mut reader = csv::Reader::from_reader(services.as_bytes());
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let mut header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    header.push("notes".into());
    w.write_record(&header).unwrap();
    for r in reader.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
        r.push("from the spreadsheet".into());
        w.write_record(&r).unwrap();
    }
    let text = format!("\u{feff}{}", String::from_utf8(w.into_inner().unwrap()).unwrap());
    let imported =
        import(&cat, &[CsvFile { name: "Services (Excel).csv", bytes: text.as_bytes() }], false, now()).unwrap();
    assert_eq!(imported.catalogue, cat);
    assert_eq!(imported.files[0].kind, RecordKind::Service);
    assert_eq!(imported.files[0].unknown_columns, ["notes"]);
}

#[test]
fn an_ambiguous_name_is_an_error_naming_both_records() {
    let mut cat = demo();
    let mut twin = cat.record_value(RecordKind::Party, &cat.parties[0].id).unwrap();
    let name = cat.parties[1].name.clone();
    twin["id"] = "twin".into();
    twin["name"] = name.clone().into();
    cat.put_value(RecordKind::Party, None, &twin).unwrap();
    cat.sort();
    let mut files = exported(&cat);
    let services = file(&mut files, "services.csv");
    let first = cat.services[0].id.clone();
    let owner = cat.party(&cat.services[0].owner).unwrap().name.clone();
    *services = edit_row(services, &first, |l| l.replacen(&owner, &name, 1));
    let problems = read(&cat, &files, false).unwrap_err();
    assert!(problems[0].contains("is the name of more than one party"), "{problems:?}");
    assert!(
        problems[0].contains("twin")
            && problems[0].contains(&cat.parties.iter().find(|p| p.name == name && p.id != "twin").unwrap().id),
        "{problems:?}"
    );
}

#[test]
fn replacing_removes_the_records_no_row_names_and_a_file_of_unknown_columns_is_refused() {
    let cat = demo();
    let articles = export(&cat, RecordKind::Article);
    let gone = cat.articles[0].id.clone();
    let kept = articles.lines().filter(|l| !l.starts_with(&format!("{gone},"))).collect::<Vec<_>>().join("\n");
    let result = read(&cat, &[("articles.csv".into(), kept.clone())], true).unwrap();
    assert!(result.article(&gone).is_none());
    assert_eq!(result.articles.len(), cat.articles.len() - 1);
    assert_eq!(read(&cat, &[("articles.csv".into(), kept)], false).unwrap(), cat, "merging removes nothing");
    let odd = read(&cat, &[("data.csv".into(), "colour,size\nred,2\n".into())], false).unwrap_err();
    assert!(odd[0].starts_with("data.csv: which records it holds cannot be told"), "{odd:?}");
}

proptest! {
    /// Any text in a cell (commas, quotes, line breaks, what a spreadsheet would run)
    /// comes back as it was written.
    #[test]
    fn any_summary_written_in_a_cell_is_read_back_as_written(
        which in 0usize..40,
        summary in "[=+@'a-z,\"-]{1,3}[a-z ,\"=]{0,20}[a-z]",
    ) {
        let cat = demo();
        let mut edited = cat.clone();
        let i = which % edited.services.len();
        edited.services[i].summary = summary.clone();
        let files = vec![("services.csv".to_owned(), export(&edited, RecordKind::Service))];
        let result = read(&cat, &files, false).unwrap();
        prop_assert_eq!(&result.services[i].summary, &summary);
    }
}
