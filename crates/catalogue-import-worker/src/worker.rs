use std::cell::{Cell, RefCell};
use std::rc::Rc;

use catalogue_core::digest::Digests;
use catalogue_store::import::{prepare_import_reporting, ImportError, Progress, Reply, CHECK, STAGE, WRITE};
use catalogue_store::{IdbStore, Replacement, Staged, StoreError};
use futures_channel::oneshot;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read between two progress reports (each read costs a round trip to the file).
const READ_CHUNK: f64 = 16.0 * 1024.0 * 1024.0;
/// The largest file taken: the file, the parsed catalogue and the stored one it is
/// compared with must fit in the worker's 4 GB of WebAssembly memory together.
const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// A file ready to be written on the page's word.
enum Prepared {
    /// Its records written beside the catalogue, to become it (`IdbStore::commit_staged`).
    Staged(Staged),
    /// Without room for two copies of the records: the file, to be written in place of
    /// the catalogue's records.
    InPlace(Replacement),
}

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    /// The writer's file being written beside the catalogue: what it comes to, for the
    /// write to wait for.
    staged: RefCell<Option<oneshot::Receiver<Result<Prepared, String>>>>,
    /// Records staged so far, and of how many.
    staging: Cell<(usize, usize)>,
    /// Whether the page confirmed the write: from then on the staging reports its progress.
    write_asked: Cell<bool>,
}

impl Worker {
    fn post(&self, reply: &Reply) {
        self.post_attached(reply, None);
    }

    /// Posts `{reply, <name>: bytes}`, handing the bytes' buffer over (it is no longer
    /// usable here).
    fn post_attached(&self, reply: &Reply, attached: Option<(&str, &js_sys::Uint8Array)>) {
        let message = js_sys::Object::new();
        let text = serde_json::to_string(reply).expect("replies serialize");
        let _ = js_sys::Reflect::set(&message, &"reply".into(), &text.into());
        let transfer = js_sys::Array::new();
        if let Some((name, bytes)) = attached {
            let _ = js_sys::Reflect::set(&message, &name.into(), bytes);
            transfer.push(&bytes.buffer());
        }
        // Fails only when the page is gone, and then nobody is listening.
        let _ = self.scope.post_message_with_transfer(&message, &transfer);
    }

    fn progress(&self, progress: Progress) {
        self.post(&Reply::Progress(progress));
    }

    async fn check(&self, file: File) {
        let name = file.name();
        let bytes = match read(&file, |p| self.progress(p)) {
            Ok(bytes) => bytes,
            Err(why) => return self.post(&Reply::Failed { message: format!("{name} could not be read: {why}") }),
        };
        let store = match IdbStore::open(|| ()).await {
            Ok(store) => store,
            Err(e) => return self.post(&Reply::Failed { message: e.to_string() }),
        };
        let checked = prepare_import_reporting(&store, &bytes, |p| self.progress(p)).await;
        store.close();
        match checked {
            Ok(prepared) => {
                let digests = js_sys::Uint8Array::from(prepared.digests.to_bytes().as_slice());
                self.post_attached(&Reply::Checked { preview: prepared.preview }, Some(("digests", &digests)))
            }
            Err(ImportError::Invalid(problems)) => self.post(&Reply::Invalid { problems }),
            Err(ImportError::Store(e)) => self.post(&Reply::Failed { message: e.to_string() }),
        }
    }

