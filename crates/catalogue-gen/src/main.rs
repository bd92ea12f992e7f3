//! `catalogue-gen SIZE [SEED]`: writes a valid catalogue file to standard output.
//! SIZE is `S` (demo-like), `M` (1k services) or `L` (10k services, 30k offerings, 10k
//! agreements, 50k articles). The same size and seed always give the same bytes.
//!
//! `catalogue-gen operations CATALOGUE UNTIL DAYS INCIDENTS CHANGES [SEED]`: operational
//! records (format service-operations) for the catalogue's services over the DAYS up to
//! UNTIL (`YYYY-MM-DD`, the last day), the same for the same arguments. The demo's are
//! `catalogue-gen operations public/catalogue.json 2026-11-30 90 360 90 > public/operations.json`.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("operations") {
        return operations(&args[1..]);
    }
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

fn operations(args: &[String]) {
    let usage = || -> ! {
        eprintln!("usage: catalogue-gen operations CATALOGUE UNTIL DAYS INCIDENTS CHANGES [SEED]");
        std::process::exit(2);
    };
    let [file, until, days, incidents, changes, rest @ ..] = args else { usage() };
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2);
    });
    let Ok(cat) = catalogue_core::parse(&text) else {
        eprintln!("{file}: not a valid catalogue");
        std::process::exit(1);
    };
    let (Ok(until), Ok(days), Ok(incidents), Ok(changes)) =
        (until.parse::<jiff::civil::Date>(), days.parse(), incidents.parse(), changes.parse())
    else {
        usage()
    };
    // UNTIL is the last day, as for `catalogue ops --until`: the records end at its end.
    let until =
        until.tomorrow().unwrap_or(until).to_zoned(jiff::tz::TimeZone::UTC).expect("a date in range").timestamp();
    let seed = rest.first().and_then(|s| s.parse().ok()).unwrap_or(1);
    let ops = catalogue_gen::operations(&cat, until, days, incidents, changes, seed);
    let mut json = catalogue_core::file::to_json(&ops);
    json.push('\n');
    std::io::stdout().lock().write_all(json.as_bytes()).expect("write to stdout");
}
