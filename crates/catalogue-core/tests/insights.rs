//! Feasibility of SLAs (availability in series, response and resolution across calendars,
//! holidays and clock changes) and scorecard evaluation.

use catalogue_core::feasibility::{self, Severity};
use catalogue_core::model::*;
use catalogue_core::scorecard::{self, Context};
use catalogue_core::{validate, Catalogue, Lookup};
use jiff::civil::{date, Date};
use serde_json::{json, Value};

mod common;
use common::Tzdb;

const TODAY: Date = date(2026, 11, 23);
const WEEKDAYS: [&str; 5] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/// A catalogue from record values (revision and time filled in).
fn catalogue(records: &[(RecordKind, Value)]) -> Catalogue {
    let mut cat = Catalogue::empty("Test");
    for (kind, value) in records {
        let mut value = value.clone();
        value["revision"] = json!(1);
        value["updated_at"] = json!("2026-01-01T00:00:00Z");
        cat.put_value(*kind, None, &value).unwrap_or_else(|e| panic!("{value}: {e}"));
    }
    let problems = validate(&cat);
    assert!(problems.is_empty(), "{problems:?}");
    cat
}

fn party(id: &str) -> (RecordKind, Value) {
    (RecordKind::Party, json!({ "id": id, "kind": "team", "name": id, "email": format!("{id}@example.org") }))
}

fn service(id: &str, deps: &[&str]) -> (RecordKind, Value) {
    (
        RecordKind::Service,
        json!({ "id": id, "name": id, "view": "technical", "owner": "ops", "tier": 2, "summary": "s", "depends_on": deps }),
    )
}

fn calendar(id: &str, zone: &str, start: &str, end: &str, holidays: &[&str]) -> (RecordKind, Value) {
    let holidays: Vec<Value> = holidays.iter().map(|d| json!({ "date": d, "name": "holiday" })).collect();
    (
        RecordKind::Calendar,
        json!({ "id": id, "name": id, "time_zone": zone, "hours": [{ "days": WEEKDAYS, "start": start, "end": end }], "holidays": holidays }),
    )
}

fn agreement(
    id: &str,
    kind: &str,
    services: &[&str],
    calendar: Option<&str>,
    supports: &[&str],
    targets: Value,
) -> (RecordKind, Value) {
    let mut a = json!({ "id": id, "kind": kind, "name": id, "provider": "ops", "customer": "ops", "services": services, "valid_from": "2026-01-01", "supports": supports, "targets": targets });
    if let Some(c) = calendar {
        a["calendar"] = json!(c);
    }
    (RecordKind::Agreement, a)
}

fn availability(p: f64) -> Value {
    json!([{ "metric": "availability", "value": p, "unit": "percent" }])
}

fn resolve(priority: &str, value: f64, unit: &str) -> Value {
    json!([{ "metric": "resolution_time", "priority": priority, "value": value, "unit": unit }])
}

fn findings(cat: &Catalogue) -> Vec<feasibility::Finding> {
    feasibility::check_all(cat, &Lookup::build(cat), TODAY, &Tzdb)
}

fn availability_catalogue(sla: f64) -> Catalogue {
    catalogue(&[
        party("ops"),
        service("shop", &["payments", "search"]),
        service("payments", &[]),
        service("search", &[]),
        agreement("shop-sla", "sla", &["shop"], None, &[], availability(sla)),
        agreement("payments-ola", "ola", &["payments"], None, &["shop-sla"], availability(99.9)),
        agreement("search-contract", "underpinning_contract", &["search"], None, &["shop-sla"], availability(99.95)),
    ])
}

#[test]
fn availability_composes_in_series_and_names_the_weakest_support_first() {
    // 99.9 % × 99.95 % = 99.85 %: a 99.9 % promise cannot be kept.
    let found = findings(&availability_catalogue(99.9));
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!((f.sla.as_str(), f.severity), ("shop-sla", Severity::Breaks));
    assert!(f.message.contains("at most 99.85 %"), "{}", f.message);
    let chain: Vec<&str> = f.chain.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(chain, ["shop-sla", "payments", "payments-ola", "search", "search-contract"]);
    // 99.8 % is within what the supports give.
    assert_eq!(findings(&availability_catalogue(99.8)), []);
}

