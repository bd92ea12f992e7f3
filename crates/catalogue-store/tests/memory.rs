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

memory_tests!(
    empty_store_loads_nothing,
    replace_all_then_load_gives_the_same_catalogue,
    the_list_comes_alone_and_the_rest_completes_it,
    replace_all_removes_records_missing_from_the_new_catalogue,
    put_and_delete_single_records,
    invalid_import_leaves_the_store_unchanged,
    every_corpus_file_is_refused_and_changes_nothing,
    import_preview_counts_changes_and_commit_writes,
    failed_replace_is_rolled_back,
    edits_keep_earlier_versions_and_remember_the_base,
    a_stale_edit_is_refused_and_writes_nothing,
    deletes_and_creations_are_local_changes_until_the_next_replace,
    a_merge_replaces_the_catalogue_and_the_local_changes_together,
    a_merge_made_before_another_write_is_refused_and_changes_nothing,
    what_is_kept_for_the_next_start_is_given_back_only_until_the_next_write,
    whats_new_is_kept_over_merges_until_a_replace,
);

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
