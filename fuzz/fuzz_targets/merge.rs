//! Two catalogues (the input split at the first 0xFF byte, which valid UTF-8 never holds):
//! merging never panics, and obeys the laws a reader relies on. With no local edits the
//! published version is taken; with an unchanged published version every local edit is
//! kept, without conflict.
#![no_main]

use catalogue_core::merge::{merge_published, LocalEdit};
use catalogue_core::model::RecordKind;
use catalogue_core::Catalogue;
use libfuzzer_sys::fuzz_target;

fn sorted(mut c: Catalogue) -> Catalogue {
    c.sort();
    c
}

/// Asserts two catalogues are equal, naming the first line of their files that differs.
fn assert_same(got: Catalogue, want: Catalogue, what: &str) {
    let (got, want) =
        (catalogue_core::to_canonical_json(&sorted(got)), catalogue_core::to_canonical_json(&sorted(want)));
    if let Some((g, w)) = got.lines().zip(want.lines()).find(|(g, w)| g != w) {
        panic!("{what}: got {g:?}, want {w:?}");
    }
    assert_eq!(got.len(), want.len(), "{what}");
}

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|&b| b == 0xFF) else { return };
    let (Ok(base), Ok(local)) =
        (catalogue_core::parse_bytes(&data[..split]), catalogue_core::parse_bytes(&data[split + 1..]))
    else {
        return;
    };

    let taken = merge_published(&base, &[], &local);
    assert!(taken.conflicts.is_empty());
    assert_same(taken.merged, local.clone(), "with no local edits the published version is taken");

    // Every record whose content differs between the two is a local edit made on top of
    // `base` (a change of revision or time alone is no edit: it keeps the published record).
    let mut edits = Vec::new();
    let mut expected = base.clone();
    for kind in RecordKind::ALL {
        let mut ids: Vec<String> =
            base.record_names(kind).into_iter().chain(local.record_names(kind)).map(|(id, _)| id).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let (before, after) = (base.record_value(kind, &id), local.record_value(kind, &id));
            let changed = match (&before, &after) {
                (Some(b), Some(a)) => !catalogue_core::edit::field_changes(b, a).is_empty(),
                (None, None) => false,
                _ => true,
            };
            if changed {
                match &after {
                    Some(a) => expected.put_value(kind, Some(&id), a).map(drop).expect("a record of the kind"),
                    None => expected.remove_record(kind, &id),
                }
                edits.push(LocalEdit { kind, id, base: before });
            }
        }
    }
    let kept = merge_published(&local, &edits, &base);
    assert!(kept.conflicts.is_empty(), "nothing published changed, so nothing conflicts");
    assert_same(kept.merged, expected, "over an unchanged published version every local edit is kept");
});