#[test]
fn a_dependency_without_a_promise_is_unbacked_and_its_own_dependencies_count() {
    let cat = catalogue(&[
        party("ops"),
        service("shop", &["gateway"]),
        service("gateway", &["network"]),
        service("network", &[]),
        agreement("shop-sla", "sla", &["shop"], None, &[], availability(99.95)),
        agreement("network-ola", "ola", &["network"], None, &[], availability(99.9)),
    ]);
    let found = findings(&cat);
    let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
    assert_eq!(severities, [Severity::Breaks, Severity::Unbacked], "{found:?}");
    assert!(found[0].message.contains("network 99.9 %"), "{}", found[0].message);
    assert!(found[1].message.contains("gateway"), "{}", found[1].message);
}

#[test]
fn a_retired_dependency_breaks_the_promise() {
    let mut cat = availability_catalogue(99.8);
    cat.services.iter_mut().find(|s| s.id == "search").unwrap().lifecycle = Lifecycle::Retired;
    let found = findings(&cat);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("shop depends on search, which is retired"));
}

#[test]
fn a_business_hours_contract_cannot_underpin_a_round_the_clock_resolution_target() {
    let cat = catalogue(&[
        party("ops"),
        service("shop", &[]),
        calendar("us-office", "America/New_York", "09:00", "17:00", &[]),
        agreement("shop-sla", "sla", &["shop"], None, &[], resolve("P1", 4.0, "hours")),
        agreement(
            "vendor",
            "underpinning_contract",
            &["shop"],
            Some("us-office"),
            &["shop-sla"],
            resolve("P1", 4.0, "business_hours"),
        ),
    ]);
    let found = findings(&cat);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.promise, "P1 time to resolve 4 h");
    assert!(
        f.message.starts_with("vendor (P1 time to resolve 4 business h) can fall due after shop-sla"),
        "{}",
        f.message
    );
    let chain: Vec<&str> = f.chain.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(chain, ["shop-sla", "vendor"]);
}

#[test]
fn an_ola_inside_the_slas_calendar_and_target_keeps_the_promise() {
    let cat = catalogue(&[
        party("ops"),
        service("shop", &[]),
        calendar("office", "Europe/Berlin", "08:00", "18:00", &[]),
        agreement("shop-sla", "sla", &["shop"], Some("office"), &[], resolve("P1", 8.0, "business_hours")),
        agreement("ops-ola", "ola", &["shop"], Some("office"), &["shop-sla"], resolve("P1", 4.0, "business_hours")),
        // A P2 target does not underpin a P1 one.
        agreement("slow", "ola", &["shop"], Some("office"), &["shop-sla"], resolve("P2", 40.0, "business_hours")),
    ]);
    assert_eq!(findings(&cat), []);
}

#[test]
fn a_holiday_of_the_underpinning_calendar_months_ahead_is_found() {
    let cal = |id, holidays: &[&str]| calendar(id, "Europe/Berlin", "08:00", "18:00", holidays);
    let cat = catalogue(&[
        party("ops"),
        service("shop", &[]),
        cal("office", &[]),
        cal("supplier-office", &["2027-05-03"]),
        agreement("shop-sla", "sla", &["shop"], Some("office"), &[], resolve("P2", 4.0, "business_hours")),
        agreement(
            "supplier",
            "underpinning_contract",
            &["shop"],
            Some("supplier-office"),
            &["shop-sla"],
            resolve("P2", 4.0, "business_hours"),
        ),
    ]);
    let found = findings(&cat);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("May 2027"), "{}", found[0].message);
}

#[test]
fn clock_changes_on_different_dates_are_found_across_time_zones() {
    // New York 04–12 and London 09–17 are the same hours while both zones keep standard
    // (or both summer) time; in March 2027 New York moves two weeks before London.
    let cat = catalogue(&[
        party("ops"),
        service("shop", &[]),
        calendar("new-york", "America/New_York", "04:00", "12:00", &[]),
        calendar("london", "Europe/London", "09:00", "17:00", &[]),
        agreement("shop-sla", "sla", &["shop"], Some("new-york"), &[], resolve("P1", 2.0, "business_hours")),
        agreement("london-ola", "ola", &["shop"], Some("london"), &["shop-sla"], resolve("P1", 2.0, "business_hours")),
    ]);
    let found = findings(&cat);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("Mar 2027"), "{}", found[0].message);
    // The same pair in one zone never disagrees.
    let mut same = cat.clone();
    same.calendars.iter_mut().find(|c| c.id == "london").unwrap().time_zone = "America/New_York".into();
    same.calendars.iter_mut().find(|c| c.id == "london").unwrap().hours[0].start = "04:00".into();
    same.calendars.iter_mut().find(|c| c.id == "london").unwrap().hours[0].end = "12:00".into();
    assert_eq!(findings(&same), []);
}

