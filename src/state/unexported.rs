//! Changes not exported yet. Local changes exist nowhere but in this browser until the
//! catalogue is exported, and browsers may delete the data of a site: Safari deletes it
//! when the site has not been opened for seven days (unless it is installed). So when
//! the first change after the last export was made is kept, the header marks "My
//! changes" while there is one, and every page reminds the reader once it is a few days
//! old, with the export one click away.

use jiff::Timestamp;
use leptos::prelude::*;

use super::AppState;
use crate::platform;

/// The local setting that keeps when the first change not exported was made.
const SINCE: &str = "unexported-since";

/// Days after the first change not exported before every page reminds the reader: it
/// leaves days to export before Safari's seven.
pub const REMIND_AFTER_DAYS: i64 = 3;

/// When the first change not exported was made, as this browser keeps it.
pub(super) fn kept_since() -> Option<Timestamp> {
    platform::local_get(SINCE)?.parse().ok()
}

impl AppState {
    /// A change was saved: it is not exported until the catalogue is.
    pub(super) fn changed_here(self) {
        if self.unexported_since.get_untracked().is_none() {
            let now = platform::now();
            platform::local_set(SINCE, &now.to_string());
            self.unexported_since.set(Some(now));
        }
    }

    /// Another tab may have saved or exported: take what it kept.
    pub(super) fn read_unexported(self) {
        self.unexported_since.set(kept_since());
    }

    /// Everything here is in a file the reader has: exported, or replaced by an import.
    pub(super) fn nothing_unexported(self) {
        platform::local_remove(SINCE);
        self.unexported_since.set(None);
    }

    /// Downloads the catalogue as it is here, local changes included (`catalogue.json`);
    /// the error says why not, as a sentence to show.
    pub async fn download_catalogue(self) -> Result<(), String> {
        let text = self.export().await.map_err(|e| format!("The catalogue could not be read: {e}."))?;
        platform::download("catalogue.json", "application/json", &text)
            .map_err(|e| format!("The download could not start: {e}."))?;
        self.nothing_unexported();
        Ok(())
    }

    /// How many whole days ago the first change not exported was made, once that is
    /// [`REMIND_AFTER_DAYS`] or more.
    pub fn unexported_reminder(self) -> Option<i64> {
        let since = self.unexported_since.get()?;
        let days = platform::now().duration_since(since).as_hours() / 24;
        (days >= REMIND_AFTER_DAYS).then_some(days)
    }
}
