//! Catalogue health: how complete and current the catalogue is, as shares of records
//! meeting a measure, each with the records that fail it (for drill-down).

use std::collections::HashSet;

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::*;

/// One measure: how many of `total` records meet it, and which do not (with why).
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub key: &'static str,
    pub label: &'static str,
    pub met: usize,
    pub total: usize,
    /// Records that fail it: kind, id, and what is missing or wrong.
    pub failing: Vec<(RecordKind, String, String)>,
}

impl Measure {
    /// Met share in percent; a measure over no records is fully met.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.met as f64 * 100.0 / self.total as f64
        }
    }
}

fn measure(
    key: &'static str,
    label: &'static str,
    total: usize,
    failing: Vec<(RecordKind, String, String)>,
) -> Measure {
    Measure { key, label, met: total - failing.len(), total, failing }
}

/// Services with a documented support model: the first question of operations, asked on
/// its own by the Operations report (the other measures are not needed there).
pub fn support_model(cat: &Catalogue) -> Measure {
    let support = cat
        .services
        .iter()
        .filter_map(|s| {
            let mut missing = Vec::new();
            if s.support.calendar.is_none() {
                missing.push("support hours");
            }
            if s.support.channels.is_empty() {
                missing.push("channels");
            }
            if s.support.escalation.is_empty() {
                missing.push("escalation path");
            }
            (!missing.is_empty()).then(|| (RecordKind::Service, s.id.clone(), format!("no {}", missing.join(", "))))
        })
        .collect();
    measure(
        "support-model",
        "Services with a documented support model (hours, channels, escalation)",
        cat.services.len(),
        support,
    )
}

