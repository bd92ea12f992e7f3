//! App state: the loaded catalogue (plain domain data in a signal) and the one store
//! handle. Pages call the methods here; only this module talks to the store.

use std::rc::Rc;
use std::sync::Arc;

use catalogue_core::feasibility::{self, Finding};
use catalogue_core::merge::{merge_published, CatalogueMerge, LocalEdit};
use catalogue_core::model::RecordKind;
use catalogue_core::search::{DocKey, Finder, IndexBuilder};
use catalogue_core::{Catalogue, Lookup};
use catalogue_store::{CatalogueStore, LocalChange, StoreError, Version, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;
use open::{Opened, Start, StoredList};

mod import;
mod import_worker;
pub mod open;
mod store;

pub use import::ImportStep;
pub use store::Store;

/// The catalogue as pages see it: the records and their relations.
pub struct Loaded {
    pub cat: Catalogue,
    pub lookup: Lookup,
    /// Feasibility findings, computed when a page first needs them.
    findings: std::sync::OnceLock<Vec<Finding>>,
}

impl Loaded {
    fn new(mut cat: Catalogue) -> Arc<Loaded> {
        cat.sort();
        let lookup = Lookup::build(&cat);
        Arc::new(Loaded { cat, lookup, findings: Default::default() })
    }

    /// What each SLA in force today promises beyond what supports it.
    pub fn findings(&self) -> &[Finding] {
        self.findings.get_or_init(|| {
            feasibility::check_all(
                &self.cat,
                &self.lookup,
                crate::platform::today(),
                &crate::platform::IntlZones::default(),
            )
        })
    }
}

/// Documents indexed between two yields to the browser while the search index is built,
/// so that a large catalogue's list stays responsive meanwhile.
const INDEX_CHUNK: usize = 2_000;

/// How long the search index waits, after it was built or changed by a save, before it
/// and the list are stored for the next start: writing a large catalogue's index takes a
/// moment of work, which a burst of saves then pays once.
const STORE_DERIVED_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading(&'static str),
    Ready,
    Failed(String),
}

/// Work the first screen does not wait for: reading and indexing the whole catalogue,
/// importing or merging a published one, showing another tab's change. Its code (and
/// the readers, validation, merging and index building it alone uses) is a wasm module
/// of its own, fetched once the list is on screen, so a first visit downloads less
/// before it sees the list. The app's module (the state, the shell, the list) must reach
/// that code only through [`work_after_list`].
enum Job {
    ReadRest { store: Rc<Store>, generation: u64, list: Catalogue, index: Result<Option<Vec<u8>>, StoreError> },
    FirstStart(Rc<Store>, Result<Vec<u8>, String>),
    CheckPublished,
    Reload,
}

type Work = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StoreError>>>>;

#[leptos::wasm_split::wasm_split(state_after_list, wasm_split_path = ::leptos::wasm_split, fallible)]
fn work_after_list(state: AppState, job: Job) -> Result<Work, crate::lazy_pages::NotFetched> {
    Ok(Box::pin(async move {
        match job {
            Job::ReadRest { store, generation, list, index } => state.read_rest(&store, generation, list, index).await,
            Job::FirstStart(store, published) => state.first_start(&store, published).await,
            Job::CheckPublished => {
                state.check_published().await;
                Ok(())
            }
            Job::Reload => state.reload().await,
        }
    }))
}

/// The source of a merge with the site's published catalogue.
pub const PUBLISHED: &str = "the published site";

/// A merge waiting on the merge page.
pub struct PendingMerge {
    pub theirs: Catalogue,
    pub merge: CatalogueMerge,
    /// Where the other version comes from: "the published site" or a file name.
    pub source: String,
    /// The store's generation of the catalogue merged with (see `apply_merge`).
    pub based_on: Option<u64>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub catalogue: RwSignal<Option<Arc<Loaded>>>,
    /// At start, the services and parties alone, read first so that the list is on screen
    /// while the rest of a large catalogue is read (`None` once `catalogue` is there).
    pub early_list: RwSignal<Option<Arc<Loaded>>>,
    pub status: RwSignal<LoadStatus>,
    /// The search over the catalogue: read from the store at start when it was stored
    /// for what is stored now, otherwise built after the list is shown (`None` until then).
    pub index: RwSignal<Option<Arc<Finder>>>,
    /// The store's generation of the catalogue shown, when known: what the search index
    /// made from it is stored with (see `CatalogueStore::generation`).
    generation: StoredValue<Option<u64>>,
    /// Counts the times the index was due to be stored: only the latest stores it.
    index_changes: StoredValue<u64>,
    /// Documents indexed so far, of how many, while the index is being built.
    pub indexing: RwSignal<Option<(usize, usize)>>,
    /// A warning shown on every page (e.g. storage unavailable).
    pub notice: RwSignal<Option<String>>,
    /// A new version of the site is installed and waits for the reader to reload.
    pub update_available: RwSignal<bool>,
    /// A newer catalogue whose merge with local changes needs the reader's choices.
    pub pending_merge: RwSignal<Option<Arc<PendingMerge>>>,
    /// The import of a catalogue file, from choosing it to its end.
    pub import: RwSignal<ImportStep>,
    import_job: StoredValue<Option<import::ImportJob>, LocalStorage>,
    store: StoredValue<Option<Rc<Store>>, LocalStorage>,
}

impl AppState {
    /// Creates the state from the catalogue opened up to its list (by the first screen)
    /// and starts the rest: reading every record and the search index, or on a first
    /// visit checking and storing the published catalogue.
    pub fn start(opened: Opened) -> AppState {
        let state = AppState {
            catalogue: RwSignal::new(None),
            early_list: RwSignal::new(None),
            status: RwSignal::new(LoadStatus::Loading("Opening the catalogue…")),
            index: RwSignal::new(None),
            generation: StoredValue::new(None),
            index_changes: StoredValue::new(0),
            indexing: RwSignal::new(None),
            notice: RwSignal::new(None),
            update_available: RwSignal::new(false),
            pending_merge: RwSignal::new(None),
            import: RwSignal::new(ImportStep::Idle),
            import_job: StoredValue::new_local(None),
            store: StoredValue::new_local(None),
        };
        let Opened { store, storage_problem, start } = opened;
        if let Some(why) = storage_problem {
            state.notice.set(Some(format!("{why}. Changes will be lost when this page is closed.")));
        }
        state.store.set_value(Some(store.clone()));
        // The list is in the app's first render, as it was on the first screen.
        let job = match start {
            Ok(Start::Stored(StoredList { generation, list, index })) => {
                state.show_list(list.clone(), open::READING_REST);
                Ok(Job::ReadRest { store: store.clone(), generation, list, index })
            }
            Ok(Start::Published { bytes, list }) => {
                match list {
                    Some(list) => state.show_list(list, open::STORING_PUBLISHED),
                    None => state.status.set(LoadStatus::Loading("Checking the published catalogue…")),
                }
                Ok(Job::FirstStart(store.clone(), bytes))
            }
            Err(e) => Err(e),
        };
        spawn_local(async move { state.open(store, job).await });
        crate::offline::start(move || state.update_available.set(true));
        state
    }

    async fn open(self, store: Rc<Store>, job: Result<Job, StoreError>) {
        // A newer version of the app opened in another tab needs this connection closed.
        if matches!(store.as_ref(), Store::Idb(_)) {
            let watched = store.clone();
            spawn_local(async move {
                if let Store::Idb(idb) = watched.as_ref() {
                    idb.yield_to_newer_version().await;
                    self.notice.set(Some("A newer version of this app was opened in another tab. Reload this page to keep working; nothing is lost.".into()));
                }
            });
        }
        // Another tab saved: show what it stored.
        crate::platform::on_broadcast_change(move || {
            spawn_local(async move {
                if let Err(e) = self.after_list(Job::Reload).await {
                    self.notice.set(Some(e.to_string()));
                }
            })
        });
        // Ask the browser to keep the data; it decides without a prompt in most browsers.
        spawn_local(async {
            crate::offline::persist().await;
        });
        let first_visit = matches!(job, Ok(Job::FirstStart(..)));
        let mut next = match job {
            Ok(job) => self.after_list(job).await,
            Err(e) => Err(e),
        };
        // Unless the rest could not be read (see `after_list`), look for a newer published one.
        if next.is_ok() && !first_visit && self.catalogue.with_untracked(Option::is_some) {
            next = self.after_list(Job::CheckPublished).await;
        }
        if let Err(e) = next {
            self.status.set(LoadStatus::Failed(e.to_string()));
        }
    }

    /// Runs work the list does not wait for, in the module that holds its code (fetched
    /// the first time; see [`work_after_list`]). When that module cannot be fetched, the
    /// list stays on screen and says why the rest is missing.
    async fn after_list(self, job: Job) -> Result<(), StoreError> {
        match work_after_list(self, job).await {
            Ok(work) => work.await,
            Err(crate::lazy_pages::NotFetched) => {
                self.status.set(LoadStatus::Failed(
                    "Part of the app could not be downloaded, so only the list of services is shown. Check the connection and reload the page.".into(),
                ));
                Ok(())
            }
        }
    }

    /// Reads the stored catalogue and shows it: the list as soon as the services and
    /// parties are read, then search (from the stored index, when there is one for what
    /// is stored), then the rest (on a large catalogue, seconds later). False when
    /// nothing is stored.
    async fn read_stored(self, store: &Rc<Store>) -> Result<bool, StoreError> {
        let shown = async |list: &Catalogue, next| {
            self.show_list(list.clone(), next);
            crate::platform::after_next_paint().await;
        };
        let Some(StoredList { generation, list, index }) = open::read_stored(store, &shown).await? else {
            return Ok(false);
        };
        self.after_list(Job::ReadRest { store: Rc::clone(store), generation, list, index }).await?;
        Ok(true)
    }

    /// The rest of [`read_stored`](Self::read_stored): the search index read shown, every
    /// record read, and the catalogue shown.
    async fn read_rest(
        self,
        store: &Store,
        generation: u64,
        list: Catalogue,
        index: Result<Option<Vec<u8>>, StoreError>,
    ) -> Result<(), StoreError> {
        let indexed = self.show_index(index);
        let cat = store.load_rest(list).await?;
        crate::platform::mark_next_frame("catalogue:all-read");
        self.show(cat, Some(generation), indexed);
        Ok(())
    }

    /// Shows the stored search index read, if there is one for what is stored now. A
    /// damaged one is passed over (and built anew).
    fn show_index(self, read: Result<Option<Vec<u8>>, StoreError>) -> bool {
        let finder = match read {
            Ok(Some(bytes)) => Finder::from_bytes(&bytes),
            Ok(None) => return false,
            Err(e) => Err(e.to_string()),
        };
        match finder {
            Ok(finder) => {
                self.index.set(Some(Arc::new(finder)));
                crate::platform::mark("catalogue:search-index-read");
                crate::platform::mark_next_frame("catalogue:search-ready");
                true
            }
            Err(why) => {
                leptos::logging::warn!("the stored search index is built anew: {why}");
                false
            }
        }
    }

    /// Looks for a newer published catalogue (while online) and merges it in.
    async fn check_published(self) {
        let Ok(bytes) = open::fetch_published().await else { return };
        let Ok(theirs) = catalogue_core::parse_bytes(&bytes) else { return };
        // Only a newer revision of the same catalogue: someone who imported another one
        // into this site keeps it.
        let (stored_name, stored) = self
            .catalogue
            .with_untracked(|c| c.as_ref().map(|l| (l.cat.catalogue.name.clone(), l.cat.catalogue.revision)))
            .unwrap_or_default();
        if theirs.catalogue.name == stored_name && theirs.catalogue.revision > stored {
            match self.merge_in(theirs, PUBLISHED.into(), true).await {
                // An import or a save came in meanwhile: what it stored is shown, and the
                // newer catalogue is merged with it at the next start.
                Ok(()) | Err(StoreError::Stale) => {}
                Err(e) => self.notice.set(Some(e.to_string())),
            }
        }
    }

    /// Merges a catalogue (a newer published version, or an imported file) with the
    /// local data. With `auto`, a merge without conflicts that validates is applied
    /// at once; otherwise it waits on the merge page for the reader.
    pub async fn merge_in(self, theirs: Catalogue, source: String, auto: bool) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        // What is shown, and so merged with, is what was stored at this generation.
        let based_on = self.generation.get_value();
        let edits: Vec<LocalEdit> = store
            .local_changes()
            .await?
            .into_iter()
            .map(|c| LocalEdit { kind: c.kind, id: c.id, base: c.base })
            .collect();
        let ours = self
            .catalogue
            .with_untracked(|c| c.as_ref().map(|l| l.cat.clone()))
            .unwrap_or_else(|| Catalogue::empty(""));
        let merge = merge_published(&ours, &edits, &theirs);
        let revision = theirs.catalogue.revision;
        if auto && merge.conflicts.is_empty() && catalogue_core::validate(&merge.merged).is_empty() {
            let kept = merge.kept;
            self.apply_merge(&theirs, &merge, based_on).await?;
            self.notice.set(Some(if kept == 0 {
                format!("Updated to the published catalogue, revision {revision}.")
            } else {
                format!(
                    "Updated to the published catalogue, revision {revision}; your {kept} local change(s) were kept."
                )
            }));
        } else {
            self.pending_merge.set(Some(Arc::new(PendingMerge { theirs, merge, source, based_on })));
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
    ) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        let changes: Vec<LocalChange> = merge
            .remaining_edits(theirs)
            .into_iter()
            .map(|e| LocalChange { kind: e.kind, id: e.id, base: e.base })
            .collect();
        store.replace_merged(&merge.merged, &changes, based_on.ok_or(StoreError::Stale)?).await?;
        self.pending_merge.set(None);
        self.reload().await?;
        crate::platform::broadcast_change();
        Ok(())
    }

    /// Shows the list (metadata, parties and services) in place of what was shown, with
    /// `next` as the status: before the long work, and before the code for it is fetched.
    fn show_list(self, list: Catalogue, next: &'static str) {
        self.catalogue.set(None);
        self.index.set(None);
        self.early_list.set(Some(Loaded::new(list)));
        self.status.set(LoadStatus::Loading(next));
        crate::platform::mark_next_frame("catalogue:list-ready");
    }

    /// Stores the published catalogue fetched (when it is valid) and shows it; otherwise
    /// an empty catalogue, with why.
    async fn first_start(self, store: &Store, published: Result<Vec<u8>, String>) -> Result<(), StoreError> {
        let result = match published {
            Ok(bytes) => match catalogue_core::parse_bytes(&bytes) {
                Ok(cat) => match store.replace_all(&cat).await {
                    Ok(()) => Ok((cat, store.generation().await.ok())),
                    Err(e) => Err(e.to_string()),
                },
                Err(problems) => Err(format!("the published catalogue.json is invalid: {}", problems[0])),
            },
            Err(e) => Err(e),
        };
        match result {
            Ok((cat, generation)) => self.show(cat, generation, false),
            Err(why) => {
                self.notice.set(Some(format!("No catalogue is stored yet and the published one could not be loaded ({why}). Import a catalogue file to start.")));
                self.show(Catalogue::empty("Service catalogue"), None, false);
            }
        }
        Ok(())
    }

    /// Shows a catalogue read from the store at `generation`, whose search index is
    /// already shown (`indexed`) or is built now.
    fn show(self, cat: Catalogue, generation: Option<u64>, indexed: bool) {
        let loaded = Loaded::new(cat);
        self.catalogue.set(Some(loaded.clone()));
        self.generation.set_value(generation);
        self.early_list.set(None);
        self.status.set(LoadStatus::Ready);
        crate::platform::mark_next_frame("catalogue:list-ready");
        if !indexed {
            self.index.set(None);
            spawn_local(self.build_index(loaded));
        }
    }

    /// Builds the search index in chunks, yielding to the browser between them.
    async fn build_index(self, loaded: Arc<Loaded>) {
        let total = catalogue_core::search::document_count(&loaded.cat);
        let mut index = IndexBuilder::default();
        let mut done = 0;
        self.indexing.set(Some((0, total)));
        let mut docs = catalogue_core::search::documents(&loaded.cat);
        loop {
            let chunk: Vec<_> = docs.by_ref().take(INDEX_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            done += chunk.len();
            index.add(chunk);
            self.indexing.set(Some((done, total)));
            crate::platform::yield_to_browser().await;
            // A newer catalogue replaced this one meanwhile: its own build takes over.
            if !self.catalogue.with_untracked(|c| c.as_ref().is_some_and(|c| Arc::ptr_eq(c, &loaded))) {
                return;
            }
        }
        drop(docs);
        self.index.set(Some(Arc::new(Finder::new(index.finish(), &loaded.cat, &loaded.lookup))));
        self.indexing.set(None);
        crate::platform::mark_next_frame("catalogue:search-ready");
        self.store_derived_later();
    }

    /// Keeps what the next start reads first (the search index and the list, see
    /// [`CatalogueStore::store_derived`]) once the index has stayed the same for
    /// [`STORE_DERIVED_AFTER`]. Nothing is stored when the generation of what is shown is
    /// not known, and the store refuses what is older than its last write.
    fn store_derived_later(self) {
        self.index_changes.update_value(|n| *n += 1);
        let change = self.index_changes.get_value();
        spawn_local(async move {
            crate::platform::sleep(STORE_DERIVED_AFTER).await;
            if self.index_changes.get_value() != change {
                return;
            }
            let (Some(store), Some(generation), Some(finder), Some(shown)) =
                (self.store(), self.generation.get_value(), self.index.get_untracked(), self.catalogue.get_untracked())
            else {
                return;
            };
            // A catalogue kept in memory is gone at the next start, and all it derived with it.
            if !matches!(store.as_ref(), Store::Idb(_)) {
                return;
            }
            match store.store_derived(generation, &finder.to_bytes(), &shown.cat).await {
                Ok(true) => crate::platform::mark("catalogue:derived-stored"),
                // A write came since: what it derives is stored once shown.
                Ok(false) => {}
                // Without it the next start reads every record and builds the index again.
                Err(e) => leptos::logging::warn!("the search index and list were not stored: {e}"),
            }
        });
    }

    fn store(self) -> Option<Rc<Store>> {
        self.store.get_value()
    }

    /// The stored catalogue is still being opened (or, on a first start, the published
    /// one stored): whatever replaces or merges the catalogue waits, or one of the two
    /// writes would silently undo the other.
    pub fn opening(self) -> bool {
        matches!(self.status.get(), LoadStatus::Loading(_))
    }

    /// What the catalogue list shows: the whole catalogue, or at start its early list.
    pub fn listed(self) -> Option<Arc<Loaded>> {
        self.catalogue.get().or_else(|| self.early_list.get())
    }

    pub fn listed_untracked(self) -> Option<Arc<Loaded>> {
        self.catalogue.get_untracked().or_else(|| self.early_list.get_untracked())
    }

    pub fn catalogue_name(self) -> String {
        self.listed()
            .map(|l| l.cat.catalogue.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Service catalogue".to_owned())
    }

    /// Saves one edit (all its writes in one transaction), shows the result and tells the
    /// other tabs. A record changed elsewhere meanwhile fails with [`StoreError::Conflict`].
    pub async fn save(self, writes: Vec<Write>) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        let generation = store.apply(&writes, crate::platform::now()).await?;
        // What is shown is what is stored only if no other tab wrote in between (that
        // tab's change is then read back when it tells this one).
        let next = self.generation.get_value().filter(|g| g + 1 == generation).map(|_| generation);
        self.generation.set_value(next);
        if !self.show_saved(&writes) {
            self.reload().await?;
        }
        crate::platform::broadcast_change();
        Ok(())
    }

    /// Shows a saved edit by applying its writes to the catalogue on screen and indexing
    /// again only the records it touched: reading a large catalogue back and indexing
    /// all of it took seconds, during which search was unavailable. Returns false when
    /// the writes cannot be applied here (the caller then reads what is stored).
    fn show_saved(self, writes: &[Write]) -> bool {
        let Some(shown) = self.catalogue.get_untracked() else { return false };
        let mut cat = shown.cat.clone();
        for w in writes {
            match &w.record {
                Some(value) => {
                    if cat.put_value(w.kind, Some(&w.id), value).is_err() {
                        return false;
                    }
                }
                None => cat.remove_record(w.kind, &w.id),
            }
        }
        let loaded = Loaded::new(cat);
        self.catalogue.set(Some(loaded.clone()));
        match self.index.get_untracked() {
            Some(finder) => {
                let changed: Vec<DocKey> = writes.iter().map(|w| DocKey { kind: w.kind, id: w.id.clone() }).collect();
                let finder = Arc::unwrap_or_clone(finder).refresh(&loaded.cat, &loaded.lookup, &changed);
                self.index.set(Some(Arc::new(finder)));
                self.store_derived_later();
            }
            // Still being built for the catalogue before the edit: that build stops, and
            // this one starts over.
            None => spawn_local(self.build_index(loaded)),
        }
        true
    }

    /// Shows what is stored now the way it is shown at start, its list first: after an
    /// import replaced everything.
    pub async fn show_stored(self) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        match self.read_stored(&store).await? {
            true => Ok(()),
            false => Err(StoreError::Corrupt("the catalogue vanished after writing".into())),
        }
    }

    /// Shows what is stored now (after a save here or in another tab).
    pub async fn reload(self) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        let generation = store.generation().await?;
        let cat =
            store.load().await?.ok_or_else(|| StoreError::Corrupt("the catalogue vanished after writing".into()))?;
        self.show(cat, Some(generation), false);
        Ok(())
    }

    pub async fn history(self, kind: RecordKind, id: String) -> Result<Vec<Version>, StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        store.history(kind, &id).await
    }

    pub async fn local_changes(self) -> Result<Vec<LocalChange>, StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable("still opening".into()))?;
        store.local_changes().await
    }

    /// The canonical file of the current catalogue.
    pub fn export(self) -> Option<String> {
        self.catalogue.with_untracked(|c| c.as_ref().map(|l| catalogue_core::to_canonical_json(&l.cat)))
    }
}
