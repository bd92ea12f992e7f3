//! The operations measures on small hand-made cases with known answers.

use catalogue_core::model::*;
use catalogue_core::operations::measures::Scope;
use catalogue_core::operations::{ChangeOutcome, ChangeRecord, Incident, Operations};
use catalogue_core::{Catalogue, Lookup};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

mod common;
use common::Tzdb;

/// The small catalogue, its Mail SLA counted in office hours (Berlin, weekdays 08:00 to
/// 18:00, Christmas off) with a P1 response within 1 business hour, the network under a
/// supplier's contract.
fn catalogue() -> Catalogue {
    let mut cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    let mut sla = cat.record_value(RecordKind::Agreement, "mail-sla").unwrap();
    sla["calendar"] = json!("office");
    sla["targets"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "metric": "response_time", "priority": "P1", "value": 1, "unit": "business_hours" }));
    cat.put_value(RecordKind::Agreement, Some("mail-sla"), &sla).unwrap();
    let mut uc = cat.record_value(RecordKind::Agreement, "network-ola").unwrap();
    uc["id"] = json!("network-uc");
    uc["kind"] = json!("underpinning_contract");
    uc["services"] = json!(["network"]);
    uc.as_object_mut().unwrap().remove("supports");
    cat.put_value(RecordKind::Agreement, None, &uc).unwrap();
    assert!(catalogue_core::validate(&cat).is_empty(), "{:?}", catalogue_core::validate(&cat));
    cat
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn incident(id: &str, service: &str, opened: &str, ack: Option<&str>, resolved: Option<&str>) -> Incident {
    Incident {
        id: id.into(),
        service: service.into(),
        priority: Some(Priority::P1),
        opened: t(opened),
        acknowledged: ack.map(t),
        resolved: resolved.map(t),
        reassignments: 0,
        resolved_by: String::new(),
        caused_by: None,
    }
}

fn ops(incidents: Vec<Incident>, changes: Vec<ChangeRecord>) -> Operations {
    Operations { incidents, changes, version: 1, ..Operations::default() }
}

const DAY: SignedDuration = SignedDuration::from_hours(24);

