//! Search: ranking, prefixes while typing, typos, highlighting, incremental updates.

use catalogue_core::model::RecordKind;
use catalogue_core::search::{highlight, DocKey, Field, SearchDoc, SearchIndex};

fn doc<'a>(kind: RecordKind, id: &str, title: &'a str, body: &'a str) -> SearchDoc<'a> {
    SearchDoc { key: DocKey { kind, id: id.to_owned() }, fields: vec![(Field::Title, title), (Field::Body, body)] }
}

fn index() -> SearchIndex {
    let mut i = SearchIndex::default();
    for d in [
        doc(RecordKind::Service, "kubernetes-platform", "Kubernetes platform", "Runs containers for every team."),
        doc(
            RecordKind::Service,
            "postgresql-service",
            "PostgreSQL databases",
            "Managed Postgres clusters with failover.",
        ),
        doc(
            RecordKind::Article,
            "runbook-failover",
            "Runbook: database failover",
            "Promote a replica of the postgres cluster when the primary fails.",
        ),
        doc(
            RecordKind::Article,
            "vpn-howto",
            "Request VPN access",
            "Remote access for staff travelling; kubernetes is not involved.",
        ),
        doc(
            RecordKind::Party,
            "platform-engineering",
            "Platform Engineering",
            "Team that runs the kubernetes platform.",
        ),
    ] {
        i.upsert(d);
    }
    i
}

/// The ids a query finds, best first.
fn ids(i: &SearchIndex, q: &str) -> Vec<String> {
    ranked(i, q).into_iter().map(|k| k.id).collect()
}

fn ranked(i: &SearchIndex, q: &str) -> Vec<DocKey> {
    let mut hits = i.search(q).hits;
    i.rank(&mut hits);
    hits.iter().map(|h| i.key(h.doc).clone()).collect()
}

#[test]
fn title_matches_rank_above_body_matches() {
    let found = ids(&index(), "kubernetes ");
    assert_eq!(found.first().map(String::as_str), Some("kubernetes-platform"));
    assert!(found.contains(&"vpn-howto".to_owned()), "body matches are found too: {found:?}");
    assert_eq!(found.last().map(String::as_str), Some("vpn-howto"), "a passing mention ranks last: {found:?}");
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    assert_eq!(ids(&index(), "kube").len(), 3);
    assert_eq!(ids(&index(), "postgre"), ["postgresql-service", "runbook-failover"]);
    assert!(ids(&index(), "kube ").is_empty(), "a finished word is not a prefix");
}

#[test]
fn a_typo_still_finds_the_record() {
    assert_eq!(ids(&index(), "kubernets ").first().map(String::as_str), Some("kubernetes-platform"));
    assert!(ids(&index(), "failovr ").contains(&"runbook-failover".to_owned()));
    assert!(ids(&index(), "vpm ").is_empty(), "a finished word of three letters needs an exact match");
    assert_eq!(ids(&index(), "vpm"), ["vpn-howto"], "the word being typed is forgiven a typo from three letters");
    assert!(ids(&index(), "vq").is_empty(), "shorter words need an exact match");
}

#[test]
fn records_with_every_word_come_first_then_those_with_some() {
    // "databases" is the plural of "database": the same word to a reader.
    assert_eq!(ids(&index(), "database failover ")[..2], ["runbook-failover", "postgresql-service"]);
    let some = ids(&index(), "vpn failover ");
    assert_eq!(some.len(), 3, "a record with either word is found: {some:?}");
    assert!(!some.contains(&"kubernetes-platform".to_owned()), "a record with neither is not: {some:?}");
}

#[test]
fn filler_words_never_count_against_a_record() {
    assert_eq!(ids(&index(), "how do i request my vpn access")[0], "vpn-howto");
    assert_eq!(ids(&index(), "what is the failover of the database")[0], "runbook-failover");
    assert_eq!(ids(&index(), "when the ")[0], "runbook-failover", "a query of filler words alone is taken at its word");
    let words = index().search("it needs vpn access, doesn't it").words;
    assert_eq!(words, 2, "\"needs\" is \"need\", and a contraction leaves filler words");
}

