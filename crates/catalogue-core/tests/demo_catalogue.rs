//! The demo catalogue shipped as the site's `catalogue.json`, and the published schema.

use catalogue_core::model::*;

const DEMO: &str = include_str!("../../../public/catalogue.json");
const SCHEMA: &str = include_str!("../../../public/catalogue.schema.json");

#[test]
fn demo_catalogue_is_valid_and_canonical() {
    let cat = catalogue_core::parse(DEMO).unwrap_or_else(|p| panic!("demo catalogue has problems:\n{}", p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")));
    assert_eq!(catalogue_core::to_canonical_json(&cat), DEMO, "public/catalogue.json is not in canonical form: run `cargo run -p catalogue-cli -- fmt public/catalogue.json`");
}

#[test]
fn demo_catalogue_covers_the_whole_model() {
    let cat = catalogue_core::parse(DEMO).expect("valid");
    assert!((30..=50).contains(&cat.services.len()), "{} services", cat.services.len());
    assert!(cat.services.iter().any(|s| s.view == ServiceView::Business));
    assert!(cat.services.iter().any(|s| s.view == ServiceView::Technical));
    assert!(cat.offerings.iter().any(|o| !o.goods.is_empty()));
    assert!(cat.offerings.iter().any(|o| !o.access.is_empty()));
    assert!(cat.offerings.iter().any(|o| !o.actions.is_empty()));
    for kind in [AgreementKind::Sla, AgreementKind::Ola, AgreementKind::UnderpinningContract] {
        assert!(cat.agreements.iter().any(|a| a.kind == kind), "no {kind:?}");
    }
    let zones: std::collections::HashSet<_> = cat.calendars.iter().map(|c| &c.time_zone).collect();
    assert!(zones.len() >= 2, "calendars in only {} time zone(s)", zones.len());
    assert!(cat.articles.len() >= 35, "{} articles", cat.articles.len());
    assert!(cat.articles.iter().any(|a| a.kind == ArticleKind::Runbook));
    assert!(cat.articles.iter().any(|a| a.kind == ArticleKind::KnownError));
    // Dependency chains several levels deep.
    let lookup = catalogue_core::Lookup::build(&cat);
    let depth = |start: &str| {
        fn go(cat: &catalogue_core::Catalogue, l: &catalogue_core::Lookup, id: &str, seen: usize) -> usize {
            let s = &cat.services[l.service[id]];
            s.depends_on.iter().map(|d| go(cat, l, d, seen + 1)).max().unwrap_or(seen)
        }
        go(&cat, &lookup, start, 0)
    };
    let deepest = cat.services.iter().map(|s| depth(&s.id)).max().unwrap();
    assert!(deepest >= 3, "deepest dependency chain is {deepest}");
}

#[test]
fn published_schema_matches_the_model() {
    assert_eq!(catalogue_core::json_schema(), SCHEMA, "public/catalogue.schema.json is stale: run `cargo run -p catalogue-cli -- schema > public/catalogue.schema.json`");
}