#[test]
fn friday_evening_to_monday_morning_counts_only_the_open_minutes() {
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    // Friday 2026-11-20 17:55 in Berlin (UTC+1), acknowledged Monday 09:10.
    let ops = ops(vec![incident("INC1", "mail", "2026-11-20T16:55:00Z", Some("2026-11-23T08:10:00Z"), None)], vec![]);
    let f = scope.figures(&ops, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|_| true, DAY);
    assert_eq!(f.mtta_minutes, Some((2 * 24 * 60 + 15 * 60 + 15) as f64), "on the wall clock");
    assert_eq!(f.mtta_service_minutes, Some((5 + 70) as f64), "17:55–18:00 Friday, 08:00–09:10 Monday");
    assert_eq!((f.inside_hours, f.outside_hours), (1, 0));
    let attainment = scope.attainment(&ops, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"));
    let response = attainment.iter().find(|a| a.metric == Metric::ResponseTime).unwrap();
    assert_eq!(
        (response.total, response.met, response.breaches.as_slice()),
        (1, 0, &["INC1".to_owned()][..]),
        "due Monday 08:55"
    );
}

#[test]
fn a_holiday_and_a_clock_change_are_counted_as_the_calendar_says() {
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let ops = ops(
        vec![
            // Thursday 24 December 17:00, resolved Monday 28 December 09:00: Christmas Day off.
            incident("XMAS", "mail", "2026-12-24T16:00:00Z", None, Some("2026-12-28T08:00:00Z")),
            // Friday 27 March 17:00 (UTC+1), resolved Monday 30 March 09:00 (UTC+2).
            incident("DST", "mail", "2026-03-27T16:00:00Z", None, Some("2026-03-30T07:00:00Z")),
        ],
        vec![],
    );
    let mail = |s: &str| s == "mail";
    let f = scope.figures(&ops, t("2026-12-01T00:00:00Z"), t("2027-01-01T00:00:00Z"), &mail, DAY);
    assert_eq!(f.mttr_service_minutes, Some(120.0), "an hour on Thursday, an hour on Monday");
    let f = scope.figures(&ops, t("2026-03-01T00:00:00Z"), t("2026-04-01T00:00:00Z"), &mail, DAY);
    assert_eq!(f.mttr_service_minutes, Some(120.0), "the hours stay on the wall clock");
    assert_eq!(f.mttr_minutes, Some(63.0 * 60.0), "the clock lost an hour");
}

#[test]
fn a_reassigned_incident_is_no_first_time_fix() {
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let mut passed_on =
        incident("B", "mail", "2026-11-10T10:00:00Z", Some("2026-11-10T10:05:00Z"), Some("2026-11-10T12:00:00Z"));
    passed_on.reassignments = 2;
    let fixed =
        incident("A", "mail", "2026-11-10T09:00:00Z", Some("2026-11-10T09:05:00Z"), Some("2026-11-10T09:30:00Z"));
    let open = incident("C", "mail", "2026-11-10T11:00:00Z", None, None);
    let ops = ops(vec![fixed, passed_on, open], vec![]);
    let f = scope.figures(&ops, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|_| true, DAY);
    assert_eq!((f.incidents, f.resolved, f.first_time_fixed), (3, 2, 1));
    assert_eq!(f.first_time_fix_rate(), Some(0.5));
}

#[test]
fn a_change_followed_by_an_incident_on_a_dependent_service_inside_the_window_counts() {
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let change = |id: &str, end: &str| ChangeRecord {
        id: id.into(),
        service: "network".into(),
        start: t("2026-11-09T20:00:00Z"),
        end: Some(t(end)),
        outcome: ChangeOutcome::Successful,
    };
    // Mail depends on the network: an incident on it 2 hours after the change ends.
    let mail = incident("M", "mail", "2026-11-09T23:00:00Z", None, None);
    let inside = ops(vec![mail.clone()], vec![change("CHG1", "2026-11-09T21:00:00Z")]);
    let f = scope.figures(&inside, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|s| s == "network", DAY);
    assert_eq!((f.changes, f.changes_followed), (1, 1));
    // 30 hours after: outside the 24-hour window.
    let mut late = mail;
    late.opened = t("2026-11-11T03:00:00Z");
    let outside = ops(vec![late.clone()], vec![change("CHG2", "2026-11-09T21:00:00Z")]);
    let f = scope.figures(&outside, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|s| s == "network", DAY);
    assert_eq!((f.changes, f.changes_followed, f.change_failure_rate()), (1, 0, Some(0.0)));
    // Unless the incident names the change as its cause.
    late.caused_by = Some("CHG2".into());
    let named = ops(vec![late], vec![change("CHG2", "2026-11-09T21:00:00Z")]);
    assert_eq!(
        scope.figures(&named, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|_| true, DAY).changes_followed,
        1
    );
}

#[test]
fn incidents_outside_support_hours_and_on_partners_services_are_told_apart() {
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let ops = ops(
        vec![
            incident("SAT", "mail", "2026-11-21T10:00:00Z", None, None),
            incident("NET", "network", "2026-11-21T10:00:00Z", None, None),
        ],
        vec![],
    );
    let f = scope.figures(&ops, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), &|_| true, DAY);
    assert_eq!((f.inside_hours, f.outside_hours), (1, 1), "mail has office hours; the network has none: always");
    assert_eq!(f.on_partner_services, 1);
}

#[test]
fn records_naming_what_the_catalogue_lacks_are_refused_with_where() {
    let cat = catalogue();
    let mut bad = incident("X", "nowhere", "2026-11-10T10:00:00Z", Some("2026-11-10T09:00:00Z"), None);
    bad.caused_by = Some("CHG9".into());
    let problems: Vec<String> = ops(vec![bad], vec![]).check(&cat).iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "incidents[0].service: the catalogue has no service “nowhere”",
            "incidents[0].acknowledged: is before the incident was opened",
            "incidents[0].caused_by: there is no change “CHG9”",
        ]
    );
}

