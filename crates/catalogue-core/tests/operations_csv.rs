//! Other tools' CSV exports of incidents and changes, read through a mapping.

use catalogue_core::model::Priority;
use catalogue_core::operations::columns::{Field, Mapping, Rows, PRESETS};
use catalogue_core::operations::csv::{headers, read};
use catalogue_core::operations::ChangeOutcome;
use catalogue_core::spreadsheet::CsvFile;
use catalogue_core::Catalogue;
use jiff::Timestamp;

mod common;
use common::Tzdb;

fn catalogue() -> Catalogue {
    catalogue_core::parse(include_str!("fixtures/small.json")).unwrap()
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const SERVICENOW_INCIDENTS: &str = "\u{feff}number,short_description,business_service,priority,opened_at,work_start,resolved_at,reassignment_count,assignment_group,caused_by
INC0010001,Mail slow,Email,1 - Critical,2026-11-20 17:55:00,2026-11-23 09:10:00,2026-11-23 11:00:00,0,Service Desk,
INC0010002,No sign-in,identity,3 - Moderate,2026-03-28 23:30:00,,,2,Identity team,CHG0030001
INC0010003,Printer,Printing,4 - Low,2026-11-02 10:00:00,,,0,,
";

fn file(text: &str) -> CsvFile<'_> {
    CsvFile { name: "incident.csv", bytes: text.as_bytes() }
}

#[test]
fn servicenow_incident_export_is_recognised_and_read_in_its_zone() {
    let f = file(SERVICENOW_INCIDENTS);
    let (preset, mapping) = Mapping::guess(&headers(&f).unwrap(), "Europe/Berlin");
    assert_eq!(preset.name, PRESETS[0].name);
    assert_eq!(mapping.header(Field::Service), Some("business_service"));
    assert_eq!(mapping.header(Field::Acknowledged), Some("work_start"));
    let read = read(&f, &mapping, &catalogue(), &Tzdb).unwrap();
    let x = &read.operations.incidents;
    assert_eq!(x.len(), 2, "the printer's row names no service of the catalogue");
    assert_eq!(read.unmatched, vec![(4, "Printing".to_owned())]);
    assert_eq!((x[0].id.as_str(), x[0].service.as_str()), ("INC0010001", "mail"), "matched by name");
    assert_eq!(x[0].priority, Some(Priority::P1));
    assert_eq!(x[0].opened, t("2026-11-20T16:55:00Z"), "Berlin is UTC+1 in November");
    assert_eq!(x[0].acknowledged, Some(t("2026-11-23T08:10:00Z")));
    assert_eq!(x[0].resolved_by, "Service Desk");
    assert_eq!((x[1].service.as_str(), x[1].reassignments), ("identity", 2), "matched by id");
    assert_eq!(x[1].opened, t("2026-03-28T22:30:00Z"), "UTC+1 the day before the clock change");
    assert_eq!(x[1].caused_by.as_deref(), Some("CHG0030001"));
    assert_eq!(x[1].acknowledged, None);
}

#[test]
fn a_bad_date_names_its_row_and_column_and_gives_nothing() {
    let text = SERVICENOW_INCIDENTS.replace("2026-03-28 23:30:00", "28/03/2026 23:30");
    let f = file(&text);
    let (_, mapping) = Mapping::guess(&headers(&f).unwrap(), "Europe/Berlin");
    let problems = read(&f, &mapping, &catalogue(), &Tzdb).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "incident.csv, row 3, column “opened_at”");
    assert!(problems[0].message.contains("“28/03/2026 23:30” is no date and time"), "{}", problems[0].message);
}

#[test]
fn pagerduty_times_after_opening_become_times() {
    let text = "id,incident_number,service_name,urgency,priority_name,created_at,resolved_at,seconds_to_first_ack,seconds_to_resolve,escalation_count,team_name
Q1ABC,1042,Network,high,P2,2026-11-10T08:00:00-05:00,2026-11-10T10:00:00-05:00,300,7200,1,Networking
";
    let f = file(text);
    let (preset, mapping) = Mapping::guess(&headers(&f).unwrap(), "UTC");
    assert_eq!(preset.name, PRESETS[2].name);
    let x = &read(&f, &mapping, &catalogue(), &Tzdb).unwrap().operations.incidents[0];
    assert_eq!((x.id.as_str(), x.service.as_str(), x.priority), ("1042", "network", Some(Priority::P2)));
    assert_eq!(x.opened, t("2026-11-10T13:00:00Z"));
    assert_eq!(x.acknowledged, Some(t("2026-11-10T13:05:00Z")));
    assert_eq!(x.resolved, Some(t("2026-11-10T15:00:00Z")));
    assert_eq!(x.reassignments, 1);
}

