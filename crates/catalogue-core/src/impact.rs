//! Impact analysis: what is hit when a service fails, and through which path.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use petgraph::graphmap::DiGraphMap;
use petgraph::Direction;

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::ServiceView;

/// A service hit by the failure, with the dependency path that carries it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitService {
    /// Index into `Catalogue::services`.
    pub service: usize,
    /// Services from the failed one to this one, both included (shortest path).
    pub path: Vec<usize>,
}

impl HitService {
    /// Dependency hops from the failed service (0 for the failed service itself).
    pub fn depth(&self) -> usize {
        self.path.len() - 1
    }
}

/// Everything hit when one service fails.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// The failed service first, then every service that depends on it directly or
    /// transitively, nearest first.
    pub services: Vec<HitService>,
    /// Offerings of hit services: (offering index, index into `services` of its service).
    pub offerings: Vec<(usize, usize)>,
    /// Agreements covering a hit service or offering, or underpinned by such an
    /// agreement: (agreement index, index into `services` of the service that brings it in).
    pub agreements: Vec<(usize, usize)>,
    /// Consumer groups of hit offerings → the offerings (indexes) through which.
    pub consumers: BTreeMap<String, Vec<usize>>,
    /// Dependency edges among hit services (dependency → dependent), as indexes into
    /// `Catalogue::services`, for drawing the graph.
    pub edges: Vec<(usize, usize)>,
}

impl Impact {
    /// The hit business (customer-facing) services.
    pub fn business_services<'a>(&'a self, cat: &'a Catalogue) -> impl Iterator<Item = &'a HitService> + 'a {
        self.services.iter().filter(|h| cat.services[h.service].view == ServiceView::Business)
    }
}

/// The dependency graph: an edge from each service to every service that depends on it.
pub fn dependents_graph(cat: &Catalogue, lookup: &Lookup) -> DiGraphMap<usize, ()> {
    let mut g = DiGraphMap::new();
    for (i, s) in cat.services.iter().enumerate() {
        g.add_node(i);
        for d in &s.depends_on {
            if let Some(&j) = lookup.service.get(d) {
                g.add_edge(j, i, ());
            }
        }
    }
    g
}

/// What fails with `service_id`. Unknown ids hit nothing.
pub fn impact(cat: &Catalogue, lookup: &Lookup, service_id: &str) -> Impact {
    let Some(&start) = lookup.service.get(service_id) else { return Impact::default() };
    let g = dependents_graph(cat, lookup);

    // Breadth first, so that each path recorded is a shortest one.
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut order = vec![start];
    let mut queue = VecDeque::from([start]);
    while let Some(u) = queue.pop_front() {
        let mut next: Vec<usize> = g.neighbors_directed(u, Direction::Outgoing).collect();
        next.sort_by(|a, b| cat.services[*a].name.cmp(&cat.services[*b].name));
        for v in next {
            if v != start && !parent.contains_key(&v) {
                parent.insert(v, u);
                order.push(v);
                queue.push_back(v);
            }
        }
    }
    let services: Vec<HitService> = order
        .iter()
        .map(|&s| {
            let mut path = vec![s];
            while let Some(&p) = parent.get(path.last().expect("non-empty")) {
                path.push(p);
            }
            path.reverse();
            HitService { service: s, path }
        })
        .collect();
    let position: HashMap<usize, usize> = services.iter().enumerate().map(|(i, h)| (h.service, i)).collect();
    let edges = g
        .all_edges()
        .filter(|(a, b, _)| position.contains_key(a) && position.contains_key(b))
        .map(|(a, b, _)| (a, b))
        .collect();

    let mut offerings = Vec::new();
    let mut consumers: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut agreements: Vec<(usize, usize)> = Vec::new();
    let mut seen_agreements = BTreeSet::new();
    for (hi, h) in services.iter().enumerate() {
        let id = &cat.services[h.service].id;
        for &o in lookup.offerings_of_service.get(id).into_iter().flatten() {
            offerings.push((o, hi));
            for c in &cat.offerings[o].consumers {
                consumers.entry(c.clone()).or_default().push(o);
            }
        }
        // An agreement is at risk if it covers a hit service, or if an agreement it
        // relies on is (an SLA whose OLA covers the failed technical service).
        let mut pending: Vec<usize> = lookup.agreements_of_service.get(id).cloned().unwrap_or_default();
        while let Some(a) = pending.pop() {
            if seen_agreements.insert(a) {
                agreements.push((a, hi));
                for up in &cat.agreements[a].supports {
                    if let Some(&u) = lookup.agreement.get(up) {
                        pending.push(u);
                    }
                }
            }
        }
    }
    Impact { services, offerings, agreements, consumers, edges }
}
