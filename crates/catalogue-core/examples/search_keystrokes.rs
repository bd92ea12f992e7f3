//! Times search natively, stage by stage, over the benchmark's queries typed character
//! by character: `cargo run --release -p catalogue-core --example search_keystrokes -- FILE`.
//! The browser benchmark (`bench/run.mjs`) measures the whole keystroke; this splits it.

use std::time::Instant;

use catalogue_core::facets::{FacetTable, Selection};
use catalogue_core::lookup::Lookup;
use catalogue_core::search::{Finder, SearchIndex};

const QUERIES: [&str; 8] = [
    "postgres failover",
    "kubernetes",
    "invoice run",
    "vpn access",
    "shipment tracking",
    "certificate renew",
    "warehouse scanner",
    "kafka broker",
];

fn percentiles(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    format!("p50 {:6.2} ms  p95 {:6.2} ms  max {:6.2} ms", at(0.5), at(0.95), at(1.0))
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: search_keystrokes FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    let t = Instant::now();
    let mut cat = catalogue_core::file::parse(&text).expect("valid catalogue");
    cat.sort();
    println!("parse + validate   {:8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let index = SearchIndex::build(&cat);
    println!("index build        {:8.0} ms  ({} documents)", t.elapsed().as_secs_f64() * 1e3, index.len());
    let t = Instant::now();
    let lookup = Lookup::build(&cat);
    let table = FacetTable::build(&cat, &lookup);
    println!("facet table        {:8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let mut rows = vec![None; index.slots()];
    for (doc, key) in index.keys() {
        rows[doc as usize] = table.row(key);
    }
    println!("hit rows           {:8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let finder = Finder::new(index.clone(), &cat, &lookup);
    let t = Instant::now();
    let bytes = finder.to_bytes();
    println!("finder to bytes    {:8.0} ms  ({:.1} MB)", t.elapsed().as_secs_f64() * 1e3, bytes.len() as f64 / 1e6);
    let t = Instant::now();
    Finder::from_bytes(&bytes).expect("reads back");
    println!("finder from bytes  {:8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let (mut search, mut narrow, mut rank, mut hits) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for q in QUERIES {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let t = Instant::now();
            let r = index.search(&q[..end]);
            search.push(t.elapsed().as_secs_f64() * 1e3);
            if std::env::var_os("EACH").is_some() {
                println!("{:>20} {:6.2} ms {:6} hits", &q[..end], search.last().unwrap(), r.hits.len());
            }
            let t = Instant::now();
            let (kept, _counts) = table.narrow_rows(r.hits.iter().map(|h| rows[h.doc as usize]), &Selection::new());
            narrow.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let mut kept: Vec<_> = kept.into_iter().map(|i| r.hits[i]).collect();
            index.rank_top(&mut kept, 100);
            rank.push(t.elapsed().as_secs_f64() * 1e3);
            hits.push(r.hits.len() as f64);
        }
    }
    println!("{} keystrokes", search.len());
    println!("search             {}", percentiles(search));
    println!("narrow             {}", percentiles(narrow));
    println!("rank top 100       {}", percentiles(rank));
    println!("hits               {}", percentiles(hits).replace(" ms", ""));
}
