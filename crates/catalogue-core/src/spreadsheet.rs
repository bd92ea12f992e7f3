//! CSV exports of services, offerings and agreements for spreadsheets: one row per
//! record, references shown by name, lists joined with "; ".

use crate::catalogue::Catalogue;
use crate::model::*;

/// A cell as text a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`
/// (or a tab or carriage return) would be read as a formula, so it gets a leading `'`.
fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c))).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text is UTF-8")
}

fn party(cat: &Catalogue, id: &str) -> String {
    cat.party(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_owned())
}

fn names(ids: &[String], name: impl Fn(&str) -> String) -> String {
    ids.iter().map(|i| name(i)).collect::<Vec<_>>().join("; ")
}

pub fn services_csv(cat: &Catalogue) -> String {
    let header = [
        "id",
        "name",
        "view",
        "owner",
        "lifecycle",
        "tier",
        "family",
        "tags",
        "summary",
        "support hours",
        "depends on",
        "revision",
        "updated",
    ];
    write(
        &header,
        cat.services.iter().map(|s| {
            vec![
                s.id.clone(),
                s.name.clone(),
                s.view.label().to_owned(),
                party(cat, &s.owner),
                s.lifecycle.label().to_owned(),
                s.tier.to_string(),
                s.family.clone(),
                s.tags.join("; "),
                s.summary.clone(),
                s.support.calendar.as_deref().and_then(|c| cat.calendar(c)).map(|c| c.name.clone()).unwrap_or_default(),
                names(&s.depends_on, |d| cat.service(d).map(|x| x.name.clone()).unwrap_or_else(|| d.to_owned())),
                s.revision.to_string(),
                s.updated_at.to_string(),
            ]
        }),
    )
}

pub fn offerings_csv(cat: &Catalogue) -> String {
    let header = [
        "id",
        "name",
        "service",
        "status",
        "summary",
        "consumers",
        "goods",
        "access",
        "actions",
        "fulfilment time",
        "price",
    ];
    let elements = |v: &[OfferingElement]| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>().join("; ");
    write(
        &header,
        cat.offerings.iter().map(|o| {
            vec![
                o.id.clone(),
                o.name.clone(),
                cat.service(&o.service).map(|s| s.name.clone()).unwrap_or_else(|| o.service.clone()),
                o.status.label().to_owned(),
                o.summary.clone(),
                o.consumers.join("; "),
                elements(&o.goods),
                elements(&o.access),
                elements(&o.actions),
                o.fulfilment_time.as_ref().map(|d| d.to_string()).unwrap_or_default(),
                o.price.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            ]
        }),
    )
}

pub fn agreements_csv(cat: &Catalogue) -> String {
    let header = [
        "id",
        "kind",
        "name",
        "provider",
        "customer",
        "services",
        "offerings",
        "valid from",
        "valid until",
        "review by",
        "targets",
    ];
    write(
        &header,
        cat.agreements.iter().map(|a| {
            let targets = a
                .targets
                .iter()
                .map(|t| {
                    let priority = t.priority.map(|p| format!(" {}", p.label())).unwrap_or_default();
                    format!("{}{priority}: {}", t.metric.label(), t.unit.amount(t.value))
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                a.id.clone(),
                a.kind.label().to_owned(),
                a.name.clone(),
                party(cat, &a.provider),
                party(cat, &a.customer),
                names(&a.services, |s| cat.service(s).map(|x| x.name.clone()).unwrap_or_else(|| s.to_owned())),
                names(&a.offerings, |o| cat.offering(o).map(|x| x.name.clone()).unwrap_or_else(|| o.to_owned())),
                a.valid_from.to_string(),
                a.valid_until.map(|d| d.to_string()).unwrap_or_default(),
                a.review_by.map(|d| d.to_string()).unwrap_or_default(),
                targets,
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralized_and_commas_quoted() {
        let mut cat = crate::parse(include_str!("../tests/fixtures/small.json")).unwrap();
        cat.services[0].summary = "=HYPERLINK(\"http://evil\",\"x\")".into();
        cat.services[1].name = "Mail, calendar".into();
        let csv = services_csv(&cat);
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("id,name,view,owner"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "{csv}");
        assert!(csv.contains("\"Mail, calendar\""), "{csv}");
        assert!(csv.contains("Ana Diaz"), "owners by name: {csv}");
        assert_eq!(agreements_csv(&cat).lines().count(), cat.agreements.len() + 1);
        assert!(agreements_csv(&cat).contains("availability: 99.9 %"), "{}", agreements_csv(&cat));
        assert_eq!(offerings_csv(&cat).lines().count(), cat.offerings.len() + 1);
    }
}
