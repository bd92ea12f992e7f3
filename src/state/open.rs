//! Opening the catalogue up to its list: the store, what is stored (or, on a first visit,
//! the site's published catalogue), the list read first. The first screen runs this
//! before the app's code has arrived, so nothing here uses a signal or a view; the app
//! then starts from what was read (`AppState::start`).

use std::rc::Rc;

use catalogue_core::Catalogue;
use catalogue_store::{CatalogueStore, IdbStore, MemoryStore, StoreError};

use super::store::Store;

/// What the app starts from.
pub struct Opened {
    pub store: Rc<Store>,
    /// Why the catalogue is kept in memory only (the browser refused IndexedDB).
    pub storage_problem: Option<String>,
    pub start: Result<Start, StoreError>,
}

pub enum Start {
    /// What is stored: its list, and the search index kept for it as read (decoded later).
    Stored(StoredList),
    /// Nothing is stored: the site's published catalogue as fetched, and its list
    /// (read unchecked) when it reads.
    Published { bytes: Result<Vec<u8>, String>, list: Option<Catalogue> },
}

pub struct StoredList {
    /// The store's generation, read before the records (see `AppState::read_rest`).
    pub generation: u64,
    pub list: Catalogue,
    pub index: Result<Option<Vec<u8>>, StoreError>,
}

/// IndexedDB when the browser allows it; otherwise memory, with why.
pub async fn open_store(blocked: impl FnOnce() + 'static) -> (Rc<Store>, Option<String>) {
    let (store, problem) = match IdbStore::open(blocked).await {
        Ok(s) => (Store::Idb(s), None),
        Err(e) => (Store::Memory(MemoryStore::new()), Some(e.to_string())),
    };
    (Rc::new(store), problem)
}

/// The status shown with the list while the rest is read, or while the published
/// catalogue is checked and stored (on the first screen and in the app alike).
pub const READING_REST: &str = "Reading the rest of the catalogue…";
pub const STORING_PUBLISHED: &str = "Checking and storing the published catalogue…";

/// What is done with the list as soon as it is read: shown, with the status of what
/// comes next.
pub trait Shown: AsyncFn(&Catalogue, &'static str) {}
impl<F: AsyncFn(&Catalogue, &'static str)> Shown for F {}

/// Opens the catalogue: what is stored, or on a first visit the published one. `shown`
/// is given the list as soon as it is read (the search index is read meanwhile);
/// `fetching` is called before the published one is fetched.
pub async fn start(store: &Store, fetching: impl FnOnce(), shown: impl Shown) -> Result<Start, StoreError> {
    if let Some(stored) = read_stored(store, &shown).await? {
        return Ok(Start::Stored(stored));
    }
    fetching();
    // The list first, from the small file the build publishes beside the catalogue (on a
    // phone's connection a large catalogue takes many seconds more); from the whole
    // file when the site has none.
    let early = fetch_list().await.ok().and_then(|b| catalogue_core::file::read_list(&b).ok());
    if let Some(list) = &early {
        shown(list, STORING_PUBLISHED).await;
    }
    let bytes = fetch_published().await;
    let list = match early {
        Some(list) => Some(list),
        None => {
            let list = bytes.as_ref().ok().and_then(|b| catalogue_core::file::read_list(b).ok());
            if let Some(list) = &list {
                shown(list, STORING_PUBLISHED).await;
            }
            list
        }
    };
    Ok(Start::Published { bytes, list })
}

/// What the list shows of the published catalogue (its metadata, parties and services),
/// which `scripts/post-build.mjs` writes beside it.
pub const LIST_FILE: &str = "catalogue.list.json";

/// Reads the stored list and, at the same time, the search index kept for it. `None`
/// when nothing is stored.
pub async fn read_stored(store: &Store, shown: &impl Shown) -> Result<Option<StoredList>, StoreError> {
    // Read before the records: if a write comes in between, the index is stored
    // with an older generation than the records it was made from, which is refused.
    let generation = store.generation().await?;
    // Both read-only, so the database serves them at once; only decoding the index waits.
    let list = async {
        let Some(list) = store.load_list().await? else { return Ok(None) };
        shown(&list, READING_REST).await;
        Ok::<_, StoreError>(Some(list))
    };
    let (list, index) = futures::future::join(list, store.load_search_index()).await;
    Ok(list?.map(|list| StoredList { generation, list, index }))
}

/// The bytes of the site's published `catalogue.json`. A query string bypasses the
/// browser's HTTP cache (the service worker asks the network first anyway).
pub async fn fetch_published() -> Result<Vec<u8>, String> {
    fetch_site_file("catalogue.json").await
}

/// The bytes of the list file the site publishes beside its catalogue ([`LIST_FILE`]),
/// past the browser's HTTP cache.
pub async fn fetch_list() -> Result<Vec<u8>, String> {
    fetch_site_file(LIST_FILE).await
}

/// The bytes of a file of the site, past the browser's HTTP cache.
async fn fetch_site_file(name: &str) -> Result<Vec<u8>, String> {
    let url = crate::platform::site_url(name);
    match gloo_net::http::Request::get(&format!("{url}?at={}", js_sys::Date::now() as u64)).send().await {
        Ok(resp) if resp.ok() => resp.binary().await.map_err(|e| e.to_string()),
        Ok(resp) => Err(format!("{url} answered {}", resp.status())),
        Err(e) => Err(e.to_string()),
    }
}
