//! Reading articles without their texts, and single records whole. The texts of the
//! articles (`Article::TEXTS`) are most of a large catalogue: the app holds every
//! article without them, so they are dropped from each object read before it reaches
//! wasm memory, and the articles are read a batch at a time so that the JS heap never
//! holds all of them at once either.

use catalogue_core::edit::canonical_value;
use catalogue_core::model::{Article, RecordKind};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;
use wasm_bindgen::{JsCast, JsValue};

use super::{from_js, read_error};
use crate::StoreError;

/// Articles read in one request while every article is read: large enough that the
/// requests cost little, small enough that a batch of whole articles stays a few MB.
const BATCH: usize = 2_000;

/// Up to `count` articles of `store`, as stored, from the first after `after`.
pub(super) async fn batch(
    tx: &Transaction<'_>,
    store: &str,
    after: Option<&str>,
    count: usize,
) -> Result<Vec<JsValue>, StoreError> {
    let store = tx.object_store(store).map_err(read_error)?;
    let limit = u32::try_from(count).unwrap_or(u32::MAX);
    let request = match after {
        Some(after) => store
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::LowerBound(JsValue::from_str(after), true))
            .with_limit(limit)
            .primitive(),
        None => store.get_all::<JsValue>().with_limit(limit).primitive(),
    };
    request.map_err(read_error)?.await.map_err(read_error)?.collect::<Result<_, _>>().map_err(read_error)
}

/// Every article of `store` without its texts, in id order.
pub(super) async fn read_held(tx: &Transaction<'_>, store: &str) -> Result<Vec<Article>, StoreError> {
    let texts: Vec<JsValue> = Article::TEXTS.iter().map(|f| JsValue::from_str(f)).collect();
    let mut out = Vec::new();
    loop {
        let after = out.last().map(|a: &Article| a.id.clone());
        let values = batch(tx, store, after.as_deref(), BATCH).await?;
        let done = values.len() < BATCH;
        for value in &values {
            let object: &js_sys::Object = value.unchecked_ref();
            for field in &texts {
                js_sys::Reflect::delete_property(object, field).map_err(|e| read_error(format!("{e:?}")))?;
            }
        }
        // One batch read through one JSON text: a call across to JS per article cost more.
        out.extend(from_js::<Vec<Article>>(&values.into_iter().collect::<js_sys::Array>())?);
        if done {
            return Ok(out);
        }
    }
}

/// One record of `kind` in `store` whole, as its record type writes it.
pub(super) async fn record(
    tx: &Transaction<'_>,
    store: &str,
    kind: RecordKind,
    id: &str,
) -> Result<Option<serde_json::Value>, StoreError> {
    let value: Option<JsValue> = tx
        .object_store(store)
        .map_err(read_error)?
        .get(JsValue::from_str(id))
        .primitive()
        .map_err(read_error)?
        .await
        .map_err(read_error)?;
    // Through its type: an imported record is stored as its file wrote it (see `Replacement::file`).
    let value: Option<serde_json::Value> = value.filter(|v| !v.is_undefined()).map(|v| from_js(&v)).transpose()?;
    Ok(value.map(|v| canonical_value(kind, &v)))
}
