//! Validation rules: each names the record, the field and what is wrong.

use catalogue_core::model::*;
use catalogue_core::{validate, Catalogue};

const SMALL: &str = include_str!("fixtures/small.json");

fn small() -> Catalogue {
    catalogue_core::parse(SMALL).expect("fixture is valid")
}

/// The problems of a changed copy of the fixture, as `path: message` lines.
fn problems_after(change: impl FnOnce(&mut Catalogue)) -> Vec<String> {
    let mut cat = small();
    change(&mut cat);
    validate(&cat).into_iter().map(|p| format!("{}: {}", p.path, p.message)).collect()
}

fn assert_problem(problems: &[String], path: &str, contains: &str) {
    assert!(
        problems.iter().any(|p| p.starts_with(&format!("{path}: ")) && p.contains(contains)),
        "expected a problem at {path} containing {contains:?}, got {problems:#?}"
    );
}

#[test]
fn fixture_is_valid() {
    assert!(validate(&small()).is_empty());
}

#[test]
fn required_fields_must_not_be_blank() {
    let p = problems_after(|c| {
        c.services[0].name = "  ".into();
        c.offerings[0].summary.clear();
    });
    assert_problem(&p, "services[0].name", "is required");
    assert_problem(&p, "offerings[0].summary", "is required");
}

#[test]
fn ids_must_be_slugs_and_unique_per_kind() {
    let p = problems_after(|c| {
        c.services[1].id = "Bad Id".into();
        c.parties[1].id = "ops".into();
        // The same id in another kind is fine.
        c.calendars[0].id = "mail".into();
        c.services[0].support.calendar = Some("mail".into());
    });
    assert_problem(&p, "services[1].id", "not a valid id");
    assert_problem(&p, "parties[1].id", "duplicate id \"ops\": parties[0] has the same id");
    assert!(!p.iter().any(|l| l.starts_with("calendars[0].id")), "{p:?}");
}

#[test]
fn every_reference_must_resolve() {
    let p = problems_after(|c| {
        c.services[0].owner = "ghost".into();
        c.services[0].depends_on.push("nowhere".into());
        c.offerings[0].service = "gone".into();
        c.agreements[0].calendar = Some("never".into());
        c.agreements[1].supports = vec!["missing-sla".into()];
        c.articles[0].services = vec!["vanished".into()];
    });
    assert_problem(&p, "services[0].owner", "unknown party \"ghost\"");
    assert_problem(&p, "services[0].depends_on[2]", "unknown service \"nowhere\"");
    assert_problem(&p, "offerings[0].service", "unknown service \"gone\"");
    assert_problem(&p, "agreements[0].calendar", "unknown calendar \"never\"");
    assert_problem(&p, "agreements[1].supports[0]", "unknown agreement \"missing-sla\"");
    assert_problem(&p, "articles[0].services[0]", "unknown service \"vanished\"");
}

#[test]
fn dependency_cycles_are_reported_with_their_path() {
    let p = problems_after(|c| c.services[2].depends_on = vec!["mail".into()]);
    // mail → network → mail (shortest way back)
    assert!(p.iter().any(|l| l.contains("dependency cycle: mail → network → mail")), "{p:#?}");
    let p = problems_after(|c| c.services[0].depends_on.push("mail".into()));
    assert_problem(&p, "services[0].depends_on", "cannot depend on itself");
}

#[test]
fn targets_must_be_sane() {
    let p = problems_after(|c| {
        let t = &mut c.agreements[0].targets;
        t[0].value = 100.5;
        t.push(Target {
            metric: Metric::ResolutionTime,
            name: String::new(),
            priority: Some(Priority::P1),
            value: -4.0,
            unit: TargetUnit::Hours,
            warning: None,
            slo: None,
        });
        t.push(Target {
            metric: Metric::ResponseTime,
            name: String::new(),
            priority: Some(Priority::P1),
            value: 30.0,
            unit: TargetUnit::Percent,
            warning: Some(45.0),
            slo: None,
        });
        t.push(Target {
            metric: Metric::Latency,
            name: String::new(),
            priority: None,
            value: f64::NAN,
            unit: TargetUnit::Milliseconds,
            warning: None,
            slo: None,
        });
        t.push(Target {
            metric: Metric::Availability,
            name: String::new(),
            priority: Some(Priority::P2),
            value: 99.0,
            unit: TargetUnit::Percent,
            warning: Some(98.0),
            slo: None,
        });
    });
    assert_problem(&p, "agreements[0].targets[0].value", "out of range");
    assert_problem(&p, "agreements[0].targets[1].value", "must be a positive time");
    assert_problem(&p, "agreements[0].targets[2].unit", "unit of time");
    assert_problem(&p, "agreements[0].targets[2].warning", "before the target is breached");
    assert_problem(&p, "agreements[0].targets[3].value", "must be a number");
    assert_problem(&p, "agreements[0].targets[4].priority", "applies only to");
    assert_problem(&p, "agreements[0].targets[4].warning", "better than the target");
}

