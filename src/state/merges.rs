//! Merging a newer published catalogue with what is stored: automatically at start,
//! or from the merge page.

use std::sync::Arc;

use catalogue_core::changes::WhatsNew;
use catalogue_core::merge::{merge_published, published_before, CatalogueMerge, LocalEdit};
use catalogue_core::Catalogue;
use catalogue_store::{CatalogueStore, LocalChange, StoreError};
use leptos::prelude::*;

use super::{open, AppState, PendingMerge, PUBLISHED};

impl AppState {
    /// Looks for a newer published catalogue (while online) and merges it in; then marks
    /// `catalogue:published-checked`, whatever was found.
    pub(super) async fn check_published(self) {
        self.merge_newer_published().await;
        crate::platform::mark("catalogue:published-checked");
    }

    async fn merge_newer_published(self) {
        if let Some(store) = self.store() {
            self.whats_new.set(store.whats_new().await.ok().flatten().map(Arc::new));
        }
        // Only a newer revision of the same catalogue: someone who imported another one
        // into this site keeps it.
        let (stored_name, stored) = self
            .catalogue
            .with_untracked(|c| c.as_ref().map(|l| (l.cat.catalogue.name.clone(), l.cat.catalogue.revision)))
            .unwrap_or_default();
        let newer = |bytes: &[u8]| {
            catalogue_core::file::read_meta(bytes).map(|m| m.name == stored_name && m.revision > stored).ok()
        };
        // Which revision is published, from the small list file the build writes beside
        // the catalogue: the whole file (megabytes on a phone's connection, at every
        // start) is fetched and read only when it is newer, or when the site has no list.
        if open::fetch_list().await.ok().and_then(|list| newer(&list)) == Some(false) {
            return;
        }
        let Ok(bytes) = open::fetch_published().await else { return };
        if newer(&bytes) != Some(true) {
            return;
        }
        let Ok(theirs) = catalogue_core::parse_bytes(&bytes) else { return };
        match self.merge_in(theirs, PUBLISHED.into(), true).await {
            // An import or a save came in meanwhile: what it stored is shown, and the
            // newer catalogue is merged with it at the next start.
            Ok(()) | Err(StoreError::Stale) => {}
            Err(e) => self.notice.set(Some(e.to_string())),
        }
    }

    /// Merges a catalogue (a newer published version, or an imported file) with the
    /// local data. With `auto`, a merge without conflicts that validates is applied
    /// at once; otherwise it waits on the merge page for the reader.
    pub async fn merge_in(self, theirs: Catalogue, source: String, auto: bool) -> Result<(), StoreError> {
        let store = self.opened_store()?;
        // What is shown, and so merged with, is what was stored at this generation.
        let based_on = self.generation.get_value();
        let edits: Vec<LocalEdit> = store
            .local_changes()
            .await?
            .into_iter()
            .map(|c| LocalEdit { kind: c.kind, id: c.id, base: c.base })
            .collect();
        let ours = self.whole().await?;
        let merge = merge_published(&ours, &edits, &theirs);
        // A newer version of the published catalogue: what changed in it since the
        // version the local data is based on.
        let whats_new = (source == PUBLISHED).then(|| {
            let unseen = self.whats_new.get_untracked().map(|w| (*w).clone());
            WhatsNew::after(unseen, &published_before(&ours, &edits), &theirs)
        });
        let revision = theirs.catalogue.revision;
        if auto && merge.conflicts.is_empty() && catalogue_core::validate(&merge.merged).is_empty() {
            let kept = merge.kept;
            self.apply_merge(&theirs, &merge, based_on, whats_new).await?;
            self.notice.set(Some(if kept == 0 {
                format!("Updated to the published catalogue, revision {revision}.")
            } else {
                format!(
                    "Updated to the published catalogue, revision {revision}; your {kept} local change(s) were kept."
                )
            }));
        } else {
            self.pending_merge.set(Some(Arc::new(PendingMerge {
                theirs,
                merge,
                source,
                based_on,
                change_set: None,
                whats_new,
            })));
        }
        Ok(())
    }

    /// Writes a (settled) merge: the merged catalogue, and as local changes whatever
    /// still differs from the new version. Refused ([`StoreError::Stale`]) when anything
    /// was written since the catalogue it was made from (`based_on`, `None` when that is
    /// not known): the merge would undo that write.
    pub async fn apply_merge(
        self,
        theirs: &Catalogue,
        merge: &CatalogueMerge,
        based_on: Option<u64>,
        whats_new: Option<WhatsNew>,
    ) -> Result<(), StoreError> {
        let store = self.opened_store()?;
        let changes: Vec<LocalChange> = merge
            .remaining_edits(theirs)
            .into_iter()
            .map(|e| LocalChange { kind: e.kind, id: e.id, base: e.base })
            .collect();
        store.replace_merged(&merge.merged, &changes, based_on.ok_or(StoreError::Stale)?).await?;
        self.pending_merge.set(None);
        if let Some(whats_new) = whats_new {
            // Only the list of changes is lost if this fails: the merge is stored.
            if let Err(e) = store.keep_whats_new(&whats_new).await {
                web_sys::console::warn_1(&format!("what's new could not be kept: {e}").into());
            }
            self.whats_new.set(Some(Arc::new(whats_new)));
        }
        self.reload().await?;
        crate::platform::broadcast_change();
        Ok(())
    }

    /// The reader has seen what's new: a newer version starts a new list.
    pub fn saw_whats_new(self) {
        let Some(whats_new) = self.whats_new.get_untracked().filter(|w| !w.seen) else { return };
        let seen = WhatsNew { seen: true, ..(*whats_new).clone() };
        self.whats_new.set(Some(Arc::new(seen.clone())));
        if let Some(store) = self.store() {
            leptos::task::spawn_local(async move {
                if let Err(e) = store.keep_whats_new(&seen).await {
                    web_sys::console::warn_1(&format!("what's new could not be marked as seen: {e}").into());
                }
            });
        }
    }
}
