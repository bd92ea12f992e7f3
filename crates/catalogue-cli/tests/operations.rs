//! `catalogue ops` on a small file of incidents and changes of the demo catalogue.

mod common;

use common::{run as catalogue, DEMO};

const OPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/operations.json");

#[test]
fn ops_answers_the_questions_for_a_period_as_text_and_json() {
    let (code, text, err) = catalogue(&["ops", OPS, "--catalogue", DEMO, "--until", "2026-11-30", "--days", "30"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.starts_with("2026-11-01 to 2026-11-30 (30 days): 3 incidents, 2 changes\n"), "{text}");
    assert!(text.contains("1. First-time fix: 67 % (2 of 3 resolved incidents not passed on)"), "{text}");
    assert!(text.contains("3. Changes followed by an incident within 24 h: 50 % (1 of 2)"), "{text}");
    assert!(text.contains("sla-shipment-tracking time to respond P1: 100 % (1 of 1)"), "{text}");

    let (code, json, _) = catalogue(&["ops", OPS, "--catalogue", DEMO, "--until", "2026-11-30", "--json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["figures"]["incidents"], 3);
    assert_eq!(report["figures"]["changes_followed"], 1);
}

#[test]
fn records_of_services_the_catalogue_lacks_are_refused_with_where() {
    let dir = std::env::temp_dir().join(format!("catalogue-ops-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ops.json");
    std::fs::write(&path, std::fs::read_to_string(OPS).unwrap().replace("\"payroll\"", "\"no-such-service\"")).unwrap();
    let (code, out, err) = catalogue(&["ops", path.to_str().unwrap(), "--catalogue", DEMO]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("changes[1].service: the catalogue has no service “no-such-service”"), "{err}");
}

#[test]
fn the_operations_schema_beside_the_catalogue_is_the_format() {
    let (_, schema, _) = catalogue(&["schema", "--operations"]);
    let served =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/operations.schema.json")).unwrap();
    assert_eq!(schema, served, "public/operations.schema.json is stale: run `catalogue schema --operations`");
}