#[test]
fn a_contract_under_an_ola_is_compared_with_the_ola() {
    let cat = catalogue(&[
        party("ops"),
        service("shop", &[]),
        agreement("shop-sla", "sla", &["shop"], None, &[], resolve("P1", 8.0, "hours")),
        agreement("ops-ola", "ola", &["shop"], None, &["shop-sla"], resolve("P1", 6.0, "hours")),
        agreement("vendor", "underpinning_contract", &["shop"], None, &["ops-ola"], resolve("P1", 7.0, "hours")),
    ]);
    let found = findings(&cat);
    assert_eq!(found.len(), 1, "{found:?}");
    let chain: Vec<&str> = found[0].chain.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(chain, ["shop-sla", "ops-ola", "vendor"]);
    assert!(
        found[0].message.starts_with("vendor (P1 time to resolve 7 h) can fall due after ops-ola"),
        "{}",
        found[0].message
    );
}

fn scored(cat: &Catalogue, sc: &Scorecard) -> Vec<(String, Option<String>, Vec<String>)> {
    let lookup = Lookup::build(cat);
    let found = feasibility::check_all(cat, &lookup, TODAY, &Tzdb);
    let ctx = Context::new(cat, &lookup, TODAY, &found);
    scorecard::evaluate(sc, &ctx)
        .into_iter()
        .map(|s| {
            let level = s.level.map(|l| sc.levels[l].clone());
            let failing = s
                .failing()
                .map(|r| format!("{}: {}", scorecard::rule_title(&sc.rules[r.rule]), r.failure.clone().unwrap()))
                .collect();
            (cat.services[s.service].id.clone(), level, failing)
        })
        .collect()
}

/// A service meeting every default rule, plus services missing one thing each.
fn maturity_catalogue() -> Catalogue {
    let full = |id: &str, deps: &[&str]| {
        let (kind, mut v) = service(id, deps);
        v["description"] = json!("What it does.");
        v["support"] = json!({ "calendar": "office", "channels": [{ "kind": "email", "value": "help@example.org" }],
            "escalation": [{ "party": "ops", "after_minutes": 0 }, { "party": "ops", "after_minutes": 60 }] });
        (kind, v)
    };
    let runbook = |id: &str, service: &str| {
        (
            RecordKind::Article,
            json!({ "id": id, "kind": "runbook", "title": id, "owner": "ops", "services": [service], "steps": [{ "title": "Restart" }] }),
        )
    };
    let mut bronze_only = full("bronze-only", &[]);
    bronze_only.1["support"]["escalation"] = json!([{ "party": "ops", "after_minutes": 0 }]);
    let mut no_level = full("no-level", &[]);
    no_level.1["description"] = json!("");
    catalogue(&[
        party("ops"),
        calendar("office", "Europe/Berlin", "08:00", "18:00", &[]),
        full("gold", &["base"]),
        full("base", &[]),
        full("silver", &["unsupported"]),
        full("unsupported", &[]),
        bronze_only,
        no_level,
        agreement("gold-sla", "sla", &["gold", "silver", "bronze-only"], None, &[], availability(99.0)),
        agreement("base-ola", "ola", &["base"], None, &["gold-sla"], availability(99.9)),
        agreement("base-sla", "sla", &["base"], None, &[], availability(99.9)),
        runbook("gold-runbook", "gold"),
        runbook("base-runbook", "base"),
        runbook("silver-runbook", "silver"),
        runbook("bronze-runbook", "bronze-only"),
    ])
}

#[test]
fn the_default_scorecard_gives_each_service_its_level_and_what_it_fails() {
    let cat = maturity_catalogue();
    let sc = scorecard::default_scorecard("2026-01-01T00:00:00Z".parse().unwrap());
    let scores = scored(&cat, &sc);
    let get = |id: &str| scores.iter().find(|s| s.0 == id).unwrap_or_else(|| panic!("{id} scored"));
    assert_eq!(get("gold").1.as_deref(), Some("Gold"), "{:?}", get("gold"));
    assert_eq!(get("gold").2, Vec::<String>::new());
    assert_eq!(get("silver").1.as_deref(), Some("Silver"));
    assert_eq!(
        get("silver").2,
        ["Every dependency under an OLA or underpinning contract: no OLA or contract for unsupported"]
    );
    assert_eq!(get("bronze-only").1.as_deref(), Some("Bronze"));
    assert_eq!(get("bronze-only").2, ["At least 2 escalation path: 1 escalation path, 2 needed"]);
    assert_eq!(get("no-level").1, None);
    assert!(get("no-level").2.contains(&"Has description: no description".to_string()), "{:?}", get("no-level"));
    // Rules of a higher level do not count while a lower one fails: "unsupported" has no
    // SLA (Silver) and stays at Bronze even though Gold's dependency rule passes.
    assert_eq!(get("unsupported").1.as_deref(), Some("Bronze"));
}

