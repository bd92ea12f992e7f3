//! The `catalogue` command on valid, invalid and non-canonical files.

mod common;

use common::{catalogue, DEMO};

use std::process::Command;

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("catalogue-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("catalogue.json");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn broken() -> String {
    let demo = std::fs::read_to_string(DEMO).unwrap();
    demo.replacen("\"owner\": \"", "\"owner\": \"nobody-", 1)
}

#[test]
fn validate_accepts_the_demo_catalogue() {
    let (code, out) = catalogue(&["validate", DEMO]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"));
}

#[test]
fn validate_locates_problems_in_text_json_and_github_formats() {
    let path = temp("invalid", &broken());
    let (code, text) = catalogue(&["validate", &path]);
    assert_eq!(code, 1);
    let line = text.lines().find(|l| l.contains("unknown party")).expect(&text);
    assert!(line.starts_with(&format!("{path}:")), "{line}");
    assert!(line.contains(".owner"), "{line}");

    let (code, json) = catalogue(&["validate", "--format", "json", &path]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(report["valid"], false);
    assert!(report["problems"][0]["line"].as_u64().unwrap() > 1);

    let (_, github) = catalogue(&["validate", "--format", "github", &path]);
    assert!(github.starts_with(&format!("::error file={path},line=")), "{github}");
}

#[test]
fn fmt_check_fails_on_a_non_canonical_file_and_fmt_fixes_it() {
    let demo: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(DEMO).unwrap()).unwrap();
    let path = temp("fmt", &serde_json::to_string(&demo).unwrap());
    let (code, out) = catalogue(&["fmt", "--check", &path]);
    assert_eq!(code, 1);
    assert!(out.contains("not in canonical form"));
    assert_eq!(catalogue(&["fmt", &path]).0, 0);
    assert_eq!(catalogue(&["fmt", "--check", &path]).0, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), std::fs::read_to_string(DEMO).unwrap());
}

#[test]
fn schema_prints_the_published_schema_and_bad_usage_exits_2() {
    let (code, out) = catalogue(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalogue.schema.json")).unwrap()
    );
    assert_eq!(catalogue(&["validate", "/no/such/file.json"]).0, 2);
    assert_eq!(catalogue(&["frobnicate"]).0, 2);
}

#[test]
fn import_backstage_writes_a_valid_catalogue_and_reports_what_was_skipped() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogue-core/tests/fixtures/backstage.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_catalogue")).args(["import-backstage", fixture]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("skipped  API tracking-api-v2"), "{report}");
    assert!(report.contains("mapped   Component tracking-api -> service tracking-api"), "{report}");
    let path = temp("backstage", &String::from_utf8_lossy(&out.stdout));
    assert_eq!(catalogue(&["validate", &path]).0, 0);
    assert_eq!(catalogue(&["fmt", "--check", &path]).0, 0, "the output is canonical");
}

#[test]
fn feasibility_fails_on_slas_their_supports_cannot_keep() {
    let (code, out) = catalogue(&["feasibility", "--on", "2026-11-23", DEMO]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("sla-order-management P1 time to resolve 4 h: cannot be kept"), "{out}");
    assert!(out.contains("chain: agreement sla-order-management <- agreement uc-paybridge"), "{out}");
    let small = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogue-core/tests/fixtures/small.json");
    let (code, out) = catalogue(&["feasibility", "--on", "2026-11-23", small]);
    assert_eq!(code, 0, "{out}");
}
