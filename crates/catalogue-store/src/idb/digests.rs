//! The digests of the stored records (`catalogue_core::digest`), which an import's
//! preview compares with instead of reading every record. They are kept in `derived`
//! under [`DIGESTS`] as the generation they are current at (8 bytes, little-endian)
//! followed by the digests, and every write of the catalogue keeps them in its own
//! transaction: a replace writes them whole, an edit patches them. A write by a release
//! that did not keep them leaves them stale by their generation, and the stored records
//! are read instead.

use catalogue_core::digest::Digests;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::{JsCast, JsValue};

use super::{generation_in, read_error, write_error, DERIVED};
use crate::{StoreError, Write};

const DIGESTS: &str = "digests";

/// The digests kept in `tx` (which covers `derived`), if they are current at `generation`.
async fn kept_at(tx: &Transaction<'_>, generation: u64) -> Result<Option<Digests>, StoreError> {
    let derived = tx.object_store(DERIVED).map_err(read_error)?;
    let value: Option<JsValue> = derived.get(DIGESTS).primitive().map_err(read_error)?.await.map_err(read_error)?;
    let Some(bytes) = value.filter(|v| v.is_instance_of::<js_sys::Uint8Array>()) else {
        return Ok(None);
    };
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    let Some((stamp, digests)) = bytes.split_first_chunk::<8>() else {
        return Ok(None);
    };
    if u64::from_le_bytes(*stamp) != generation {
        return Ok(None);
    }
    // Unreadable (written by a later release, say): as good as none.
    Ok(Digests::from_bytes(digests).ok())
}

/// The digests, if they are current, in a read transaction over `derived`.
pub(super) async fn current(tx: &Transaction<'_>) -> Result<Option<Digests>, StoreError> {
    let derived = tx.object_store(DERIVED).map_err(read_error)?;
    let generation = generation_in(&derived).await.map_err(read_error)?;
    kept_at(tx, generation).await
}

/// Keeps `digests` as current at `generation`, in the write transaction `tx`.
pub(super) fn put(tx: &Transaction<'_>, generation: u64, digests: &Digests) -> Result<(), StoreError> {
    let mut bytes = generation.to_le_bytes().to_vec();
    bytes.extend(digests.to_bytes());
    tx.object_store(DERIVED)
        .map_err(super::failed)?
        .put(JsValue::from(js_sys::Uint8Array::from(bytes.as_slice())))
        .with_key(DIGESTS)
        .primitive()
        .map_err(write_error)?;
    Ok(())
}

/// Carries the digests over an edit, the write transaction `tx` that raised the
/// generation to `generation`. Digests already stale stay so; so do they when a written
/// value is no record of its kind.
pub(super) async fn patch(tx: &Transaction<'_>, generation: u64, writes: &[Write]) -> Result<(), StoreError> {
    let Some(mut digests) = kept_at(tx, generation - 1).await? else {
        return Ok(());
    };
    for w in writes {
        match &w.record {
            Some(value) => match Digests::of_value(w.kind, value) {
                Some(digest) => digests.insert(w.kind, &w.id, digest),
                None => return Ok(()),
            },
            None => digests.remove(w.kind, &w.id),
        }
    }
    put(tx, generation, &digests)
}
