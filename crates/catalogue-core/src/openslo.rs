//! OpenSLO v1, both ways. SLO documents become availability, latency or throughput
//! targets of an agreement of the service they name, with their window and budgeting
//! method kept (`Target::slo`); the agreement's targets of those metrics are written
//! back as SLO documents that refer to their indicator by name (the catalogue holds no
//! metric queries).
//!
//! An objective with only a `target` (or `targetPercent`) is an availability; one with
//! `op` and `value` is a threshold: latency (in milliseconds) for `lt`/`lte`, throughput
//! (in requests per second) for `gt`/`gte`, the target being the share of good events.

use serde_json::{json, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::backstage::{Outcome, ReportLine};
use crate::catalogue::Catalogue;
use crate::model::*;
use crate::yaml::text;

/// The annotation naming the agreement an SLO was written from.
const AGREEMENT: &str = "service-catalogue.agreement";

/// Whether `yaml` holds OpenSLO documents.
pub fn is_openslo(yaml: &str) -> bool {
    YamlLoader::load_from_str(yaml)
        .is_ok_and(|docs| docs.iter().flat_map(documents).any(|d| d["apiVersion"].as_str() == Some("openslo/v1")))
}

/// A file's documents: one per YAML document, or the items of a document that is a list.
fn documents(doc: &Yaml) -> Vec<&Yaml> {
    match doc.as_vec() {
        Some(items) => items.iter().collect(),
        None => vec![doc],
    }
}

fn number(y: &Yaml) -> Option<f64> {
    match y {
        Yaml::Integer(i) => Some(*i as f64),
        Yaml::Real(r) => r.parse().ok(),
        _ => None,
    }
}

/// Percent to OpenSLO's fraction and back, rounded past what float division leaves
/// (99.9 % is 0.999, not 0.9990000000000001).
fn fraction(percent: f64) -> f64 {
    (percent * 1e7).round() / 1e9
}

fn percent(fraction: f64) -> f64 {
    (fraction * 1e9).round() / 1e7
}

/// What an import of OpenSLO documents gives: the catalogue with the targets in, and a
/// line per document.
pub struct SloImport {
    pub catalogue: Catalogue,
    pub report: Vec<ReportLine>,
}

/// Reads the SLO documents of `yaml` into `stored`: each objective becomes a target of
/// the service's SLA (its first agreement covering it; a new one when it has none),
/// replacing a target of the same metric and window. `today` dates a new agreement.
pub fn import(stored: &Catalogue, yaml: &str, now: Timestamp, today: Date) -> Result<SloImport, String> {
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| format!("not valid YAML: {e}"))?;
    let mut cat = stored.clone();
    let mut report = Vec::new();
    for doc in docs.iter().flat_map(documents).filter(|d| !d.is_null()) {
        let kind = text(&doc["kind"]);
        let entity = format!("{kind} {}", text(&doc["metadata"]["name"]));
        if doc["apiVersion"].as_str() != Some("openslo/v1") {
            report.push(ReportLine { entity, outcome: Outcome::Skipped("not an OpenSLO v1 document".into()) });
            continue;
        }
        if kind != "SLO" {
            let why = match kind.as_str() {
                "SLI" => "indicators are kept by name, in the SLOs that refer to them",
                "Service" => "services are the catalogue's own: SLOs name them",
                _ => "alerting and data sources stay with the monitoring tool",
            };
            report.push(ReportLine { entity, outcome: Outcome::Skipped(why.into()) });
            continue;
        }
        report.push(ReportLine { entity, outcome: slo(&mut cat, doc, now, today) });
    }
    Ok(SloImport { catalogue: cat, report })
}

