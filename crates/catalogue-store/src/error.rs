use catalogue_core::model::RecordKind;

/// What can go wrong when reading or writing the stored catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses storage (private mode, disabled, blocked by another tab).
    Unavailable(String),
    /// The storage quota is exhausted; nothing was written.
    QuotaExceeded,
    /// Stored data could not be read back as a catalogue.
    Corrupt(String),
    /// A write failed and was rolled back.
    WriteFailed(String),
    /// A record changed since the edit started (another tab, another import): nothing
    /// was written. `stored` is its revision now, `None` when it is gone.
    Conflict { kind: RecordKind, id: String, stored: Option<u64> },
    /// Something was written since what this write was made from was read (a merge
    /// prepared before an import or a save): nothing was written.
    Stale,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(f, "the browser's storage is unavailable: {why}"),
            StoreError::QuotaExceeded => write!(f, "the browser's storage is full: nothing was changed; export what you have and free some space"),
            StoreError::Corrupt(why) => write!(f, "the stored catalogue could not be read: {why}"),
            StoreError::WriteFailed(why) => write!(f, "saving failed and nothing was changed: {why}"),
            StoreError::Conflict { kind, id, stored: Some(_) } => write!(f, "the {} \"{id}\" was changed elsewhere since you opened it; nothing was saved", kind.label()),
            StoreError::Stale => write!(f, "the catalogue changed since this was prepared (an import, or a save here or in another tab); nothing was changed"),
            StoreError::Conflict { kind, id, stored: None } => write!(f, "the {} \"{id}\" was deleted elsewhere since you opened it; nothing was saved", kind.label()),
        }
    }
}

impl std::error::Error for StoreError {}
