//! App state: the loaded catalogue (plain domain data in a signal) and the one store
//! handle. Pages call the methods here; only this module talks to the store.

use std::rc::Rc;
use std::sync::Arc;

use catalogue_core::change_set::ChangeSet;
use catalogue_core::changes::WhatsNew;
use catalogue_core::feasibility::{self, Finding};
use catalogue_core::merge::CatalogueMerge;
use catalogue_core::search::Finder;
use catalogue_core::{Catalogue, Lookup};
use catalogue_store::{CatalogueStore, StoreError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use open::{Opened, Start, StoredList};

mod change_sets;
mod import;
mod import_worker;
mod index;
mod merges;
pub mod open;
mod operations;
mod saves;
mod store;
mod unexported;

pub use change_sets::CHANGE_SET_FILE;
pub use import::ImportStep;
pub use operations::last_day;
pub use store::Store;

/// The catalogue as pages see it: the records and their relations. Its articles may be
/// without their texts (`Article::TEXTS`: on a large catalogue most of its size, which a
/// phone's memory cannot hold; only an article's own page shows them): a page reads them
/// with [`AppState::record`], and whatever writes or exports records it did not edit
/// itself starts from [`AppState::whole`].
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
            feasibility::check_all(&self.cat, &self.lookup, crate::platform::today(), crate::platform::zones())
        })
    }
}

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
    ReadRest { store: Rc<Store>, generation: u64, index: Result<Option<Vec<u8>>, StoreError> },
    FirstStart(Rc<Store>, Result<Vec<u8>, String>),
    CheckPublished,
    Reload,
}

type Work = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StoreError>>>>;

#[leptos::wasm_split::wasm_split(state_after_list, wasm_split_path = ::leptos::wasm_split, fallible)]
fn work_after_list(state: AppState, job: Job) -> Result<Work, crate::lazy_pages::NotFetched> {
    Ok(Box::pin(async move {
        match job {
            Job::ReadRest { store, generation, index } => state.read_rest(&store, generation, index).await,
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
    /// For a newer published catalogue: what changed in it, kept once the merge is.
    pub whats_new: Option<WhatsNew>,
    /// When the other side is a change set (and `theirs` the local catalogue it applies
    /// to): applying it saves its records as an edit (see `apply_change_set`).
    pub change_set: Option<Arc<ChangeSet>>,
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
    /// What changed in the published catalogue since the version the reader had before
    /// (see `WhatsNew`), as the store keeps it; read when a newer version is looked for.
    pub whats_new: RwSignal<Option<Arc<WhatsNew>>>,
    /// The import of a catalogue file, from choosing it to its end.
    pub import: RwSignal<ImportStep>,
    /// When the first change not exported was made (see `unexported.rs`).
    pub unexported_since: RwSignal<Option<jiff::Timestamp>>,
    /// Raised by every write of the operational records: pages showing them read again.
    pub operations_written: RwSignal<u64>,
    import_job: StoredValue<Option<import::ImportJob>, LocalStorage>,
    /// Import workers started ahead of a file (see `AppState::prepare_import`).
    import_workers: StoredValue<Option<import_worker::ImportWorker>, LocalStorage>,
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
            whats_new: RwSignal::new(None),
            import: RwSignal::new(ImportStep::Idle),
            unexported_since: RwSignal::new(unexported::kept_since()),
            operations_written: RwSignal::new(0),
            import_job: StoredValue::new_local(None),
            import_workers: StoredValue::new_local(None),
            store: StoredValue::new_local(None),
        };
        let Opened { store, storage_problem, start } = opened;
        if let Some(why) = storage_problem {
            state.notice.set(Some(format!(
                "This browser cannot keep the catalogue (a private window, or storage turned off?), so it is read from the published file. Changes will be lost when this page is closed: export them to keep them. The browser said: {why}."
            )));
        }
        state.store.set_value(Some(store.clone()));
        // The list is in the app's first render, as it was on the first screen.
        let job = match start {
            Ok(Start::Stored(StoredList { generation, list, index })) => {
                state.show_list(list, open::READING_REST);
                Ok(Job::ReadRest { store: store.clone(), generation, index })
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
        // A write left running as the page is left would hold up the next visit in WebKit
        // (see `catalogue_store::pause_writes`): what the page writes, and an import's
        // workers, end with it.
        crate::platform::on_page_left(
            move || {
                catalogue_store::pause_writes();
                // Ending the workers aborts what they write.
                self.import_job.try_update_value(Option::take).flatten().is_some()
            },
            catalogue_store::resume_writes,
        );
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
        let Some(StoredList { generation, index, .. }) = open::read_stored(store, &shown).await? else {
            return Ok(false);
        };
        self.after_list(Job::ReadRest { store: Rc::clone(store), generation, index }).await?;
        Ok(true)
    }

    /// The rest of [`read_stored`](Self::read_stored): the search index read shown, every
    /// record read, and the catalogue shown, completing the list on screen.
    async fn read_rest(
        self,
        store: &Store,
        generation: u64,
        index: Result<Option<Vec<u8>>, StoreError>,
    ) -> Result<(), StoreError> {
        let indexed = self.show_index(index);
        let rest = store.load_rest_held(Catalogue::empty("")).await?;
        // The list on screen is taken rather than copied when nothing else holds it: on a
        // large catalogue it is tens of MB, and wasm memory never shrinks once grown.
        // Nothing is drawn before `show` puts the whole catalogue in its place.
        let list = match self.early_list.try_update_untracked(Option::take).flatten() {
            Some(early) => Arc::try_unwrap(early).map(|l| l.cat).unwrap_or_else(|shared| shared.cat.clone()),
            None => store
                .load_list()
                .await?
                .ok_or_else(|| StoreError::Corrupt("the catalogue vanished while it was read".into()))?,
        };
        let cat = Catalogue { catalogue: list.catalogue, parties: list.parties, services: list.services, ..rest };
        crate::platform::mark_next_frame("catalogue:all-read");
        self.show(cat, Some(generation), indexed);
        // Whatever an import left beside the catalogue (the one it replaced, or itself
        // unconfirmed) when its tab closed; after an import here, the catalogue it replaced.
        store.clear_abandoned().await;
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
        let read = |bytes: Result<Vec<u8>, String>| {
            bytes.and_then(|bytes| {
                catalogue_core::parse_bytes(&bytes)
                    .map_err(|problems| format!("the published catalogue.json is invalid: {}", problems[0]))
            })
        };
        // A download can arrive damaged (cut short, or a byte changed on the way): the
        // file is fetched once more before the reader is told it cannot be read.
        let published = match read(published) {
            Ok(cat) => Ok(cat),
            Err(_) => read(open::fetch_published().await),
        };
        let result = match published {
            Ok(cat) => {
                // Tests leave the page from here, in the middle of the write.
                crate::platform::mark("catalogue:storing-published");
                match store.replace_all(&cat).await {
                    Ok(()) => Ok((cat.without_article_texts(), store.generation().await.ok())),
                    Err(e) => Err(e.to_string()),
                }
            }
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

    fn store(self) -> Option<Rc<Store>> {
        self.store.get_value()
    }

    /// The store, or why not yet: what reads or writes it before it is open fails.
    fn opened_store(self) -> Result<Rc<Store>, StoreError> {
        self.store().ok_or_else(|| StoreError::Unavailable("still opening".into()))
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
}
