//! The store suite against the in-memory store (native).
#![cfg(not(target_arch = "wasm32"))]

mod suite;

use catalogue_store::MemoryStore;

macro_rules! memory_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            futures::executor::block_on(suite::$name(MemoryStore::new()));
        }
    )*};
}

suite::every_test!(memory_tests);

/// The corpus list the suite imports names exactly the files in `tests/corpus/bad/`.
#[test]
fn corpus_list_matches_the_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/bad");
    let mut on_disk: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    on_disk.sort();
    let listed: Vec<&str> = suite::corpus::CORPUS.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, on_disk, "regenerate tests/suite/corpus.rs from the directory");
}
