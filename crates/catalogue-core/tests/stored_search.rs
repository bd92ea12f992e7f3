//! The search finder stored between visits: read back, it answers as the finder it was
//! written from; damaged or foreign bytes are refused, never half read.

use catalogue_core::facets::{Facet, Selection};
use catalogue_core::model::RecordKind;
use catalogue_core::search::{DocKey, Finder, FORMAT};
use catalogue_core::{Catalogue, Lookup};

fn demo() -> Catalogue {
    let mut cat = catalogue_core::parse(include_str!("../../../public/catalogue.json")).expect("valid demo");
    cat.sort();
    cat
}

/// What a finder shows for a query: each result's key and brief in order, the facet
/// counts and the terms to highlight.
fn shown(f: &Finder, text: &str, selection: &Selection) -> String {
    let mut found = if text.is_empty() { f.list(selection) } else { f.find(text, selection) };
    f.index().rank(&mut found.hits);
    let results: Vec<_> = found.hits.iter().map(|h| (f.key(h.doc).clone(), f.brief(h.doc).clone())).collect();
    let mut terms: Vec<_> = found.terms.into_iter().collect();
    terms.sort();
    format!("{results:?}\n{:?}\n{terms:?}", found.counts)
}

fn queries() -> Vec<(&'static str, Selection)> {
    let tier1: Selection = [(Facet::Tier, ["1".to_owned()].into())].into();
    let articles: Selection = [(Facet::Kind, ["article".to_owned()].into())].into();
    vec![
        ("", Selection::new()),
        ("", tier1.clone()),
        ("postgres failover", Selection::new()),
        ("se", tier1),
        ("mail", articles),
        ("zeppelin", Selection::new()),
        ("p", Selection::new()),
    ]
}

/// The demo after a few edits, and the keys they touched: a finder refreshed with them
/// has holes and reused slots, which a stored finder must keep as they are.
fn edited(mut cat: Catalogue) -> (Catalogue, Vec<DocKey>) {
    cat.articles[0].title = "Quarantine the zeppelin hangar".into();
    let renamed = cat.articles[0].id.clone();
    let deleted = cat.services.pop().expect("a service").id;
    let mut added = cat.parties[0].clone();
    added.id = "night-shift".into();
    added.name = "Night shift operators".into();
    cat.parties.push(added);
    cat.sort();
    let changed =
        [(RecordKind::Article, renamed), (RecordKind::Service, deleted), (RecordKind::Party, "night-shift".into())];
    (cat, changed.into_iter().map(|(kind, id)| DocKey { kind, id }).collect())
}

#[test]
fn a_stored_finder_answers_as_the_finder_it_was_written_from() {
    let cat = demo();
    let (after, changed) = edited(cat.clone());
    let refreshed = Finder::build(&cat).refresh(&after, &Lookup::build(&after), &changed);
    let read = Finder::from_bytes(&refreshed.to_bytes()).expect("reads back");
    let fresh = Finder::build(&after);
    for (text, selection) in queries() {
        let expected = shown(&fresh, text, &selection);
        assert!(expected.lines().next().is_some_and(|l| l.len() > 2) || text == "zeppelin", "{text}: finds something");
        assert_eq!(shown(&refreshed, text, &selection), expected, "refreshed, {text:?}");
        assert_eq!(shown(&read, text, &selection), expected, "read back, {text:?}");
    }
    assert!(shown(&read, "zeppelin", &Selection::new()).contains("Quarantine the zeppelin hangar"));
}

#[test]
fn a_finder_read_back_takes_further_edits() {
    let cat = demo();
    let read = Finder::from_bytes(&Finder::build(&cat).to_bytes()).expect("reads back");
    let (after, changed) = edited(cat);
    let read = read.refresh(&after, &Lookup::build(&after), &changed);
    let fresh = Finder::build(&after);
    for (text, selection) in queries() {
        assert_eq!(shown(&read, text, &selection), shown(&fresh, text, &selection), "{text:?}");
    }
}

#[test]
fn damaged_or_foreign_stored_finders_are_refused() {
    let bytes = Finder::build(&demo()).to_bytes();
    let mut other_format = postcard_number(FORMAT + 1);
    other_format.extend_from_slice(&bytes[postcard_number(FORMAT).len()..]);
    for (what, damaged, says) in [
        ("nothing", Vec::new(), "without a format"),
        ("cut short", bytes[..bytes.len() / 2].to_vec(), "damaged"),
        ("another format", other_format, "format"),
        ("the last byte cut", bytes[..bytes.len() - 1].to_vec(), "damaged"),
    ] {
        let err = Finder::from_bytes(&damaged).expect_err(what);
        assert!(err.contains(says), "{what}: {err}");
    }
}

/// `FORMAT` as the stored bytes begin with it (a varint, one byte below 128).
fn postcard_number(n: u32) -> Vec<u8> {
    assert!(n < 128);
    vec![n as u8]
}

/// A change to what a finder holds for the same catalogue must come with a new
/// `FORMAT`, or finders stored by the previous release would be read as if current.
/// When this fails: bump `search::finder::FORMAT`, then set both numbers here.
#[test]
fn what_a_stored_finder_holds_changes_only_with_its_format() {
    let cat = catalogue_core::parse(include_str!("fixtures/stored-search.json")).expect("valid fixture");
    let bytes = Finder::build(&cat).to_bytes();
    // FNV-1a: a fingerprint that stays the same across Rust releases.
    let fingerprint =
        bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    assert_eq!(
        (FORMAT, bytes.len(), fingerprint),
        (4, 795, 11294779166062900641),
        "what a stored finder holds changed: bump FORMAT"
    );
}
