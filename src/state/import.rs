//! Importing a catalogue file, as the data page drives it. With IndexedDB the import
//! worker reads, checks and writes the file, so a large file never freezes the page and
//! cancelling leaves nothing behind; without it (storage blocked, memory only) the same
//! steps run here. The import belongs to the app, not the page: it goes on while the
//! reader looks at other pages.

use std::rc::Rc;

use catalogue_core::diff::ImportPreview;
use catalogue_core::Problem;
use catalogue_store::import::{prepare_import, ImportError, PreparedImport, Progress, Reply};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use super::import_worker::ImportWorker;
use super::{AppState, Store};

/// Where the import of a file is.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportStep {
    Idle,
    Working { file: String, progress: Progress },
    Invalid { file: String, problems: Vec<Problem> },
    Preview { file: String, preview: ImportPreview },
    Done(String),
    Cancelled(String),
    Failed(String),
}

/// The import under way: its file, and whoever does the work.
pub(super) struct ImportJob {
    file: File,
    by: Doer,
    /// What the reader is told once the write is done (set when it is confirmed).
    done: String,
}

enum Doer {
    Worker(ImportWorker),
    /// No worker (no IndexedDB): the file checked here, waiting to be written.
    Page(Option<Rc<PreparedImport>>),
}

impl ImportJob {
    fn new(file: File, by: Doer) -> ImportJob {
        ImportJob { file, by, done: "Imported.".to_owned() }
    }
}

impl AppState {
    /// Checks `file` (and shows the preview); nothing is written yet.
    pub fn start_import(self, file: File) {
        self.import_job.set_value(None);
        let name = file.name();
        self.import.set(ImportStep::Working {
            file: name.clone(),
            progress: Progress::Reading { done: 0, total: file.size() as u64 },
        });
        let Some(store) = self.store() else {
            return self.import.set(ImportStep::Failed("the catalogue is still opening; try again in a moment".into()));
        };
        if matches!(store.as_ref(), Store::Idb(_)) {
            let started = self.import_workers.try_update_value(Option::take).flatten();
            match started.map(Ok).unwrap_or_else(ImportWorker::start) {
                Ok(worker) => {
                    worker.check(file.clone(), move |reply| self.on_worker_reply(reply));
                    self.import_job.set_value(Some(ImportJob::new(file, Doer::Worker(worker))))
                }
                Err(why) => self.import.set(ImportStep::Failed(why)),
            }
            return;
        }
        self.import_job.set_value(Some(ImportJob::new(file.clone(), Doer::Page(None))));
        spawn_local(async move {
            let step = match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await {
                Err(e) => ImportStep::Failed(format!("{name} could not be read: {e}")),
                Ok(bytes) => match prepare_import(store.as_ref(), &bytes).await {
                    Ok(prepared) => {
                        let preview = prepared.preview.clone();
                        self.import_job.update_value(|job| {
                            if let Some(job) = job {
                                job.by = Doer::Page(Some(Rc::new(prepared)));
                            }
                        });
                        ImportStep::Preview { file: name, preview }
                    }
                    Err(ImportError::Invalid(problems)) => ImportStep::Invalid { file: name, problems },
                    Err(ImportError::Store(e)) => ImportStep::Failed(e.to_string()),
                },
            };
            self.import.set(step);
        });
    }

    /// Starts the import workers ahead of a file, once the catalogue is open (their code
    /// would compete with reading it) and when no import is under way: the data page does
    /// when it opens, so that an import starts at once.
    pub fn prepare_import(self) {
        let idle = self.import_job.with_value(Option::is_none) && self.import_workers.with_value(Option::is_none);
        if idle && !untrack(|| self.opening()) && self.store().is_some_and(|s| matches!(s.as_ref(), Store::Idb(_))) {
            self.import_workers.set_value(ImportWorker::start().ok());
        }
    }

    /// Ends the workers [`AppState::prepare_import`] started if no file came for them.
    pub fn unprepare_import(self) {
        self.import_workers.set_value(None);
    }

    fn on_worker_reply(self, reply: Reply) {
        let file = match self.import.get_untracked() {
            ImportStep::Working { file, .. } | ImportStep::Preview { file, .. } => file,
            // Cancelled meanwhile: whatever it still says is of no interest.
            _ => return,
        };
        match reply {
            Reply::Ready => {}
            Reply::Progress(progress) => self.import.set(ImportStep::Working { file, progress }),
            Reply::Checked { preview } => self.import.set(ImportStep::Preview { file, preview }),
            Reply::Invalid { problems } => self.end_import(ImportStep::Invalid { file, problems }),
            Reply::Failed { message } => self.end_import(ImportStep::Failed(message)),
            Reply::Written => self.imported(),
        }
    }

    /// The new catalogue is committed: the import is done and the other tabs are told.
    /// The catalogue is then read back the way it is at start, its list first.
    fn imported(self) {
        // What is stored now is the file's: nothing here is left to export.
        self.nothing_unexported();
        self.end_import(ImportStep::Done(
            self.import_job.with_value(|job| job.as_ref().map(|j| j.done.clone()).unwrap_or_default()),
        ));
        crate::platform::broadcast_change();
        spawn_local(async move {
            // Reading it back also clears the catalogue it replaced (`Store::clear_abandoned`).
            if let Err(e) = self.show_stored().await {
                self.notice
                    .set(Some(format!("The import was saved, but reading it back failed: {e}. Reload the page.")));
            }
        });
    }

