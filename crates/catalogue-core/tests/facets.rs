//! Facets narrow a list and count what each value would give.

use std::collections::BTreeSet;

use catalogue_core::facets::{all_keys, Facet, FacetTable, Selection};
use catalogue_core::Lookup;

fn choose(pairs: &[(Facet, &str)]) -> Selection {
    let mut s = Selection::new();
    for (f, v) in pairs {
        s.entry(*f).or_default().insert((*v).to_owned());
    }
    s
}

#[test]
fn facets_combine_and_counts_show_what_a_value_would_give() {
    let cat = catalogue_core::parse(include_str!("fixtures/small.json")).unwrap();
    let l = Lookup::build(&cat);
    let keys = all_keys(&cat);
    let (all, counts) = FacetTable::build(&cat, &l).narrow(&keys, &Selection::new());
    assert_eq!(all.len(), keys.len());
    let kinds: Vec<_> = counts[&Facet::Kind].iter().map(|(v, n)| format!("{v}={n}")).collect();
    assert!(kinds.contains(&"service=3".to_owned()), "{kinds:?}");

    // Two tiers are alternatives; the view facet keeps only services.
    let (kept, counts) = FacetTable::build(&cat, &l)
        .narrow(&keys, &choose(&[(Facet::Tier, "1"), (Facet::Tier, "2"), (Facet::View, "technical")]));
    let ids: BTreeSet<_> = kept.iter().map(|&i| keys[i].id.as_str()).collect();
    assert_eq!(ids, BTreeSet::from(["identity", "network"]));
    // Choosing "business" instead would list the one business service.
    assert!(counts[&Facet::View].contains(&("business".to_owned(), 1)), "{:?}", counts[&Facet::View]);
}

#[test]
fn demo_counts_add_up() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).unwrap();
    let l = Lookup::build(&cat);
    let keys = all_keys(&cat);
    let (_, counts) = FacetTable::build(&cat, &l).narrow(&keys, &choose(&[(Facet::Kind, "service")]));
    let by_view: usize = counts[&Facet::View].iter().map(|(_, n)| n).sum();
    assert_eq!(by_view, cat.services.len());
    let (kept, _) = FacetTable::build(&cat, &l).narrow(&keys, &choose(&[(Facet::ArticleKind, "runbook")]));
    assert_eq!(
        kept.len(),
        cat.articles.iter().filter(|a| a.kind == catalogue_core::model::ArticleKind::Runbook).count()
    );
}