#[test]
fn a_scorecard_rule_on_sla_attainment_fails_a_service_whose_incidents_missed_their_targets() {
    use catalogue_core::scorecard::{score, Context};
    let cat = catalogue();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let ops = ops(
        vec![
            incident("INC1", "mail", "2026-11-20T16:55:00Z", Some("2026-11-23T08:10:00Z"), None),
            incident("INC2", "mail", "2026-11-24T09:00:00Z", Some("2026-11-24T09:20:00Z"), None),
        ],
        vec![],
    );
    let kept = scope.attainment_by_service(&ops, t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"));
    assert_eq!(kept.get("mail"), Some(&(1, 2)), "INC1 answered Monday 09:10, due 08:55; INC2 in 20 minutes");
    let mut sc = catalogue_core::scorecard::default_scorecard(t("2026-11-01T00:00:00Z"));
    sc.rules = vec![Rule {
        min: Some(50),
        ..serde_json::from_value(json!({ "level": "Bronze", "check": "sla_attainment" })).unwrap()
    }];
    let today = jiff::civil::date(2026, 12, 1);
    let mut ctx = Context::new(&cat, &lookup, today, &[]);
    let mail = cat.services.iter().position(|s| s.id == "mail").unwrap();
    let failure = |ctx: &Context, sc: &Scorecard| score(sc, ctx, mail, &cat.services[mail]).results[0].failure.clone();
    assert_eq!(
        failure(&ctx, &sc).as_deref(),
        Some("no incidents are kept in this browser to measure it: import them on Operations")
    );
    ctx.attainment = Some(&kept);
    assert_eq!(failure(&ctx, &sc), None, "50 % asked, 50 % met");
    sc.rules[0].min = None;
    assert_eq!(
        failure(&ctx, &sc).as_deref(),
        Some("50 % of its incidents met their SLA targets over 90 days (1 of 2)")
    );
    let network = cat.services.iter().position(|s| s.id == "network").unwrap();
    assert_eq!(
        score(&sc, &ctx, network, &cat.services[network]).results[0].failure,
        None,
        "no incident, nothing missed"
    );
}

#[test]
fn the_report_months_add_up_to_the_period_and_name_the_records_behind_each_figure() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).unwrap();
    let ops = Operations::parse(include_str!("../../../public/operations.json")).unwrap();
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb };
    let (from, to) = catalogue_core::operations::measures::period(jiff::civil::date(2026, 11, 30), 90);
    let r = scope.report(&ops, from, to, &|_| true, DAY);
    let f = &r.total;
    let months: Vec<String> = r.months.iter().map(|(d, _)| d.to_string()).collect();
    assert_eq!(months, ["2026-09-01", "2026-10-01", "2026-11-01"]);
    let sum = |g: fn(&catalogue_core::operations::measures::Figures) -> usize| {
        r.months.iter().map(|(_, m)| g(m)).sum::<usize>()
    };
    assert_eq!(sum(|m| m.incidents), f.incidents);
    assert_eq!(sum(|m| m.resolved), f.resolved);
    assert_eq!(sum(|m| m.changes_followed), f.changes_followed);
    assert_eq!(sum(|m| m.outside_hours), f.outside_hours);
    assert_eq!(r.incidents.count_ones(..), f.incidents);
    assert_eq!(r.passed_on.count_ones(..), f.resolved - f.first_time_fixed);
    assert_eq!(r.outside_hours.count_ones(..), f.outside_hours);
    assert_eq!(r.on_partner_services.count_ones(..), f.on_partner_services);
    assert_eq!(r.followed.len(), f.changes_followed);
    assert!(r.passed_on.ones().all(|i| ops.incidents[i].reassignments > 0));
    // The figures of one month are those of a period of that month alone.
    let (nov_from, nov_to) = catalogue_core::operations::measures::period(jiff::civil::date(2026, 11, 30), 30);
    assert_eq!(scope.figures(&ops, nov_from, nov_to, &|_| true, DAY), r.months[2].1);
}
