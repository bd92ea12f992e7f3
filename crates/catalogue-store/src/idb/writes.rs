//! The write transactions under way in this thread, ended when the page is left.
//!
//! WebKit keeps a page it leaves in its back/forward cache, frozen, with its transactions
//! unfinished: every later transaction over the same stores, the next visit's included,
//! then waits until the browser evicts that page (seconds to many minutes). So when the
//! page is left, what it is writing is aborted, as a browser does for a page it unloads
//! (a write is all-or-nothing: nothing half-written stays), and no write starts until it
//! comes back ([`pause_writes`], [`resume_writes`]).

use std::cell::{Cell, RefCell};

use web_sys::IdbTransaction;

use crate::StoreError;

thread_local! {
    static UNDER_WAY: RefCell<Vec<IdbTransaction>> = const { RefCell::new(Vec::new()) };
    /// Set while the page is left: whether a write was aborted or refused meanwhile.
    static PAUSED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether `tx` has not finished: a finished transaction refuses to give its stores.
fn running(tx: &IdbTransaction) -> bool {
    tx.object_store_names().get(0).is_some_and(|name| tx.object_store(&name).is_ok())
}

/// Refuses a write while the page is left.
pub(super) fn allowed() -> Result<(), StoreError> {
    match PAUSED.get() {
        None => Ok(()),
        Some(_) => {
            PAUSED.set(Some(true));
            Err(super::failed("the page was left; nothing was written"))
        }
    }
}

/// Keeps `tx` until it finishes (the finished ones are let go at each new write).
pub(super) fn track(tx: &IdbTransaction) {
    UNDER_WAY.with(|all| {
        let mut all = all.borrow_mut();
        all.retain(running);
        all.push(tx.clone());
    });
}

/// Aborts every write transaction of this thread still running, and refuses new ones
/// until [`resume_writes`]: for when the page is left (`pagehide`).
pub fn pause_writes() {
    let aborted = UNDER_WAY.with(|all| all.take().into_iter().filter(running).filter(|tx| tx.abort().is_ok()).count());
    PAUSED.set(Some(PAUSED.get().unwrap_or(false) || aborted > 0));
}

/// Lets writes start again (the page is back); whether any was aborted or refused since
/// [`pause_writes`], so that what the page shows may no longer be what is stored.
pub fn resume_writes() -> bool {
    PAUSED.take().unwrap_or(false)
}