/// One SLO document into `cat`.
fn slo(cat: &mut Catalogue, doc: &Yaml, now: Timestamp, today: Date) -> Outcome {
    let spec = &doc["spec"];
    let service_name = text(&spec["service"]);
    let Some(service) =
        cat.services.iter().find(|s| s.id == service_name || s.name.eq_ignore_ascii_case(&service_name)).cloned()
    else {
        return Outcome::Skipped(format!("no service has the id or name “{service_name}”"));
    };
    let window = &spec["timeWindow"][0];
    let budgeting = match text(&spec["budgetingMethod"]).as_str() {
        "Occurrences" => Budgeting::Occurrences,
        "Timeslices" => Budgeting::Timeslices,
        "RatioTimeslices" => Budgeting::RatioTimeslices,
        other => return Outcome::Skipped(format!("budgeting method “{other}” is not one of OpenSLO v1's")),
    };
    let indicator = [text(&spec["indicator"]["metadata"]["name"]), text(&spec["indicatorRef"])]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let mut targets = Vec::new();
    let mut notes = Vec::new();
    for o in doc["spec"]["objectives"].as_vec().into_iter().flatten() {
        let share = number(&o["target"]).map(percent).or_else(|| number(&o["targetPercent"]));
        let Some(share) = share else {
            notes.push(format!("objective “{}” has no target: left out", text(&o["displayName"])));
            continue;
        };
        let measure = SloMeasure {
            window: text(&window["duration"]),
            rolling: window["isRolling"].as_bool().unwrap_or(false),
            budgeting,
            good_percent: None,
            time_slice: Some(text(&o["timeSliceWindow"])).filter(|t| !t.is_empty()),
            time_slice_percent: number(&o["timeSliceTarget"]).map(percent),
            indicator: indicator.clone(),
        };
        let target = match (text(&o["op"]).as_str(), number(&o["value"])) {
            (op @ ("lt" | "lte" | "gt" | "gte"), Some(value)) => {
                let latency = op.starts_with('l');
                Target {
                    metric: if latency { Metric::Latency } else { Metric::Throughput },
                    name: String::new(),
                    priority: None,
                    value,
                    unit: if latency { TargetUnit::Milliseconds } else { TargetUnit::RequestsPerSecond },
                    warning: None,
                    slo: Some(SloMeasure { good_percent: Some(share), ..measure }),
                }
            }
            _ => Target {
                metric: Metric::Availability,
                name: String::new(),
                priority: None,
                value: share,
                unit: TargetUnit::Percent,
                warning: None,
                slo: Some(measure),
            },
        };
        if !window["isRolling"].as_bool().unwrap_or(false) && !window["calendar"].is_badvalue() {
            notes.push("calendar window: its start and time zone are the agreement's".into());
        }
        targets.push(target);
    }
    if targets.is_empty() {
        return Outcome::Skipped("no objective with a target".into());
    }
    // The agreement it was written from (`catalogue export-openslo` says which), else
    // the service's SLA, else any agreement covering it.
    let named = text(&doc["metadata"]["annotations"][AGREEMENT]);
    let covers = |a: &Agreement| a.services.contains(&service.id);
    let covering = cat
        .agreements
        .iter()
        .position(|a| a.id == named && covers(a))
        .or_else(|| cat.agreements.iter().position(|a| covers(a) && a.kind == AgreementKind::Sla))
        .or_else(|| cat.agreements.iter().position(covers));
    let index = covering.unwrap_or_else(|| {
        let id =
            crate::edit::propose_id(&format!("{} slos", service.id), |id| cat.agreements.iter().any(|a| a.id == id));
        notes.push(format!("the service had no agreement: {id} was made, between its owner and itself"));
        cat.agreements.push(Agreement {
            id,
            revision: 0,
            updated_at: now,
            kind: AgreementKind::Ola,
            name: format!("{} service level objectives", service.name),
            summary: String::new(),
            provider: service.owner.clone(),
            customer: service.owner.clone(),
            services: vec![service.id.clone()],
            offerings: Vec::new(),
            calendar: None,
            valid_from: today,
            valid_until: None,
            review_by: None,
            supports: Vec::new(),
            targets: Vec::new(),
        });
        cat.agreements.len() - 1
    });
    let agreement = &mut cat.agreements[index];
    for t in targets {
        // The target of that metric and window; else one of that metric not yet measured
        // as an SLO, which becomes this one (keeping its warning level).
        let window = |x: &Target| x.slo.as_ref().map(|s| s.window.clone());
        let found = agreement.targets.iter().position(|old| old.metric == t.metric && window(old) == window(&t));
        let found =
            found.or_else(|| agreement.targets.iter().position(|old| old.metric == t.metric && old.slo.is_none()));
        match found {
            Some(i) => {
                let old = &mut agreement.targets[i];
                (old.value, old.unit, old.slo) = (t.value, t.unit, t.slo);
            }
            None => agreement.targets.push(t),
        }
    }
    agreement.revision += 1;
    agreement.updated_at = now;
    Outcome::Mapped { kind: RecordKind::Agreement, id: agreement.id.clone(), notes }
}

