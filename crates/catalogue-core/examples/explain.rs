//! Why the app's search ranks as it does: the first results of a query on a catalogue,
//! each with what it was ranked by (words, cost, words in the title, BM25), and where the
//! records named after the query rank. For tuning the ranking against the questions of
//! `bench/relevance/questions.json`.
//!
//! `cargo run --release -p catalogue-core --example explain -- CATALOGUE QUERY [ID...]`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [catalogue, query, wanted @ ..] = args.as_slice() else {
        eprintln!("usage: explain CATALOGUE QUERY [ID...]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(catalogue).expect("a readable catalogue");
    let cat = catalogue_core::file::parse(&text).unwrap_or_else(|problems| {
        eprintln!("{catalogue}: not a valid catalogue ({} problems)", problems.len());
        std::process::exit(1);
    });
    let finder = catalogue_core::search::Finder::build(&cat);
    let index = finder.index();
    let mut results = index.search(query);
    index.rank(&mut results.hits);
    println!("{query:?}: {} hits, {} words count", results.hits.len(), results.words);
    for (rank, hit) in results.hits.iter().enumerate() {
        let key = finder.key(hit.doc);
        let named = wanted.iter().any(|w| *w == key.id);
        if rank < 10 || named {
            let mark = if named { "*" } else { " " };
            println!(
                "{mark}{rank:>3} {}:{} words {} cost {} in title {} score {:.2}",
                key.kind.label(),
                key.id,
                hit.words,
                hit.cost,
                hit.in_title,
                hit.score
            );
        }
    }
}
