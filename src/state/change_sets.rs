//! Change sets: the local changes exported as one file for a maintainer, and a change
//! set someone sent opened as a merge with the local data (on the merge page, like a
//! newer catalogue), then saved as edits.

use std::sync::Arc;

use catalogue_core::change_set::ChangeSet;
use catalogue_core::edit::field_changes;
use catalogue_core::merge::{CatalogueMerge, LocalEdit};
use catalogue_store::{StoreError, Write};
use leptos::prelude::*;

use super::{AppState, PendingMerge};
use crate::platform;

/// The name a change set is downloaded under.
pub const CHANGE_SET_FILE: &str = "changes.json";

impl AppState {
    /// The change set of everything changed here, by `author`, saying `message`.
    pub async fn change_set(self, author: &str, message: &str) -> Result<ChangeSet, String> {
        let changes = self.local_changes().await.map_err(|e| e.to_string())?;
        let edits: Vec<LocalEdit> =
            changes.into_iter().map(|c| LocalEdit { kind: c.kind, id: c.id, base: c.base }).collect();
        let here = self.whole().await.map_err(|e| format!("The catalogue could not be read: {e}."))?;
        Ok(ChangeSet::from_local(&here, &edits, author, message))
    }

    /// Downloads the change set of everything changed here; the error says why not, as a
    /// sentence to show. The changes then exist outside this browser.
    pub async fn download_change_set(self, author: &str, message: &str) -> Result<usize, String> {
        let set = self.change_set(author, message).await?;
        platform::download(CHANGE_SET_FILE, "application/json", &set.to_canonical_json())
            .map_err(|e| format!("The download could not start: {e}."))?;
        self.nothing_unexported();
        Ok(set.changes.len())
    }

    /// Opens a change set (the text of file `source`) as a merge with the local data, on
    /// the merge page. `Ok(Some(why))` when there is nothing to merge.
    pub async fn open_change_set(self, text: &str, source: String) -> Result<Option<String>, String> {
        let set = ChangeSet::parse(text).map_err(|p| format!("{source} cannot be opened: {p}"))?;
        if self.opening() {
            return Err("the catalogue is still opening; open the change set once it is".into());
        }
        let based_on = self.generation.get_value();
        let ours = self.whole().await.map_err(|e| format!("{source} cannot be opened: {e}"))?;
        if set.catalogue.name != ours.catalogue.name {
            return Err(format!(
                "{source} holds changes to “{}”, not to this catalogue (“{}”); nothing was changed.",
                set.catalogue.name, ours.catalogue.name
            ));
        }
        let applied = set.apply(&ours);
        if let Some(p) = applied.problems.first() {
            return Err(format!("{source} cannot be applied: {p}"));
        }
        if applied.already_applied {
            return Ok(Some(format!("Every change in {source} is here already: nothing to apply.")));
        }
        let merge = applied.merge;
        self.pending_merge.set(Some(Arc::new(PendingMerge {
            theirs: ours,
            merge,
            source,
            based_on,
            change_set: Some(Arc::new(set)),
            whats_new: None,
        })));
        Ok(None)
    }

    /// Saves a settled merge of a change set as one edit: each record it changes, at the
    /// revision after the one here. Gives how many records were written.
    pub async fn apply_change_set(self, set: &ChangeSet, merge: &CatalogueMerge) -> Result<usize, StoreError> {
        let here = self.whole().await?;
        let writes: Vec<Write> = {
            set.changes
                .iter()
                .filter_map(|change| {
                    let (kind, id) = (change.kind, change.id.as_str());
                    let now = here.record_value(kind, id);
                    let mut record = merge.merged.record_value(kind, id);
                    let same = match (&now, &record) {
                        (Some(a), Some(b)) => field_changes(a, b).is_empty(),
                        (a, b) => a.is_none() && b.is_none(),
                    };
                    if same {
                        return None;
                    }
                    let expected = now.as_ref().and_then(|v| v["revision"].as_u64());
                    if let Some(r) = record.as_mut() {
                        r["revision"] = (expected.unwrap_or(0) + 1).into();
                    }
                    Some(Write { kind, id: id.to_owned(), expected, record })
                })
                .collect()
        };
        let count = writes.len();
        self.save(writes).await?;
        self.pending_merge.set(None);
        Ok(count)
    }
}