/// The SLO documents of every availability, latency and throughput target of every
/// agreement, one per service it covers; with a line for each target left out and why.
pub fn export(cat: &Catalogue) -> (Vec<Value>, Vec<String>) {
    let mut docs = Vec::new();
    let mut left_out = Vec::new();
    for a in &cat.agreements {
        for (i, t) in a.targets.iter().enumerate() {
            if !matches!(t.metric, Metric::Availability | Metric::Latency | Metric::Throughput) {
                continue;
            }
            let what = format!("{} {}, target {}", a.kind.label(), a.id, i + 1);
            let slo = t.slo.clone().unwrap_or(SloMeasure {
                window: "28d".into(),
                rolling: true,
                budgeting: Budgeting::Occurrences,
                good_percent: None,
                time_slice: None,
                time_slice_percent: None,
                indicator: String::new(),
            });
            let objective = match t.metric {
                Metric::Availability if t.value < 100.0 => {
                    json!({ "displayName": t.metric.label(), "target": fraction(t.value) })
                }
                Metric::Availability => {
                    left_out.push(format!("{what}: 100 % leaves no error budget, which OpenSLO cannot express"));
                    continue;
                }
                _ => {
                    let Some(share) = slo.good_percent.filter(|p| *p < 100.0) else {
                        left_out.push(format!("{what}: the share of events that must meet it is not known"));
                        continue;
                    };
                    let op = if t.metric == Metric::Latency { "lte" } else { "gte" };
                    json!({ "displayName": t.metric.label(), "op": op, "value": t.value, "target": fraction(share) })
                }
            };
            let mut objective = objective;
            if let Some(slice) = &slo.time_slice {
                objective["timeSliceWindow"] = json!(slice);
            }
            if let Some(percent) = slo.time_slice_percent {
                objective["timeSliceTarget"] = json!(fraction(percent));
            }
            if slo.budgeting == Budgeting::Timeslices && (slo.time_slice.is_none() || slo.time_slice_percent.is_none())
            {
                left_out.push(format!("{what}: budgeting by time slices needs the slice and its share"));
                continue;
            }
            let mut window = json!({ "duration": slo.window, "isRolling": slo.rolling });
            if !slo.rolling {
                let zone = a
                    .calendar
                    .as_deref()
                    .and_then(|c| cat.calendar(c))
                    .map(|c| c.time_zone.clone())
                    .unwrap_or_else(|| "UTC".into());
                window["calendar"] = json!({ "startTime": format!("{} 00:00:00", a.valid_from), "timeZone": zone });
            }
            for service in &a.services {
                let name = crate::edit::propose_id(&format!("{}-{}-{}", a.id, service, t.metric.value()), |_| false);
                let indicator = if slo.indicator.is_empty() {
                    format!("{service}-{}", t.metric.value().replace('_', "-"))
                } else {
                    slo.indicator.clone()
                };
                docs.push(json!({
                    "apiVersion": "openslo/v1",
                    "kind": "SLO",
                    "metadata": {
                        "name": name,
                        "displayName": format!("{}: {}", a.name, t.metric.label()),
                        "annotations": { AGREEMENT: a.id },
                    },
                    "spec": {
                        "service": service,
                        "indicatorRef": indicator,
                        "timeWindow": [window.clone()],
                        "budgetingMethod": slo.budgeting.openslo(),
                        "objectives": [objective.clone()],
                    },
                }));
            }
        }
    }
    (docs, left_out)
}