#[test]
fn an_infeasible_sla_keeps_its_services_from_the_top_level() {
    let mut cat = maturity_catalogue();
    // The SLA now promises more than the OLA beneath its dependency.
    cat.agreements.iter_mut().find(|a| a.id == "gold-sla").unwrap().targets[0].value = 99.95;
    let sc = scorecard::default_scorecard("2026-01-01T00:00:00Z".parse().unwrap());
    let scores = scored(&cat, &sc);
    let gold = scores.iter().find(|s| s.0 == "gold").unwrap();
    assert_eq!(gold.1.as_deref(), Some("Silver"));
    assert_eq!(gold.2, ["SLAs its supports can keep: cannot be kept: gold-sla"]);
}

#[test]
fn rules_are_data_a_scorecard_in_the_file_is_validated_and_round_trips() {
    let mut cat = maturity_catalogue();
    let mut sc = scorecard::default_scorecard("2026-01-01T00:00:00Z".parse().unwrap());
    sc.families = vec!["Payments".into()];
    cat.scorecards.push(sc.clone());
    let text = catalogue_core::to_canonical_json(&cat);
    assert!(text.contains("\"scorecards\""));
    let back = catalogue_core::parse(&text).unwrap();
    assert_eq!(back.scorecards, vec![sc.clone()]);
    // A family filter leaves out the services of other families.
    assert_eq!(scored(&back, &back.scorecards[0]), []);

    let mut bad = back.clone();
    bad.scorecards[0].rules[1].level = "Platinum".into();
    bad.scorecards[0].rules[2].field = "support.colour".into();
    bad.scorecards[0].levels.push("Gold".into());
    let problems: Vec<String> = validate(&bad).iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].starts_with("scorecards[0].levels[3]: level \"Gold\" is listed twice"), "{problems:?}");
    assert!(
        problems[1].starts_with("scorecards[0].rules[1].level: \"Platinum\" is not one of the levels"),
        "{problems:?}"
    );
    assert!(
        problems[2].starts_with("scorecards[0].rules[2].field: a field rule needs one of these service fields"),
        "{problems:?}"
    );
}

#[test]
fn levels_per_team_count_each_service_once() {
    let mut cat = maturity_catalogue();
    let mut other = cat.parties[0].clone();
    other.id = "web".into();
    other.name = "Web team".into();
    cat.parties.push(other);
    cat.services.iter_mut().find(|s| s.id == "no-level").unwrap().owner = "web".into();
    let sc = scorecard::default_scorecard("2026-01-01T00:00:00Z".parse().unwrap());
    let lookup = Lookup::build(&cat);
    let found = feasibility::check_all(&cat, &lookup, TODAY, &Tzdb);
    let ctx = Context::new(&cat, &lookup, TODAY, &found);
    let scores = scorecard::evaluate(&sc, &ctx);
    let teams = scorecard::by_team(&sc, &cat, &scores);
    let summary: Vec<(&str, &[usize])> = teams.iter().map(|t| (t.party.as_str(), t.counts.as_slice())).collect();
    // ops: bronze-only and unsupported at Bronze, silver at Silver, gold and base at Gold.
    assert_eq!(summary, [("ops", &[2, 1, 2, 0][..]), ("web", &[0, 0, 0, 1][..])]);
}

#[test]
fn an_amount_of_one_day_is_written_in_the_singular() {
    use catalogue_core::model::{TargetUnit, TimeUnit};
    assert_eq!(TimeUnit::Days.amount(1.0), "1 day");
    assert_eq!(TimeUnit::BusinessDays.amount(1.0), "1 business day");
    assert_eq!(TimeUnit::BusinessDays.amount(2.0), "2 business days");
    assert_eq!(TargetUnit::BusinessDays.amount(1.0), "1 business day");
    assert_eq!(TargetUnit::Percent.amount(99.9), "99.9 %");
    assert_eq!(TargetUnit::Count.amount(3.0), "3");
}
