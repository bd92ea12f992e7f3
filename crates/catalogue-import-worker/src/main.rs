//! The import worker. The page starts two for a file. The checker reads the file in
//! slices (telling how far it got), parses and validates it, compares it with what is
//! stored by the digests of the records, and reports the preview with the file's
//! digests. Meanwhile the writer reads the same file and writes its records beside the
//! catalogue, parsing them a batch at a time as it puts them; when the page confirms, it
//! makes them the catalogue in one small transaction, telling how many records are
//! written until then. Each does half of the work on a core of its
//! own, and the page's thread stays free throughout. Cancelling is terminating the
//! workers: a transaction not committed is aborted with them, so a cancelled import
//! leaves nothing behind.
//!
//! Messages: the page sends the checker `{request: "check", file}`, the writer
//! `{request: "stage", file}` and then `{request: "write", digests}`
//! (`catalogue_store::import::{CHECK, STAGE, WRITE}`); each answers with
//! `{reply: catalogue_store::import::Reply as JSON text}`, the checker's `Checked` with
//! `digests`.

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
