//! `catalogue-gen SIZE [SEED]`: writes a valid catalogue file to standard output.
//! SIZE is `S` (demo-like), `M` (1k services) or `L` (10k services, 30k offerings, 10k
//! agreements, 50k articles). The same size and seed always give the same bytes.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(size) = args.first().and_then(|s| catalogue_gen::Size::parse(s)) else {
        eprintln!("usage: catalogue-gen S|M|L [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let cat = catalogue_gen::generate(size, seed);
    let problems = catalogue_core::validate(&cat);
    if let Some(p) = problems.first() {
        eprintln!("generated catalogue is invalid ({} problems), first: {p}", problems.len());
        std::process::exit(1);
    }
    let json = catalogue_core::to_canonical_json(&cat);
    std::io::stdout().lock().write_all(json.as_bytes()).expect("write to stdout");
}