#[test]
fn an_exact_word_ranks_before_a_completion_before_a_typo() {
    let mut i = SearchIndex::default();
    for (id, title) in [("typo", "Delpoy guide"), ("completion", "Deployment"), ("exact", "Notes on deploy")] {
        i.upsert(doc(RecordKind::Article, id, title, ""));
    }
    assert_eq!(ids(&i, "deploy"), ["exact", "completion", "typo"]);
}

#[test]
fn the_other_number_of_a_word_is_the_same_word() {
    let mut i = SearchIndex::default();
    for (id, title) in [("emails", "Emails bounce"), ("policy", "Password policy"), ("box", "Mail box size")] {
        i.upsert(doc(RecordKind::Article, id, title, ""));
    }
    assert_eq!(ids(&i, "email "), ["emails"]);
    assert_eq!(ids(&i, "policies "), ["policy"]);
    assert_eq!(ids(&i, "boxes "), ["box"]);
    let hits = i.search("emails ").hits;
    assert_eq!(hits[0].cost, i.search("email ").hits[0].cost, "the other number is no typo: {hits:?}");
    assert!(ids(&i, "bus ").is_empty(), "\"bus\" is not the plural of \"bu\"");
}

#[test]
fn matched_terms_highlight_the_words_they_came_from() {
    let r = index().search("postgre");
    let segs = highlight("Managed Postgres and PostgreSQL, not posts", &r.terms);
    let hits: Vec<_> = segs.iter().filter(|s| s.hit).map(|s| s.text).collect();
    assert_eq!(hits, ["Postgres", "PostgreSQL"]);
}

#[test]
fn updates_and_removals_are_searchable_at_once() {
    let mut i = index();
    i.upsert(doc(RecordKind::Article, "vpn-howto", "Request remote access", "Travel."));
    assert!(ids(&i, "vpn ").is_empty(), "the old text is gone");
    assert_eq!(ids(&i, "travel "), ["vpn-howto"]);
    let key = DocKey { kind: RecordKind::Service, id: "postgresql-service".to_owned() };
    i.remove(&key);
    assert_eq!(ids(&i, "postgres "), ["runbook-failover"]);
    assert_eq!(i.len(), 4);
    i.upsert(doc(RecordKind::Service, "redis", "Redis caches", "In-memory."));
    assert_eq!(ids(&i, "redis "), ["redis"]);
    assert_eq!(i.len(), 5);
}

#[test]
fn a_record_given_twice_at_once_is_indexed_once_as_the_later() {
    let mut i = index();
    i.extend([
        doc(RecordKind::Service, "kubernetes-platform", "Container platform", "First draft."),
        doc(RecordKind::Service, "kubernetes-platform", "Container platform", "Runs zeppelins."),
    ]);
    assert_eq!(ids(&i, "container"), ["kubernetes-platform"]);
    assert_eq!(ids(&i, "zeppelins"), ["kubernetes-platform"]);
    assert!(ids(&i, "draft").is_empty());
}

#[test]
fn the_same_id_in_two_kinds_is_two_documents() {
    let mut i = index();
    i.upsert(doc(RecordKind::Offering, "kubernetes-platform", "Namespace on request", "A kubernetes namespace."));
    let kinds: Vec<_> = ranked(&i, "namespace").into_iter().map(|k| k.kind).collect();
    assert_eq!(kinds, [RecordKind::Offering]);
    assert_eq!(i.len(), 6);
}

#[test]
fn the_demo_catalogue_is_searchable() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    let i = SearchIndex::build(&cat);
    let n = cat.services.len() + cat.offerings.len() + cat.agreements.len() + cat.articles.len() + cat.parties.len();
    assert_eq!(i.len(), n);
    let top = &ranked(&i, "postgres failover")[0];
    assert_eq!((top.kind, top.id.as_str()), (RecordKind::Article, "runbook-postgresql-failover"));
}

