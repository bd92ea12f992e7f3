//! The corpus of bad files (`tests/corpus/`, made by `generate.py`): each is refused with
//! a message that says what (a piece of it is in `expected.json`) and where (a JSON path
//! or a line). Plus files too big to commit, made here: 100 MB, 10,000-deep nesting.

use std::collections::BTreeMap;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");

fn check(name: &str, bytes: &[u8], expect: &str) {
    let problems = match catalogue_core::parse_bytes(bytes) {
        Ok(_) => panic!("{name}: accepted"),
        Err(p) => p,
    };
    assert!(!problems.is_empty(), "{name}: refused without a problem");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter().any(|t| t.to_lowercase().contains(&expect.to_lowercase())),
        "{name}: expected a message with \"{expect}\", got {text:#?}"
    );
    for p in &problems {
        assert!(!p.path.is_empty() || p.line.is_some(), "{name}: a problem without where: {p}");
    }
}

#[test]
fn every_bad_file_in_the_corpus_is_refused_with_what_and_where() {
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(Path::new(CORPUS).join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 50, "{} files", expected.len());
    let failures: Vec<String> = expected
        .iter()
        .filter_map(|(name, expect)| {
            let bytes = std::fs::read(Path::new(CORPUS).join("bad").join(name)).unwrap();
            std::panic::catch_unwind(|| check(name, &bytes, expect))
                .err()
                .map(|e| e.downcast_ref::<String>().cloned().unwrap_or_default())
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), expected.len(), failures.join("\n"));
}

fn small() -> String {
    include_str!("fixtures/small.json").to_owned()
}

#[test]
fn a_100_mb_file_is_refused_for_its_size_of_text_not_by_running_out_of_memory() {
    let huge = "x".repeat(100 * 1024 * 1024);
    let text = small().replacen(
        "\"summary\": \"Mail for everyone\"",
        &format!("\"summary\": \"Mail for everyone\", \"description\": \"{huge}\""),
        1,
    );
    assert!(text.len() > 100 * 1024 * 1024);
    check("100 MB", text.as_bytes(), "too long");
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let text = small().replacen("\"depends_on\": [", &format!("\"depends_on\": [{deep}, "), 1);
    check("deep nesting", text.as_bytes(), "invalid type");
    let problems = catalogue_core::parse_bytes(text.as_bytes()).unwrap_err();
    assert!(problems[0].to_string().len() < 300, "the path is shortened: {}", problems[0]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    // Editors on Windows write one; it says nothing about the content.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(small().as_bytes());
    assert!(catalogue_core::parse_bytes(&bytes).is_ok());
}
