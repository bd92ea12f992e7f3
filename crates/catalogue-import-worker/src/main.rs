//! The import worker. The page hands it a file; it reads the file in slices (telling
//! how far it got), parses and validates it, compares it with what is stored and
//! reports the preview; when the page confirms, it replaces the stored catalogue in one
//! transaction, telling how many records are written. The page's thread stays free
//! throughout, and cancelling is terminating the worker: a transaction not committed
//! is aborted with it, so a cancelled import leaves nothing behind.
//!
//! Messages: the page sends `{request: "check", file}` and `{request: "write"}`
//! (`catalogue_store::import::{CHECK, WRITE}`); the worker answers with
//! `catalogue_store::import::Reply` as JSON text.

#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the import worker runs in a browser: build it with Trunk (see index.html)");
    std::process::exit(2);
}
