//! Any bytes: reading never panics; a file that is accepted writes out canonically and
//! reads back as the same catalogue; a refused one says what is wrong.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match catalogue_core::parse_bytes(data) {
        Ok(mut cat) => {
            let text = catalogue_core::to_canonical_json(&cat);
            let back = catalogue_core::parse(&text).expect("a canonical export of an accepted file is accepted");
            cat.sort();
            assert_eq!(back, cat, "export then import changes nothing");
            assert_eq!(catalogue_core::to_canonical_json(&back), text, "the canonical form is stable");
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a refused file has at least one problem");
            assert!(problems.iter().all(|p| !p.message.trim().is_empty()), "every problem says what is wrong");
        }
    }
});
