//! The draft of an edit: what is typed, kept in the browser's local storage on every
//! change with the version it started from, and restored when the editor opens again.

use catalogue_core::model::RecordKind;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::forms::spec;
use crate::platform;

/// An unsaved edit, as kept in local storage.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// The stored version the edit started from; `None` for a new record.
    base: Option<Value>,
    value: Value,
    saved_at: String,
}

fn draft_key(kind: RecordKind, id: Option<&str>) -> String {
    format!("draft:{}/{}", kind.collection(), id.unwrap_or("+new"))
}

/// The record being edited and what it started from.
pub(super) struct Draft {
    /// Where the draft is kept in local storage.
    pub key: String,
    /// The stored version the edit started from; `None` for a new record.
    pub base: StoredValue<Option<Value>>,
    /// The value that counts as unchanged: the record as opened or last saved.
    pub pristine: StoredValue<Value>,
    pub value: RwSignal<Value>,
    /// When the draft the editor opened with was kept, if it opened with one.
    pub restored: Option<String>,
}

impl Draft {
    /// The draft kept for this record, or else the stored record (the kind's template
    /// for a new one).
    pub fn open(kind: RecordKind, id: Option<&str>, stored: Option<Value>) -> Draft {
        let key = draft_key(kind, id);
        let kept: Option<Kept> = platform::local_get(&key).and_then(|s| serde_json::from_str(&s).ok());
        let restored = kept.as_ref().map(|d| d.saved_at.clone());
        let (base, initial) = match kept {
            Some(d) => (d.base, d.value),
            None => {
                let value = stored
                    .clone()
                    .unwrap_or_else(|| serde_json::from_str(spec::template(kind)).expect("templates are JSON"));
                (stored, value)
            }
        };
        Draft {
            key,
            base: StoredValue::new(base),
            pristine: StoredValue::new(initial.clone()),
            value: RwSignal::new(initial),
            restored,
        }
    }

    /// From now on keeps the draft on every change, and asks before the page is left
    /// with changes unsaved; gives whether there are any. A restored draft counts as
    /// changes. Changes made before this call (the editor filling in the value as it
    /// opens) are not kept as a draft.
    pub fn keep(&self) -> Memo<bool> {
        let (value, pristine, base) = (self.value, self.pristine, self.base);
        let was_restored = self.restored.is_some();
        let dirty = Memo::new(move |_| value.with(|v| pristine.with_value(|p| v != p)) || was_restored);
        let key = self.key.clone();
        Effect::new(move |first: Option<()>| {
            let v = value.get();
            if first.is_some() {
                let kept = Kept { base: base.get_value(), value: v, saved_at: platform::now().to_string() };
                platform::local_set(&key, &serde_json::to_string(&kept).unwrap_or_default());
            }
        });
        let guard = StoredValue::new_local(Some(platform::warn_before_unload(move || dirty.get_untracked())));
        on_cleanup(move || guard.update_value(|g| drop(g.take())));
        dirty
    }
}

/// The edit was saved or is dropped: its draft is forgotten and what is shown counts as
/// unchanged.
pub(super) fn forget(key: &str, pristine: StoredValue<Value>, value: RwSignal<Value>) {
    platform::local_remove(key);
    pristine.set_value(value.get_untracked());
}
