//! Rewrites catalogue files in canonical form, or reports their problems.
//! `cargo run -p catalogue-core --example fmt -- FILE...`
fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match catalogue_core::parse_bytes(&bytes) {
            Ok(cat) => std::fs::write(&path, catalogue_core::to_canonical_json(&cat)).expect("write"),
            Err(problems) => {
                failed = true;
                for p in problems {
                    eprintln!("{path}:{p}");
                }
            }
        }
    }
    std::process::exit(i32::from(failed));
}