    /// Reads the file and writes its records beside the catalogue (see `IdbStore::stage`;
    /// they are parsed by `JSON.parse` a batch at a time as they are put) while the
    /// checker checks it and the reader looks at the preview. The catalogue does not
    /// change until the write commits them. The file is read here as well as by the
    /// checker: the write, the longer of the two, starts without waiting for its read.
    async fn stage(&self, file: File) {
        let (done, outcome) = oneshot::channel();
        self.staged.replace(Some(outcome));
        let text = read(&file, |_| ()).and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()));
        let staged = match text.and_then(|text| Replacement::file(text).map_err(|e| e.to_string())) {
            Ok(new) => self.stage_records(new).await,
            Err(why) => Err(format!("the file could not be read: {why}")),
        };
        // Nobody waits when the page cancelled.
        let _ = done.send(staged);
    }

    async fn stage_records(&self, new: Replacement) -> Result<Prepared, String> {
        let store = IdbStore::open(|| ()).await.map_err(|e| e.to_string())?;
        let staged = store
            .stage(&new, |done, total| {
                self.staging.set((done, total));
                if self.write_asked.get() {
                    self.progress(Progress::Writing { done: done as u64, total: total as u64 });
                }
            })
            .await;
        store.close();
        match staged {
            Ok(staged) => Ok(Prepared::Staged(staged)),
            Err(StoreError::QuotaExceeded) => Ok(Prepared::InPlace(new)),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Makes the staged records the catalogue, once they are all written (or, without
    /// room for them beside it, writes the file in place of the catalogue).
    async fn write(&self, digests: Option<js_sys::Uint8Array>) {
        self.write_asked.set(true);
        let Some(outcome) = self.staged.take() else {
            return self
                .post(&Reply::Failed { message: "there is no checked file to write; choose the file again".into() });
        };
        let (done, total) = self.staging.get();
        if done < total {
            self.progress(Progress::Writing { done: done as u64, total: total as u64 });
        }
        let prepared = match outcome.await {
            Ok(Ok(prepared)) => prepared,
            Ok(Err(why)) => return self.post(&Reply::Failed { message: why }),
            Err(oneshot::Canceled) => {
                return self.post(&Reply::Failed { message: "the write stopped before it was done".into() })
            }
        };
        let Some(digests) = digests.and_then(|bytes| Digests::from_bytes(&bytes.to_vec()).ok()) else {
            return self.post(&Reply::Failed { message: "the check of the file did not come with it".into() });
        };
        let store = match IdbStore::open(|| ()).await {
            Ok(store) => store,
            Err(e) => return self.post(&Reply::Failed { message: e.to_string() }),
        };
        let written = match prepared {
            Prepared::Staged(staged) => {
                self.progress(Progress::Committing);
                store.commit_staged(&staged, &digests).await
            }
            Prepared::InPlace(new) => {
                store
                    .replace_reporting(new, &digests, &[], None, |done, total| {
                        self.progress(if done < total {
                            Progress::Writing { done: done as u64, total: total as u64 }
                        } else {
                            Progress::Committing
                        })
                    })
                    .await
            }
        };
        store.close();
        self.post(&match written {
            Ok(()) => Reply::Written,
            Err(e) => Reply::Failed { message: e.to_string() },
        });
    }
}

/// The whole file, read in slices, with `progress` told after each.
fn read(file: &File, progress: impl Fn(Progress)) -> Result<Vec<u8>, String> {
    let total = file.size();
    if total > MAX_FILE_BYTES {
        return Err(format!(
            "it is {:.0} MB, and the largest file this app imports is {:.0} MB",
            total / 1e6,
            MAX_FILE_BYTES / 1e6
        ));
    }
    let reader = FileReaderSync::new().map_err(describe)?;
    let mut whole = vec![0; total as usize];
    let mut start = 0.0;
    progress(Progress::Reading { done: 0, total: total as u64 });
    while start < total {
        let end = (start + READ_CHUNK).min(total);
        let slice = file.slice_with_f64_and_f64(start, end).map_err(describe)?;
        let buffer = reader.read_as_array_buffer(&slice).map_err(describe)?;
        js_sys::Uint8Array::new(&buffer).copy_to(&mut whole[start as usize..end as usize]);
        start = end;
        progress(Progress::Reading { done: start as u64, total: total as u64 });
    }
    Ok(whole)
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        staged: RefCell::new(None),
        staging: Cell::new((0, 0)),
        write_asked: Cell::new(false),
    });
    let ready = worker.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string());
        let worker = worker.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let attached = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
            match request.as_deref() {
                Some(CHECK) => match attached("file").and_then(|f| f.dyn_into::<File>().ok()) {
                    Some(file) => worker.check(file).await,
                    None => worker.post(&Reply::Failed { message: "a check needs a file".into() }),
                },
                Some(STAGE) => match attached("file").and_then(|f| f.dyn_into::<File>().ok()) {
                    Some(file) => worker.stage(file).await,
                    None => worker.post(&Reply::Failed { message: "staging needs a file".into() }),
                },
                Some(WRITE) => {
                    let digests = attached("digests").and_then(|d| d.dyn_into().ok());
                    worker.write(digests).await
                }
                other => worker.post(&Reply::Failed { message: format!("unknown request {other:?}") }),
            }
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the module loaded and this handler was set are lost: the page
    // waits for this before sending anything.
    ready.post(&Reply::Ready);
}
