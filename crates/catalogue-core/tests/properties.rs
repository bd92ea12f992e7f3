//! Property tests: the canonical form round-trips whatever text and numbers the records
//! hold, and validation never panics.

use catalogue_core::file::parse_unvalidated;
use catalogue_core::{to_canonical_json, validate, Catalogue};
use proptest::prelude::*;

const SMALL: &str = include_str!("fixtures/small.json");

fn fixture() -> Catalogue {
    catalogue_core::parse(SMALL).unwrap()
}

/// Any text, including quotes, backslashes, control characters and non-BMP characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z \"\\\\<>&\u{0}-\u{1f}\u{2028}\u{1F600}]{0,40}"]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![any::<f64>().prop_filter("finite", |v| v.is_finite()), -1e3..1e3f64, Just(0.0), Just(99.99)]
}

prop_compose! {
    fn mutated()(name in text(), summary in text(), desc in text(), tag in text(), value in finite(), warning in proptest::option::of(finite()),
                 tier in any::<u8>(), rev in 1..u64::MAX / 2, body in text(), id_suffix in "[a-z0-9]{1,8}") -> Catalogue {
        let mut c = fixture();
        c.services[0].name = name;
        c.services[0].summary = summary;
        c.services[0].description = desc;
        c.services[0].tags = vec![tag];
        c.services[0].tier = tier;
        c.services[1].revision = rev;
        c.agreements[0].targets[0].value = value;
        c.agreements[0].targets[0].warning = warning;
        c.articles[0].body = body;
        let mut extra = c.parties[0].clone();
        extra.id = format!("zz-{id_suffix}");
        c.parties.push(extra);
        c
    }
}

/// Ways to break a catalogue that validation must report, one per case (`None`: left as
/// generated, which may or may not be valid).
#[derive(Clone, Copy, Debug)]
enum Breakage {
    UnknownOwner,
    DanglingDependency,
    DuplicateId,
    OfferingOfNoService,
    DependencyCycle,
}

fn breakage() -> impl Strategy<Value = Option<Breakage>> {
    prop_oneof![
        Just(None),
        Just(Some(Breakage::UnknownOwner)),
        Just(Some(Breakage::DanglingDependency)),
        Just(Some(Breakage::DuplicateId)),
        Just(Some(Breakage::OfferingOfNoService)),
        Just(Some(Breakage::DependencyCycle)),
    ]
}

fn broken(mut c: Catalogue, breakage: Option<Breakage>) -> Catalogue {
    match breakage {
        None => {}
        Some(Breakage::UnknownOwner) => c.services[0].owner = "nobody".into(),
        Some(Breakage::DanglingDependency) => c.services[2].depends_on.push("missing".into()),
        Some(Breakage::DuplicateId) => c.services.push(c.services[1].clone()),
        Some(Breakage::OfferingOfNoService) => c.offerings[0].service = "missing".into(),
        // network → mail, which already depends on network.
        Some(Breakage::DependencyCycle) => c.services[2].depends_on.push("mail".into()),
    }
    c
}

/// Reading a catalogue's file never panics, and every problem it reports is located in
/// the file. Most cases are broken on purpose, so that the problems checked are many:
/// each breakage must be reported, and a run where few cases had problems fails, since
/// it would check nothing.
#[test]
fn validation_never_panics_and_always_locates() {
    let cases = 256;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases, ..ProptestConfig::default() });
    let with_problems = std::cell::Cell::new(0u32);
    runner
        .run(&(mutated(), breakage()), |(cat, breakage)| {
            let cat = broken(cat, breakage);
            let text = to_canonical_json(&cat);
            match catalogue_core::parse(&text) {
                Ok(_) => prop_assert!(breakage.is_none(), "{breakage:?} was not reported"),
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for p in &problems {
                        prop_assert!(p.line.is_some() && p.column.is_some(), "not located: {p:?}");
                    }
                    with_problems.set(with_problems.get() + 1);
                }
            }
            let _ = validate(&cat);
            Ok(())
        })
        .unwrap();
    assert!(with_problems.get() >= cases / 2, "only {} of {cases} cases had problems", with_problems.get());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn canonical_form_round_trips_any_content(cat in mutated()) {
        let once = to_canonical_json(&cat);
        let back = parse_unvalidated(&once).expect("canonical output always reads back");
        let mut sorted = cat.clone();
        sorted.sort();
        prop_assert_eq!(&back, &sorted);
        prop_assert_eq!(to_canonical_json(&back), once);
    }

    #[test]
    fn record_order_does_not_change_the_canonical_form(seed in any::<u64>()) {
        let mut cat = fixture();
        let rotate = (seed % 3) as usize;
        cat.services.rotate_left(rotate);
        cat.parties.reverse();
        prop_assert_eq!(to_canonical_json(&cat), to_canonical_json(&fixture()));
    }
}
