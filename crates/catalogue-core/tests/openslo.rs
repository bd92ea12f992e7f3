//! OpenSLO v1 both ways, on the OpenSLO repository's own examples (tests/fixtures/openslo,
//! Apache-2.0).
#![cfg(feature = "backstage")]

use catalogue_core::backstage::Outcome;
use catalogue_core::model::*;
use catalogue_core::openslo::{export, import, is_openslo};
use catalogue_core::Catalogue;
use serde_json::json;

fn now() -> Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

fn today() -> Date {
    "2026-11-23".parse().unwrap()
}

/// The small fixture, with the services the examples name.
fn catalogue() -> Catalogue {
    let mut cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    for id in ["web-shop", "web-availability", "web"] {
        let mut s = cat.record_value(RecordKind::Service, "network").unwrap();
        s["id"] = json!(id);
        s["name"] = json!(id.replace('-', " "));
        cat.put_value(RecordKind::Service, None, &s).unwrap();
    }
    cat.sort();
    cat
}

fn examples() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openslo/examples");
    let mut out = Vec::new();
    for sub in std::fs::read_dir(&dir).unwrap() {
        for f in std::fs::read_dir(sub.unwrap().path()).unwrap() {
            let path = f.unwrap().path();
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_example_imports_with_a_report_and_slos_become_targets() {
    let cat = catalogue();
    let mut slos = 0;
    for (file, text) in examples() {
        assert!(is_openslo(&text), "{file}");
        let result = import(&cat, &text, now(), today()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let problems = catalogue_core::validate(&result.catalogue);
        assert!(problems.is_empty(), "{file}: {problems:?}");
        assert!(!result.report.is_empty(), "{file}");
        for line in &result.report {
            if line.entity.starts_with("SLO ") {
                assert!(matches!(line.outcome, Outcome::Mapped { .. }), "{file}: {line:?}");
                slos += 1;
            } else {
                assert!(matches!(line.outcome, Outcome::Skipped(_)), "{file}: {line:?}");
            }
        }
    }
    assert_eq!(slos, 5, "every SLO of the examples");
}

#[test]
fn a_latency_objective_keeps_its_threshold_share_window_and_budgeting() {
    let (_, text) = examples().into_iter().find(|(f, _)| f.ends_with("occurences-slo.yaml")).unwrap();
    let result = import(&catalogue(), &text, now(), today()).unwrap();
    let agreement = result.catalogue.agreements.iter().find(|a| a.services.contains(&"web-shop".to_owned())).unwrap();
    assert_eq!(agreement.kind, AgreementKind::Ola, "made for a service without one");
    let t = &agreement.targets[0];
    assert_eq!((t.metric, t.value, t.unit), (Metric::Latency, 500.0, TargetUnit::Milliseconds));
    let slo = t.slo.as_ref().unwrap();
    assert_eq!((slo.window.as_str(), slo.rolling, slo.budgeting), ("2w", true, Budgeting::Occurrences));
    assert_eq!(slo.good_percent, Some(99.0));
    assert_eq!(slo.indicator, "search-latency");
}

#[test]
fn targets_written_as_slos_read_back_as_the_same_targets() {
    let mut cat = catalogue();
    for (_, text) in examples() {
        cat = import(&cat, &text, now(), today()).unwrap().catalogue;
    }
    let (docs, left_out) = export(&cat);
    assert!(
        left_out.is_empty() || left_out.iter().all(|l| l.contains("100 %") || l.contains("not known")),
        "{left_out:?}"
    );
    let yaml: String = docs.iter().map(|d| format!("---\n{}\n", serde_json::to_string(d).unwrap())).collect();
    let back = import(&cat, &yaml, now(), today()).unwrap().catalogue;
    for (before, after) in cat.agreements.iter().zip(&back.agreements) {
        for (b, a) in before.targets.iter().zip(&after.targets) {
            match &b.slo {
                Some(_) => assert_eq!(b, a, "{}", before.id),
                // Written with the usual measure (28 days, rolling, by occurrences), read
                // back as that, the rest unchanged.
                None => assert_eq!(Target { slo: None, ..a.clone() }, *b, "{}", before.id),
            }
        }
        assert_eq!(before.targets.len(), after.targets.len(), "{}", before.id);
    }
    let small = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    let (docs, _) = export(&small);
    let sla = docs.iter().find(|d| d["spec"]["service"] == "mail").unwrap();
    assert_eq!(sla["spec"]["objectives"][0]["target"], json!(0.999));
    assert_eq!(sla["spec"]["budgetingMethod"], "Occurrences");
}

#[test]
fn a_window_that_is_not_openslo_shorthand_is_refused_where_it_is() {
    let mut cat = catalogue();
    let mut sla = cat.record_value(RecordKind::Agreement, "mail-sla").unwrap();
    sla["targets"][0]["slo"] = json!({ "window": "28 days", "budgeting": "occurrences", "good_percent": 120 });
    cat.put_value(RecordKind::Agreement, Some("mail-sla"), &sla).unwrap();
    let problems: Vec<String> = catalogue_core::validate(&cat).iter().map(|p| p.path.clone()).collect();
    assert!(problems.iter().any(|p| p.ends_with("targets[0].slo.window")), "{problems:?}");
    assert!(problems.iter().any(|p| p.ends_with("targets[0].slo.good_percent")), "{problems:?}");
}
