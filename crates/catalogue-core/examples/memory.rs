//! How much memory each part of what the app holds takes, natively (a wasm build takes
//! less: its pointers are half as wide), counted by a global allocator:
//! `cargo run --release -p catalogue-core --example memory target/bench/catalogue-L.json`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use catalogue_core::search::Finder;
use catalogue_core::Lookup;

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        NOW.fetch_add(layout.size(), Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `make` and gives what it made with the memory it still holds, in MB.
fn measured<T>(make: impl FnOnce() -> T) -> (T, f64) {
    let before = NOW.load(Relaxed);
    let made = make();
    (made, (NOW.load(Relaxed) as f64 - before as f64) / 1e6)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory CATALOGUE.json");
    let bytes = std::fs::read(&path).expect("a readable file");
    let (cat, whole) = measured(|| catalogue_core::parse_bytes(&bytes).expect("a valid catalogue"));
    drop(bytes);
    let (lookup, lookup_mb) = measured(|| Lookup::build(&cat));
    let (finder, finder_mb) = measured(|| Finder::build(&cat));
    let (stored, stored_mb) = measured(|| finder.to_bytes());
    let (held, held_mb) = measured(|| cat.clone().without_article_texts());
    println!("catalogue, whole               {whole:8.1} MB");
    println!("catalogue, as the app holds it {held_mb:8.1} MB (articles without their texts)");
    println!("relation lookups               {lookup_mb:8.1} MB");
    println!("search (finder)                {finder_mb:8.1} MB");
    println!("search, stored form            {stored_mb:8.1} MB");
    drop((held, stored, finder, lookup, cat));
}