#[test]
fn calendars_must_be_consistent() {
    let p = problems_after(|c| {
        let cal = &mut c.calendars[0];
        cal.time_zone = "Mars/Olympus_Mons".into();
        cal.hours.push(WeeklyRange { days: vec![Weekday::Friday], start: "17:00".into(), end: "20:00".into() });
        cal.hours.push(WeeklyRange { days: vec![Weekday::Sunday], start: "22:00".into(), end: "09:00".into() });
        cal.hours.push(WeeklyRange { days: vec![Weekday::Saturday], start: "25:00".into(), end: "10:00".into() });
        cal.holidays.push(cal.holidays[0].clone());
    });
    assert_problem(&p, "calendars[0].time_zone", "not a known IANA time zone");
    assert_problem(&p, "calendars[0].hours[1]", "overlaps hours[0]");
    // Sunday 22:00 to Monday 09:00 wraps around the week into Monday 08:00.
    assert_problem(&p, "calendars[0].hours[2]", "overlaps hours[0]");
    assert_problem(&p, "calendars[0].hours[3].start", "not a time of day");
    assert_problem(&p, "calendars[0].holidays[1].date", "listed twice");
}

#[test]
fn overnight_and_whole_day_ranges_are_accepted() {
    let p = problems_after(|c| {
        c.calendars[0].hours = vec![
            WeeklyRange { days: vec![Weekday::Saturday], start: "00:00".into(), end: "24:00".into() },
            WeeklyRange { days: vec![Weekday::Friday], start: "22:00".into(), end: "06:00".into() },
        ];
    });
    // Friday 22:00 to Saturday 06:00 overlaps Saturday's whole day.
    assert_problem(&p, "calendars[0].hours[1]", "overlaps hours[0]");
    let p = problems_after(|c| {
        c.calendars[0].hours = vec![
            WeeklyRange { days: vec![Weekday::Saturday], start: "06:00".into(), end: "24:00".into() },
            WeeklyRange { days: vec![Weekday::Friday], start: "22:00".into(), end: "06:00".into() },
        ];
    });
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn links_allow_only_safe_schemes() {
    let p = problems_after(|c| {
        c.services[0].links = vec![
            Link { title: "ok".into(), url: "https://status.example.org".into() },
            Link { title: "xss".into(), url: "javascript:alert(1)".into() },
            Link { title: "data".into(), url: "data:text/html,<script>alert(1)</script>".into() },
            Link { title: "spaced".into(), url: " JaVaScRiPt:alert(1)".into() },
        ];
    });
    assert!(!p.iter().any(|l| l.starts_with("services[0].links[0]")));
    assert_problem(&p, "services[0].links[1].url", "not an allowed link");
    assert_problem(&p, "services[0].links[2].url", "not an allowed link");
    assert_problem(&p, "services[0].links[3].url", "not an allowed link");
}

#[test]
fn article_kinds_need_their_sections() {
    let p = problems_after(|c| {
        c.articles[0].steps.clear();
        let mut ke = c.articles[0].clone();
        ke.id = "ke".into();
        ke.kind = ArticleKind::KnownError;
        c.articles.push(ke);
    });
    assert_problem(&p, "articles[0].steps", "at least one step");
    assert_problem(&p, "articles[1].known_error", "symptom, cause and workaround");
}

#[test]
fn escalation_levels_must_come_in_order() {
    let p = problems_after(|c| {
        c.services[0].support.escalation = vec![
            EscalationLevel { party: "ops".into(), after_minutes: 0, note: String::new() },
            EscalationLevel { party: "ana".into(), after_minutes: 0, note: String::new() },
        ];
    });
    assert_problem(&p, "services[0].support.escalation[1].after_minutes", "later than the one before");
}