    /// Ends the import with `step`, ending its worker after the reply being handled;
    /// unless it was written, what it wrote beside the catalogue goes too.
    fn end_import(self, step: ImportStep) {
        let written = matches!(step, ImportStep::Done(_));
        self.import.set(step);
        spawn_local(async move {
            self.import_job.set_value(None);
            if !written {
                self.clear_unused().await;
            }
        });
    }

    /// Replaces the stored catalogue with the checked file, in one transaction.
    pub fn confirm_import(self) {
        if untrack(|| self.opening()) {
            return;
        }
        let ImportStep::Preview { file, preview } = self.import.get_untracked() else { return };
        let total: usize = preview.kinds.iter().map(|k| k.added.len() + k.changed.len() + k.unchanged).sum();
        self.import.set(ImportStep::Working { file, progress: Progress::Writing { done: 0, total: total as u64 } });
        let done = format!(
            "Imported: {} added, {} changed, {} removed.",
            preview.added(),
            preview.changed(),
            preview.removed()
        );
        let (worker_asked, prepared) = self.import_job.with_value(|job| match job {
            Some(ImportJob { by: Doer::Worker(worker), .. }) => (Some(worker.write()), None),
            Some(ImportJob { by: Doer::Page(prepared), .. }) => (None, prepared.clone()),
            None => (None, None),
        });
        self.import_job.update_value(|job| {
            if let Some(job) = job {
                job.done = done;
            }
        });
        match (worker_asked, prepared) {
            (Some(Ok(())), _) => {}
            (Some(Err(why)), _) => self.end_import(ImportStep::Failed(why)),
            (None, Some(prepared)) => spawn_local(async move {
                match self.commit_import(&prepared).await {
                    Ok(()) => self.imported(),
                    Err(e) => self.end_import(ImportStep::Failed(e.to_string())),
                }
            }),
            (None, None) => {
                self.end_import(ImportStep::Failed("there is no checked file to write; choose the file again".into()))
            }
        }
    }

    /// Whether cancelling still leaves everything as it was: not once the database is
    /// committing the new catalogue.
    pub fn import_cancellable(self) -> bool {
        self.import.with(cancellable)
    }

    /// Stops the import; nothing it did is kept (an uncommitted write is aborted).
    pub fn cancel_import(self) {
        if !self.import.with_untracked(cancellable) {
            return;
        }
        let file = match self.import.get_untracked() {
            ImportStep::Working { file, .. } | ImportStep::Preview { file, .. } => file,
            _ => return,
        };
        self.import_job.set_value(None);
        self.import.set(ImportStep::Cancelled(format!("The import of {file} was cancelled; nothing was changed.")));
        // The file's records, if they were written beside the catalogue already.
        spawn_local(self.clear_unused());
    }

    /// Forgets a finished or waiting import (another file was chosen): a cancel when it
    /// was still under way.
    pub fn dismiss_import(self) {
        if matches!(self.import.get_untracked(), ImportStep::Working { .. } | ImportStep::Preview { .. }) {
            self.cancel_import();
        }
        if self.import_job.with_value(Option::is_none) {
            self.import.set(ImportStep::Idle);
        }
    }

    /// Merges the checked file into the local data instead of replacing it (three-way,
    /// on the merge page). The merge runs here: files merged are published catalogues,
    /// not bulk loads.
    pub async fn merge_import(self) -> Result<(), String> {
        if untrack(|| self.opening()) {
            return Err("the catalogue is still opening; merge once it is".into());
        }
        let Some(file) = self.import_job.with_value(|job| job.as_ref().map(|j| j.file.clone())) else {
            return Err("there is no checked file to merge; choose the file again".into());
        };
        let name = file.name();
        let bytes = gloo_file::futures::read_as_bytes(&gloo_file::File::from(file))
            .await
            .map_err(|e| format!("{name} could not be read: {e}"))?;
        let theirs = catalogue_core::parse_bytes(&bytes)
            .map_err(|problems| format!("{name} cannot be merged: {}", problems[0]))?;
        self.import_job.set_value(None);
        self.import.set(ImportStep::Idle);
        self.merge_in(theirs, name, false).await.map_err(|e| e.to_string())
    }

    async fn clear_unused(self) {
        if let Some(store) = self.store() {
            store.clear_unused().await;
        }
    }

    /// Writes a file checked without a worker, in one transaction.
    async fn commit_import(self, prepared: &PreparedImport) -> Result<(), catalogue_store::StoreError> {
        let store = self.opened_store()?;
        prepared.commit(store.as_ref()).await
    }
}

fn cancellable(step: &ImportStep) -> bool {
    match step {
        ImportStep::Working { progress, .. } => *progress != Progress::Committing,
        ImportStep::Preview { .. } => true,
        _ => false,
    }
}
