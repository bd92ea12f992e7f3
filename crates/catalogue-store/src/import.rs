//! Importing a catalogue file: everything is checked before anything is written.
//!
//! In the browser a file is imported by two import workers (`crates/catalogue-import-worker`),
//! so that reading, checking and writing a large file never freezes the page, and the
//! check and the write run side by side: a checker reads the file into Rust, validates it
//! and compares it with what is stored; a writer parses the same file into the JS objects
//! to store and writes them beside the catalogue, which they become once the page
//! confirms (`IdbStore::stage`, `IdbStore::commit_staged`). [`Reply`] and [`Progress`]
//! are what they tell the page, as JSON.

use catalogue_core::diff::{preview_digests, ImportPreview};
use catalogue_core::digest::Digests;
use catalogue_core::{Catalogue, Problem, ReadStage};
use serde::{Deserialize, Serialize};

use crate::{CatalogueStore, StoreError};

/// A file that parsed and validated, with what replacing the stored catalogue by it
/// would change. Nothing has been written yet: call [`PreparedImport::commit`].
#[derive(Debug)]
pub struct PreparedImport {
    pub catalogue: Catalogue,
    /// The digest of each of its records, which the store keeps with them.
    pub digests: Digests,
    pub preview: ImportPreview,
}

/// Why a file cannot be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not a valid catalogue: every problem, located.
    Invalid(Vec<Problem>),
    Store(StoreError),
}

/// Where an import is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Progress {
    /// Bytes of the file read so far.
    Reading { done: u64, total: u64 },
    /// Parsing, then validating (no finer measure: each is one pass over the whole).
    Checking { step: ReadStage },
    /// Comparing with what is stored, for the preview.
    Comparing,
    /// Records written so far, in the one transaction of the replace.
    Writing { done: u64, total: u64 },
    /// Every record is handed to the database, which commits them: too late to cancel.
    Committing,
}

/// Messages from an import worker to the page, in order: `Ready`, then for a check
/// `Progress`… and `Checked` or `Invalid`, and for a write `Progress`… and `Written`;
/// `Failed` ends either. A worker posts `{reply: <this as JSON>}`; the checker's
/// `Checked` comes with the file's `digests`, which the page hands to the writer with
/// `WRITE`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    Ready,
    Progress(Progress),
    Checked { preview: ImportPreview },
    Invalid { problems: Vec<Problem> },
    Written,
    Failed { message: String },
}

/// The `request` of a message from the page asking a worker to check its `file`.
pub const CHECK: &str = "check";
/// The `request` asking a worker to read a `file` and write it beside the catalogue (a
/// write's progress is told once the write is asked for).
pub const STAGE: &str = "stage";
/// The `request` asking the worker that staged a file to write it, with the `digests`
/// the checker gave.
pub const WRITE: &str = "write";

/// Parses and validates `bytes`, and compares them with what is stored.
pub async fn prepare_import<S: CatalogueStore>(store: &S, bytes: &[u8]) -> Result<PreparedImport, ImportError> {
    prepare_import_reporting(store, bytes, |_| ()).await
}

/// [`prepare_import`], telling `progress` as each stage starts.
pub async fn prepare_import_reporting<S: CatalogueStore>(
    store: &S,
    bytes: &[u8],
    mut progress: impl FnMut(Progress),
) -> Result<PreparedImport, ImportError> {
    let catalogue = catalogue_core::parse_bytes_reporting(bytes, |step| progress(Progress::Checking { step }))
        .map_err(ImportError::Invalid)?;
    progress(Progress::Comparing);
    // The file's records are compared by digest with the stored ones: nothing stored is
    // read but the digests.
    let digests = Digests::of(&catalogue);
    let stored = store.digests().await.map_err(ImportError::Store)?.unwrap_or_default();
    let preview = preview_digests(&stored, &digests);
    Ok(PreparedImport { catalogue, digests, preview })
}

impl PreparedImport {
    /// Replaces the stored catalogue, in one transaction.
    pub async fn commit<S: CatalogueStore>(&self, store: &S) -> Result<(), StoreError> {
        store.replace_all(&self.catalogue).await
    }
}