#[test]
fn servicenow_change_export_reads_close_codes() {
    let text = "number,short_description,cmdb_ci,start_date,end_date,close_code
CHG0030001,Patch,Identity,2026-11-10 20:00:00,2026-11-10 21:00:00,Unsuccessful
CHG0030002,Upgrade,network,2026-11-11 20:00:00,2026-11-11 20:30:00,Successful with issues
CHG0030003,Swap,network,2026-11-12 20:00:00,,
";
    let f = file(text);
    let (preset, mapping) = Mapping::guess(&headers(&f).unwrap(), "UTC");
    assert_eq!(preset.rows, Rows::Changes);
    let changes = read(&f, &mapping, &catalogue(), &Tzdb).unwrap().operations.changes;
    let outcomes: Vec<ChangeOutcome> = changes.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [ChangeOutcome::Failed, ChangeOutcome::Successful, ChangeOutcome::Unknown]);
    assert_eq!(changes[0].end, Some(t("2026-11-10T21:00:00Z")));
}

#[test]
fn a_mapping_the_reader_changed_is_what_is_read() {
    let f = file(SERVICENOW_INCIDENTS);
    let (_, mut mapping) = Mapping::guess(&headers(&f).unwrap(), "UTC");
    mapping.set(Field::Acknowledged, None);
    mapping.set(Field::Opened, None);
    assert_eq!(mapping.missing(), vec![Field::Opened]);
    let problems = read(&f, &mapping, &catalogue(), &Tzdb).unwrap_err();
    assert!(problems[0].message.contains("no column is chosen for Opened"), "{problems:?}");
    mapping.set(Field::Opened, Some("opened_at".into()));
    let read = read(&f, &mapping, &catalogue(), &Tzdb).unwrap();
    assert!(read.operations.incidents.iter().all(|x| x.acknowledged.is_none()));
    assert_eq!(read.operations.incidents[0].opened, t("2026-11-20T17:55:00Z"), "read in UTC");
}

#[test]
fn duplicate_ids_and_times_out_of_order_are_problems_of_their_rows() {
    let text = "id,service,opened,resolved
A,mail,2026-11-02T10:00:00Z,2026-11-02T09:00:00Z
A,mail,2026-11-03T10:00:00Z,
";
    let f = file(text);
    let (_, mapping) = Mapping::guess(&headers(&f).unwrap(), "UTC");
    let problems = read(&f, &mapping, &catalogue(), &Tzdb).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["incident.csv, row 2, column “resolved”", "incident.csv, row 3, column “id”"]);
}

#[test]
fn dates_in_a_users_format_are_read_in_the_order_the_reader_chose() {
    use catalogue_core::operations::columns::DateOrder;
    let text = "number,business_service,opened_at\nINC1,Email,24/11/2026 10:00\nINC2,Email,03.12.2026 08:30:00\n";
    let f = file(text);
    let (_, mut mapping) = Mapping::guess(&headers(&f).unwrap(), "Europe/Berlin");
    assert!(read(&f, &mapping, &catalogue(), &Tzdb).is_err(), "not year first");
    mapping.dates = DateOrder::DayFirst;
    let x = read(&f, &mapping, &catalogue(), &Tzdb).unwrap().operations.incidents;
    assert_eq!((x[0].opened, x[1].opened), (t("2026-11-24T09:00:00Z"), t("2026-12-03T07:30:00Z")));
    let us = "number,business_service,opened_at\nINC1,Email,11/24/2026 10:00:00\n";
    let f = file(us);
    mapping.dates = DateOrder::MonthFirst;
    assert_eq!(
        read(&f, &mapping, &catalogue(), &Tzdb).unwrap().operations.incidents[0].opened,
        t("2026-11-24T09:00:00Z")
    );
    mapping.dates = DateOrder::DayFirst;
    let problems = read(&f, &mapping, &catalogue(), &Tzdb).unwrap_err();
    assert!(problems[0].message.contains("written as 27/11/2026 17:55"), "{}", problems[0].message);
}
