//! Impact analysis: what is hit when a service fails, and through which path.

use std::collections::BTreeSet;

use catalogue_core::impact::impact;
use catalogue_core::{Catalogue, Lookup};

fn ids(cat: &Catalogue, services: impl IntoIterator<Item = usize>) -> Vec<String> {
    services.into_iter().map(|i| cat.services[i].id.clone()).collect()
}

#[test]
fn paths_are_shortest_and_nearest_services_come_first() {
    let cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    let l = Lookup::build(&cat);
    let hit = impact(&cat, &l, "network");
    let order: Vec<_> = hit.services.iter().map(|h| ids(&cat, h.path.clone()).join(" → ")).collect();
    // Mail depends on the network directly and through identity: the direct path wins.
    // Services at the same distance come by name ("Email" before "Identity").
    assert_eq!(order, ["network", "network → mail", "network → identity"]);
    assert_eq!(hit.offerings.len(), 1);
    let agreements: Vec<_> = hit.agreements.iter().map(|&(a, _)| cat.agreements[a].id.as_str()).collect();
    assert_eq!(agreements.iter().copied().collect::<BTreeSet<_>>(), BTreeSet::from(["mail-sla", "network-ola"]));
}

#[test]
fn a_service_nothing_depends_on_hits_only_itself() {
    let cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    let l = Lookup::build(&cat);
    let hit = impact(&cat, &l, "mail");
    assert_eq!(ids(&cat, hit.services.iter().map(|h| h.service)), ["mail"]);
    assert!(hit.edges.is_empty());
    assert!(impact(&cat, &l, "no-such-service").services.is_empty());
}

/// Cross-checks the analysis against the dependency data by a plain fixpoint, for every
/// service of the demo catalogue.
#[test]
fn impact_matches_the_demo_dependency_data() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).unwrap();
    let l = Lookup::build(&cat);
    let mut deepest = 0;
    for s in &cat.services {
        let mut expected = BTreeSet::from([s.id.clone()]);
        loop {
            let before = expected.len();
            for t in &cat.services {
                if t.depends_on.iter().any(|d| expected.contains(d)) {
                    expected.insert(t.id.clone());
                }
            }
            if expected.len() == before {
                break;
            }
        }
        let hit = impact(&cat, &l, &s.id);
        let got: BTreeSet<_> = ids(&cat, hit.services.iter().map(|h| h.service)).into_iter().collect();
        assert_eq!(got, expected, "impact of {}", s.id);
        for h in &hit.services {
            assert_eq!(h.path[0], hit.services[0].service);
            for w in h.path.windows(2) {
                assert!(
                    cat.services[w[1]].depends_on.contains(&cat.services[w[0]].id),
                    "path step {} → {}",
                    cat.services[w[0]].id,
                    cat.services[w[1]].id
                );
            }
            deepest = deepest.max(h.depth());
        }
        let consumers: BTreeSet<_> =
            hit.offerings.iter().flat_map(|&(o, _)| cat.offerings[o].consumers.clone()).collect();
        assert_eq!(consumers, hit.consumers.keys().cloned().collect());
    }
    assert!(deepest >= 3, "the demo shows impact several hops away (deepest {deepest})");
}
