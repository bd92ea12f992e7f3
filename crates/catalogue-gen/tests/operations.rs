//! The generated operational records: valid for their catalogue, the same for the same
//! arguments, and the demo's file made by them.

use std::process::Command;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalogue.json");
const DEMO_OPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/operations.json");

fn generated(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_catalogue-gen")).arg("operations").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_demo_operations_are_what_the_generator_makes_and_fit_the_demo_catalogue() {
    let text = generated(&[DEMO, "2026-11-30", "90", "360", "90"]);
    assert_eq!(
        text,
        std::fs::read_to_string(DEMO_OPS).unwrap(),
        "public/operations.json is stale: see catalogue-gen's main.rs"
    );
    let ops = catalogue_core::operations::Operations::parse(&text).unwrap();
    let cat = catalogue_core::parse(&std::fs::read_to_string(DEMO).unwrap()).unwrap();
    assert!(ops.check(&cat).is_empty(), "{:?}", ops.check(&cat));
    assert_eq!((ops.incidents.len(), ops.changes.len()), (360, 90));
    let first = ops.incidents.first().unwrap().opened;
    let last = ops.incidents.last().unwrap().opened;
    assert!(
        first >= "2026-09-02T00:00:00Z".parse().unwrap() && last < "2026-12-01T00:00:00Z".parse().unwrap(),
        "{first} {last}"
    );
    let p1 = ops.incidents.iter().filter(|x| x.priority == Some(catalogue_core::model::Priority::P1)).count();
    assert!(p1 < 60, "major incidents are the rare ones: {p1}");
    assert_ne!(generated(&[DEMO, "2026-11-30", "90", "360", "90", "7"]), text, "another seed, other records");
}
