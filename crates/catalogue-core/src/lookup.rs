//! Relations between records, computed once per catalogue so that a record page finds
//! everything that points at it without scanning every list.

use std::collections::HashMap;

use crate::catalogue::Catalogue;
use crate::model::{AgreementKind, Record};

/// Positions (indexes into the catalogue's lists) by id and by relation.
#[derive(Clone, Debug, Default)]
pub struct Lookup {
    pub party: HashMap<String, usize>,
    pub calendar: HashMap<String, usize>,
    pub service: HashMap<String, usize>,
    pub offering: HashMap<String, usize>,
    pub agreement: HashMap<String, usize>,
    pub article: HashMap<String, usize>,
    pub scorecard: HashMap<String, usize>,
    /// Service id → offerings of that service.
    pub offerings_of_service: HashMap<String, Vec<usize>>,
    /// Service id → agreements covering it (directly or through one of its offerings).
    pub agreements_of_service: HashMap<String, Vec<usize>>,
    /// Service id → articles about it.
    pub articles_of_service: HashMap<String, Vec<usize>>,
    /// Service id → services that depend on it.
    pub dependents: HashMap<String, Vec<usize>>,
    /// Party id → services it owns.
    pub services_of_owner: HashMap<String, Vec<usize>>,
    /// Agreement id → OLAs and underpinning contracts that underpin it.
    pub underpinned_by: HashMap<String, Vec<usize>>,
}

fn positions<T: Record>(list: &[T]) -> HashMap<String, usize> {
    list.iter().enumerate().map(|(i, r)| (r.id().to_owned(), i)).collect()
}

impl Lookup {
    pub fn build(cat: &Catalogue) -> Lookup {
        let mut l = Lookup {
            party: positions(&cat.parties),
            calendar: positions(&cat.calendars),
            service: positions(&cat.services),
            offering: positions(&cat.offerings),
            agreement: positions(&cat.agreements),
            article: positions(&cat.articles),
            scorecard: positions(&cat.scorecards),
            ..Lookup::default()
        };
        for (i, o) in cat.offerings.iter().enumerate() {
            l.offerings_of_service.entry(o.service.clone()).or_default().push(i);
        }
        for (i, a) in cat.agreements.iter().enumerate() {
            let via_offerings =
                a.offerings.iter().filter_map(|o| cat.offerings.get(*l.offering.get(o)?)).map(|o| &o.service);
            let mut covered: Vec<&String> = a.services.iter().chain(via_offerings).collect();
            covered.sort();
            covered.dedup();
            for s in covered {
                l.agreements_of_service.entry(s.clone()).or_default().push(i);
            }
            if a.kind != AgreementKind::Sla {
                for up in &a.supports {
                    l.underpinned_by.entry(up.clone()).or_default().push(i);
                }
            }
        }
        for (i, a) in cat.articles.iter().enumerate() {
            for s in &a.services {
                l.articles_of_service.entry(s.clone()).or_default().push(i);
            }
        }
        for (i, s) in cat.services.iter().enumerate() {
            for d in &s.depends_on {
                l.dependents.entry(d.clone()).or_default().push(i);
            }
            l.services_of_owner.entry(s.owner.clone()).or_default().push(i);
        }
        l
    }
}
