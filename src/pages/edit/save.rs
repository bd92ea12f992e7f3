//! Saving an edit: the record stamped with its next revision, written only over the
//! version the edit started from. When someone saved meanwhile (another tab), the two
//! edits are merged field by field and any field both changed is left for the person to
//! choose.

use catalogue_core::edit::{self, Conflict};
use catalogue_core::model::RecordKind;
use catalogue_core::Problem;
use catalogue_store::{StoreError, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use super::draft::{forget, Draft};
use super::{revision, stamped};
use crate::links;
use crate::state::AppState;

/// What a save shows while and after it runs.
#[derive(Clone, Copy)]
pub(super) struct Saving {
    pub busy: RwSignal<bool>,
    pub message: RwSignal<Option<String>>,
    /// Fields changed both here and in the version saved meanwhile.
    pub conflicts: RwSignal<Vec<Conflict>>,
}

impl Saving {
    pub fn new() -> Saving {
        Saving { busy: RwSignal::new(false), message: RwSignal::new(None), conflicts: RwSignal::new(Vec::new()) }
    }
}

/// The save of the form: does nothing while a save runs or the record has problems;
/// once saved, opens the record's page.
pub(super) fn save_action(
    state: AppState,
    kind: RecordKind,
    is_new: bool,
    draft: &Draft,
    problems: Memo<Vec<Problem>>,
    saving: Saving,
) -> impl Fn() + Clone + 'static {
    let Saving { busy, message, conflicts } = saving;
    let (key, base, pristine, value) = (draft.key.clone(), draft.base, draft.pristine, draft.value);
    let navigate = use_navigate();
    move || {
        if busy.get_untracked() || !problems.with_untracked(Vec::is_empty) {
            return;
        }
        busy.set(true);
        message.set(None);
        let key = key.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let b = base.get_value();
            let record = stamped(value.get_untracked(), b.as_ref());
            let id = record.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
            let write =
                Write { kind, id: id.clone(), expected: b.as_ref().and_then(revision), record: Some(record.clone()) };
            match state.save(vec![write]).await {
                Ok(()) => {
                    forget(&key, pristine, value);
                    let r = revision(&record).unwrap_or(1);
                    navigate(&format!("{}?saved={r}", links::href(kind, &id)), Default::default());
                }
                Err(StoreError::Conflict { .. }) => {
                    // Someone saved first: merge their version into ours.
                    let _ = state.reload().await;
                    let theirs = state.record(kind, &id).await.ok().flatten();
                    let mine = value.get_untracked();
                    match theirs {
                        Some(theirs) => {
                            let merged = edit::merge(b.as_ref().unwrap_or(&Value::Null), &mine, &theirs);
                            message.set(Some(if merged.conflicts.is_empty() {
                                "This record was changed elsewhere while you edited it. Their changes are merged into yours below; check and save again.".to_owned()
                            } else {
                                format!("This record was changed elsewhere while you edited it. {} field(s) were changed on both sides: choose which version to keep.", merged.conflicts.len())
                            }));
                            conflicts.set(merged.conflicts);
                            value.set(merged.merged);
                            base.set_value(Some(theirs));
                        }
                        None => {
                            message.set(Some(if is_new {
                                format!(
                                    "Another {} with this id was created meanwhile. Choose another id.",
                                    kind.label()
                                )
                            } else {
                                "This record was deleted elsewhere while you edited it. Saving will create it again."
                                    .to_owned()
                            }));
                            base.set_value(None);
                        }
                    }
                }
                Err(e) => message.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    }
}
