//! Importing a catalogue file: everything is checked before anything is written.

use catalogue_core::diff::{preview_replace, ImportPreview};
use catalogue_core::{Catalogue, Problem};

use crate::{CatalogueStore, StoreError};

/// A file that parsed and validated, with what replacing the stored catalogue by it
/// would change. Nothing has been written yet: call [`PreparedImport::commit`].
#[derive(Debug)]
pub struct PreparedImport {
    pub catalogue: Catalogue,
    pub preview: ImportPreview,
}

/// Why a file cannot be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not a valid catalogue: every problem, located.
    Invalid(Vec<Problem>),
    Store(StoreError),
}

/// Parses and validates `bytes`, and compares them with what is stored.
pub async fn prepare_import<S: CatalogueStore>(store: &S, bytes: &[u8]) -> Result<PreparedImport, ImportError> {
    let catalogue = catalogue_core::parse_bytes(bytes).map_err(ImportError::Invalid)?;
    let stored = store.load().await.map_err(ImportError::Store)?.unwrap_or_else(|| Catalogue::empty(""));
    let preview = preview_replace(&stored, &catalogue);
    Ok(PreparedImport { catalogue, preview })
}

impl PreparedImport {
    /// Replaces the stored catalogue, in one transaction.
    pub async fn commit<S: CatalogueStore>(&self, store: &S) -> Result<(), StoreError> {
        store.replace_all(&self.catalogue).await
    }
}
