//! The demo catalogue shipped as the site's `catalogue.json`, and the published schema.

use catalogue_core::model::*;

const DEMO: &str = include_str!("../../../public/catalogue.json");
const SCHEMA: &str = include_str!("../../../public/catalogue.schema.json");

#[test]
fn demo_catalogue_is_valid_and_canonical() {
    let cat = catalogue_core::parse(DEMO).unwrap_or_else(|p| {
        panic!("demo catalogue has problems:\n{}", p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
    });
    assert_eq!(
        catalogue_core::to_canonical_json(&cat),
        DEMO,
        "public/catalogue.json is not in canonical form: run `cargo run -p catalogue-cli -- fmt public/catalogue.json`"
    );
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

#[test]
fn read_list_gives_the_metadata_parties_and_services_of_a_file_and_nothing_else() {
    let cat = catalogue_core::parse(DEMO).expect("valid");
    let list = catalogue_core::file::read_list(DEMO.as_bytes()).expect("readable");
    assert_eq!(list.catalogue, cat.catalogue);
    assert_eq!(list.parties, cat.parties);
    assert_eq!(list.services, cat.services);
    assert!(
        list.offerings.is_empty()
            && list.agreements.is_empty()
            && list.articles.is_empty()
            && list.calendars.is_empty()
    );
    // Unchecked beyond what the list shows, but not beyond its own fields.
    let bad = DEMO.replacen("\"services\": [", "\"services\": [{\"id\": 7},", 1);
    assert!(catalogue_core::file::read_list(bad.as_bytes()).is_err());
}

#[test]
fn sort_puts_every_kind_in_id_order_and_keeps_equal_ids_in_their_order() {
    let cat = catalogue_core::parse(DEMO).expect("valid");
    let mut shuffled = cat.clone();
    shuffled.parties.reverse();
    shuffled.services.reverse();
    shuffled.offerings.rotate_left(3);
    shuffled.agreements.reverse();
    shuffled.articles.rotate_left(7);
    shuffled.calendars.reverse();
    let mut twin = cat.parties[0].clone();
    twin.name = "A second record with the same id".into();
    shuffled.parties.push(twin.clone());
    shuffled.sort();
    let ids = |v: Vec<&str>| v.windows(2).all(|w| w[0] <= w[1]);
    assert!(ids(shuffled.services.iter().map(|s| s.id.as_str()).collect()));
    assert!(ids(shuffled.articles.iter().map(|s| s.id.as_str()).collect()));
    assert_eq!(shuffled.services, cat.services);
    assert_eq!(shuffled.offerings, cat.offerings);
    assert_eq!(shuffled.agreements, cat.agreements);
    assert_eq!(shuffled.articles, cat.articles);
    assert_eq!(shuffled.calendars, cat.calendars);
    let first = cat.parties[0].id.clone();
    let same: Vec<_> = shuffled.parties.iter().filter(|p| p.id == first).map(|p| p.name.clone()).collect();
    assert_eq!(same, [cat.parties[0].name.clone(), twin.name]);
}

/// The store leaves out of the articles the app holds the fields named in
/// `Article::TEXTS` (by name, in JSON), and the app's own copy of a record goes through
/// `Article::without_texts`: both must leave out the same fields and nothing else.
#[test]
fn article_texts_are_exactly_what_without_texts_leaves_out() {
    let cat = catalogue_core::parse(DEMO).expect("valid");
    let mut seen = std::collections::BTreeSet::new();
    for article in &cat.articles {
        let whole = serde_json::to_value(article).unwrap();
        let held = serde_json::to_value(article.clone().without_texts()).unwrap();
        let mut left = whole.as_object().unwrap().clone();
        for field in Article::TEXTS {
            if left.remove(field).is_some() {
                seen.insert(field);
            }
        }
        assert_eq!(&left, held.as_object().unwrap(), "article {}", article.id);
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>().len(), Article::TEXTS.len(), "the demo has every text somewhere");
}
