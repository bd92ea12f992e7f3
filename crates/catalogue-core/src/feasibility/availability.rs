//! Availability composes in series: what an SLA can promise from what its dependencies promise.

use jiff::civil::Date;

use super::*;

fn format_percent(p: f64) -> String {
    let s = format!("{:.3}", (p * 1000.0).floor() / 1000.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} %")
}

pub(super) fn availability(cat: &Catalogue, lookup: &Lookup, sla: &Agreement, today: Date) -> Vec<Finding> {
    let Some(promised) = availability_of(sla) else { return Vec::new() };
    let promise = format!("availability {}", format_percent(promised));
    // The strongest availability promised for a service by an agreement in force (not this SLA).
    let backing = |service: &str| -> Option<(&Agreement, f64)> {
        lookup
            .agreements_of_service
            .get(service)?
            .iter()
            .map(|&i| &cat.agreements[i])
            .filter(|a| a.id != sla.id && in_force(a, today))
            .filter_map(|a| Some((a, availability_of(a)?)))
            .max_by(|x, y| x.1.total_cmp(&y.1))
    };
    let mut factors: Vec<(&Service, &Agreement, f64)> = Vec::new();
    let mut unbacked: Vec<&Service> = Vec::new();
    let mut retired: Vec<(&Service, &Service)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let covered = covered_services(cat, lookup, sla);
    let mut stack: Vec<&Service> = covered.iter().rev().copied().collect();
    let covered_ids: HashSet<&str> = covered.iter().map(|s| s.id.as_str()).collect();
    while let Some(s) = stack.pop() {
        for dep in s.depends_on.iter().rev().filter_map(|d| cat.services.get(*lookup.service.get(d)?)) {
            if covered_ids.contains(dep.id.as_str()) || !seen.insert(&dep.id) {
                continue;
            }
            if dep.lifecycle == Lifecycle::Retired {
                retired.push((s, dep));
            }
            match backing(&dep.id) {
                Some((a, v)) => factors.push((dep, a, v)),
                None => {
                    unbacked.push(dep);
                    stack.push(dep);
                }
            }
        }
    }
    let mut out = Vec::new();
    let head = || link(RecordKind::Agreement, &sla.id, format!("promises {}", format_percent(promised)));
    let composed = factors.iter().map(|(_, _, v)| v / 100.0).product::<f64>() * 100.0;
    if !factors.is_empty() && composed < promised - 1e-9 {
        let mut weakest = factors.clone();
        weakest.sort_by(|x, y| x.2.total_cmp(&y.2));
        let mut chain = vec![head()];
        for (service, agreement, v) in &weakest {
            chain.push(link(RecordKind::Service, &service.id, "a dependency"));
            chain.push(link(RecordKind::Agreement, &agreement.id, format!("promises {}", format_percent(*v))));
        }
        let names: Vec<String> = weakest.iter().map(|(s, _, v)| format!("{} {}", s.name, format_percent(*v))).collect();
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Breaks,
            promise: promise.clone(),
            message: format!(
                "promises {} but the services it depends on, in series, are promised at most {} ({})",
                format_percent(promised),
                format_percent(composed),
                names.join(" × ")
            ),
            chain,
        });
    }
    for (user, dep) in retired {
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Breaks,
            promise: promise.clone(),
            message: format!("{} depends on {}, which is retired", user.name, dep.name),
            chain: vec![
                head(),
                link(RecordKind::Service, &user.id, "depends on"),
                link(RecordKind::Service, &dep.id, "retired"),
            ],
        });
    }
    if !unbacked.is_empty() {
        let names: Vec<&str> = unbacked.iter().map(|s| s.name.as_str()).collect();
        let mut chain = vec![head()];
        chain.extend(unbacked.iter().map(|s| link(RecordKind::Service, &s.id, "no availability promised")));
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Unbacked,
            promise,
            message: format!("no OLA or contract in force promises the availability of {}", names.join(", ")),
            chain,
        });
    }
    out
}
