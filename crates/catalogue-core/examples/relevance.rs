//! The app's side of the relevance harness (`bench/relevance.mjs`): reads a catalogue and
//! a JSON array of queries, and writes as JSON what the app's search ranks first for each
//! query, with the searchable text of every record, so the harness can index the very
//! same text with another engine.
//!
//! `cargo run --release -p catalogue-core --example relevance -- CATALOGUE QUERIES OUT`

use catalogue_core::search::{documents, Field, Finder};

/// As many results as the harness judges (recall@10, reciprocal rank within them).
const SHOWN: usize = 10;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(catalogue), Some(queries), Some(out)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: relevance CATALOGUE QUERIES OUT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&catalogue).expect("a readable catalogue");
    let mut cat = catalogue_core::file::parse(&text).unwrap_or_else(|problems| {
        eprintln!("{catalogue}: not a valid catalogue ({} problems)", problems.len());
        std::process::exit(1);
    });
    cat.sort();
    let queries: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&queries).expect("a readable query file")).expect("a JSON array");
    let finder = Finder::build(&cat);
    let key = |doc: u32| {
        let k = finder.key(doc);
        format!("{}:{}", k.kind.label(), k.id)
    };
    let results: Vec<Vec<String>> =
        queries.iter().map(|q| finder.best(q, SHOWN).0.into_iter().map(key).collect()).collect();
    let docs: Vec<serde_json::Value> = documents(&cat)
        .map(|d| {
            let text = |field: Field| {
                d.fields.iter().filter(|(f, _)| *f == field).map(|(_, t)| *t).collect::<Vec<_>>().join("\n")
            };
            serde_json::json!({
                "id": format!("{}:{}", d.key.kind.label(), d.key.id),
                "title": text(Field::Title),
                "keywords": text(Field::Keywords),
                "summary": text(Field::Summary),
                "body": text(Field::Body),
            })
        })
        .collect();
    let out = std::io::BufWriter::new(std::fs::File::create(out).expect("a writable output file"));
    serde_json::to_writer(out, &serde_json::json!({ "docs": docs, "results": results })).expect("written");
}