#[test]
fn typos_in_the_word_being_typed_are_forgiven_on_the_demo() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    let i = SearchIndex::build(&cat);
    let title = |key: &DocKey| catalogue_core::search::document(&cat, key).map(|d| d.fields[0].1.to_lowercase());
    for (typed, meant) in [
        ("paymnt", "payment"),
        ("pament", "payment"),
        ("pasword", "password"),
        ("gatway", "gateway"),
        ("retsore", "restore"),
        ("calndar", "calendar"),
        ("invoicng", "invoic"),
        ("kubernets", "kubernetes"),
    ] {
        let top = ranked(&i, typed);
        let first = top.first().and_then(title);
        assert!(first.as_deref().is_some_and(|t| t.contains(meant)), "{typed}: first result {first:?}");
    }
}

#[test]
fn what_a_service_page_shows_is_searchable() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    let i = SearchIndex::build(&cat);
    let services = |q: &str| ranked(&i, q).into_iter().filter(|k| k.kind == RecordKind::Service).count();
    let with_escalation = cat.services.iter().filter(|s| !s.support.escalation.is_empty()).count();
    assert_eq!(services("escalation "), with_escalation, "the escalation path's heading");
    let api = cat.services.iter().find(|s| s.id == "api-gateway").expect("demo service");
    for shown in [&api.support.escalation[2].note, &api.support.channels[3].value, &api.links[0].title] {
        let r = i.search(&format!("{shown} "));
        let with_every_word = r.hits.iter().filter(|h| h.words == r.words).map(|h| &i.key(h.doc).id);
        assert!(with_every_word.clone().any(|id| id == "api-gateway"), "{shown:?}");
    }
}

#[test]
fn ranking_the_first_few_gives_the_head_of_the_full_ranking() {
    let cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    let i = SearchIndex::build(&cat);
    for q in ["p", "se", "service", "data"] {
        let mut all = i.search(q).hits;
        assert!(all.len() > 10, "{q}: {} hits", all.len());
        let mut top = all.clone();
        i.rank(&mut all);
        i.rank_top(&mut top, 5);
        assert_eq!(top[..5], all[..5], "{q}");
        let mut rest: Vec<_> = top[5..].iter().map(|h| h.doc).collect();
        rest.sort();
        let mut expected: Vec<_> = all[5..].iter().map(|h| h.doc).collect();
        expected.sort();
        assert_eq!(rest, expected, "{q}: the others are all still there");
    }
}

#[test]
fn an_index_refreshed_after_edits_answers_as_one_built_anew() {
    let mut cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    let mut index = SearchIndex::build(&cat);
    let renamed = cat.articles[0].id.clone();
    cat.articles[0].title = "Quarantine the zeppelin hangar".into();
    let deleted = cat.services.pop().expect("a service").id;
    let mut added = cat.parties[0].clone();
    added.id = "night-shift".into();
    added.name = "Night shift operators".into();
    cat.parties.push(added);
    let changed = [
        (RecordKind::Article, renamed.as_str()),
        (RecordKind::Service, deleted.as_str()),
        (RecordKind::Party, "night-shift"),
    ];
    index.refresh(&cat, &changed.map(|(kind, id)| DocKey { kind, id: id.to_owned() }));

    let fresh = SearchIndex::build(&cat);
    assert_eq!(index.len(), fresh.len());
    assert_eq!(ids(&index, "zeppelin"), [renamed]);
    assert_eq!(ids(&index, "night shift operators").first().map(String::as_str), Some("night-shift"));
    for q in ["postgres failover", "se", "mail", "zeppelin", "night", "kubernetes platform"] {
        assert_eq!(ids(&index, q), ids(&fresh, q), "{q}");
    }
}