/// Every measure of the catalogue's health on `today`.
pub fn measures(cat: &Catalogue, lookup: &Lookup, today: Date) -> Vec<Measure> {
    let services = &cat.services;
    let svc = |s: &Service, why: String| (RecordKind::Service, s.id.clone(), why);

    let reachable_owner: Vec<_> = services
        .iter()
        .filter_map(|s| {
            let p = cat.party(&s.owner)?;
            (p.email.is_none() && p.phone.is_none() && p.chat.is_none())
                .then(|| svc(s, format!("owner {} has no email, phone or chat", p.name)))
        })
        .collect();

    let with_sla: Vec<_> = services
        .iter()
        .filter(|s| s.lifecycle == Lifecycle::Live)
        .filter(|s| {
            !lookup
                .agreements_of_service
                .get(&s.id)
                .is_some_and(|a| a.iter().any(|&i| cat.agreements[i].kind == AgreementKind::Sla))
        })
        .map(|s| svc(s, "live without an SLA".into()))
        .collect();
    let live = services.iter().filter(|s| s.lifecycle == Lifecycle::Live).count();

    let weak_dependencies: Vec<_> = services
        .iter()
        .filter_map(|s| {
            let weak: Vec<String> = s
                .depends_on
                .iter()
                .filter_map(|d| cat.service(d))
                .filter_map(|d| match d.lifecycle {
                    Lifecycle::Retired | Lifecycle::Retiring => Some(format!("{} is {}", d.name, d.lifecycle.label())),
                    _ if d.tier > s.tier => Some(format!("{} is tier {} (this is tier {})", d.name, d.tier, s.tier)),
                    _ => None,
                })
                .collect();
            (!weak.is_empty()).then(|| svc(s, weak.join("; ")))
        })
        .collect();

    let overdue: Vec<_> = cat
        .articles
        .iter()
        .filter(|a| a.status == ArticleStatus::Published)
        .filter_map(|a| {
            a.review_due()
                .filter(|due| *due < today)
                .map(|due| (RecordKind::Article, a.id.clone(), format!("review was due {due}")))
        })
        .collect();
    let published = cat.articles.iter().filter(|a| a.status == ArticleStatus::Published).count();

    let agreements_due: Vec<_> = cat
        .agreements
        .iter()
        .filter_map(|a| {
            let why = match (a.valid_until, a.review_by) {
                (Some(until), _) if until < today => format!("expired {until}"),
                (_, Some(review)) if review < today => format!("review was due {review}"),
                _ => return None,
            };
            Some((RecordKind::Agreement, a.id.clone(), why))
        })
        .collect();

    // Records nothing refers to and that refer to nothing useful.
    let mut referenced: HashSet<(RecordKind, &str)> = HashSet::new();
    for s in services {
        referenced.insert((RecordKind::Party, &s.owner));
        referenced.extend(s.support.escalation.iter().map(|e| (RecordKind::Party, e.party.as_str())));
        referenced.extend(s.support.raci.iter().map(|r| (RecordKind::Party, r.party.as_str())));
        referenced.extend(s.support.partners.iter().map(|p| (RecordKind::Party, p.as_str())));
        referenced.extend(s.support.calendar.iter().map(|c| (RecordKind::Calendar, c.as_str())));
    }
    for a in &cat.agreements {
        referenced.extend([(RecordKind::Party, a.provider.as_str()), (RecordKind::Party, a.customer.as_str())]);
        referenced.extend(a.calendar.iter().map(|c| (RecordKind::Calendar, c.as_str())));
    }
    for a in &cat.articles {
        referenced.insert((RecordKind::Party, &a.owner));
    }
    for p in &cat.parties {
        referenced.extend(p.member_of.iter().map(|t| (RecordKind::Party, t.as_str())));
    }
    let mut orphans: Vec<(RecordKind, String, String)> = Vec::new();
    let members: HashSet<&str> =
        cat.parties.iter().filter(|p| !p.member_of.is_empty()).map(|p| p.id.as_str()).collect();
    orphans.extend(
        cat.parties
            .iter()
            .filter(|p| !referenced.contains(&(RecordKind::Party, p.id.as_str())) && !members.contains(p.id.as_str()))
            .map(|p| (RecordKind::Party, p.id.clone(), "owns, supports or is party to nothing".into())),
    );
    orphans.extend(
        cat.calendars
            .iter()
            .filter(|c| !referenced.contains(&(RecordKind::Calendar, c.id.as_str())))
            .map(|c| (RecordKind::Calendar, c.id.clone(), "used by no service or agreement".into())),
    );
    orphans.extend(
        cat.articles
            .iter()
            .filter(|a| a.services.is_empty())
            .map(|a| (RecordKind::Article, a.id.clone(), "about no service".into())),
    );
    let all = cat.parties.len() + cat.calendars.len() + cat.articles.len();

    vec![
        support_model(cat),
        measure(
            "owner-reachable",
            "Services whose owner can be reached (email, phone or chat)",
            services.len(),
            reachable_owner,
        ),
        measure("sla", "Live services covered by an SLA", live, with_sla),
        measure(
            "dependencies",
            "Services depending only on live services of the same or a higher tier",
            services.len(),
            weak_dependencies,
        ),
        measure("reviews", "Published articles reviewed within their interval", published, overdue),
        measure(
            "agreements-current",
            "Agreements current (not expired, review not overdue)",
            cat.agreements.len(),
            agreements_due,
        ),
        measure("orphans", "Parties, calendars and articles connected to the rest", all, orphans),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_count_and_explain_what_fails() {
        let mut cat = crate::parse(include_str!("../tests/fixtures/small.json")).unwrap();
        // Mail (tier 2) depends on a retiring identity service.
        cat.services.iter_mut().find(|s| s.id == "identity").unwrap().lifecycle = Lifecycle::Retiring;
        let lookup = Lookup::build(&cat);
        let m = measures(&cat, &lookup, jiff::civil::date(2026, 11, 23));
        let get = |k: &str| m.iter().find(|x| x.key == k).unwrap().clone();
        let deps = get("dependencies");
        assert_eq!(deps.failing.len(), 1);
        assert!(deps.failing[0].2.contains("Identity is retiring"), "{:?}", deps.failing);
        let sla = get("sla");
        assert_eq!((sla.met, sla.total), (1, 2), "mail has an SLA; network only an OLA");
        assert_eq!(sla.failing[0].1, "network");
        let support = get("support-model");
        assert_eq!(support.met, 0);
        assert!(support.failing[0].2.contains("channels"));
        assert_eq!(get("orphans").percent(), 100.0);
        cat.articles[0].services.clear();
        let m = measures(&cat, &Lookup::build(&cat), jiff::civil::date(2026, 11, 23));
        let orphans = m.iter().find(|x| x.key == "orphans").unwrap();
        assert_eq!(orphans.failing, [(RecordKind::Article, "mail-down".to_owned(), "about no service".to_owned())]);
    }
}
