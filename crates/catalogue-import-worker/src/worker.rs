use std::cell::RefCell;
use std::rc::Rc;

use catalogue_store::import::{prepare_import_reporting, ImportError, PreparedImport, Progress, Reply, CHECK, WRITE};
use catalogue_store::IdbStore;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read between two progress reports (each read costs a round trip to the file).
const READ_CHUNK: f64 = 16.0 * 1024.0 * 1024.0;
/// The largest file taken: the file, the parsed catalogue and the stored one it is
/// compared with must fit in the worker's 4 GB of WebAssembly memory together.
const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    /// The file checked last, waiting for the page to confirm the write.
    prepared: RefCell<Option<PreparedImport>>,
}

impl Worker {
    fn post(&self, reply: &Reply) {
        let text = serde_json::to_string(reply).expect("replies serialize");
        // Fails only when the page is gone, and then nobody is listening.
        let _ = self.scope.post_message(&JsValue::from_str(&text));
    }

    fn progress(&self, progress: Progress) {
        self.post(&Reply::Progress(progress));
    }

    async fn check(&self, file: File) {
        self.prepared.replace(None);
        let name = file.name();
        let bytes = match self.read(&file) {
            Ok(bytes) => bytes,
            Err(why) => return self.post(&Reply::Failed { message: format!("{name} could not be read: {why}") }),
        };
        let store = match IdbStore::open(|| ()).await {
            Ok(store) => store,
            Err(e) => return self.post(&Reply::Failed { message: e.to_string() }),
        };
        let reply = match prepare_import_reporting(&store, &bytes, |p| self.progress(p)).await {
            Ok(prepared) => {
                let preview = prepared.preview.clone();
                self.prepared.replace(Some(prepared));
                Reply::Checked { preview }
            }
            Err(ImportError::Invalid(problems)) => Reply::Invalid { problems },
            Err(ImportError::Store(e)) => Reply::Failed { message: e.to_string() },
        };
        store.close();
        self.post(&reply);
    }

    /// The whole file, read in slices with a report after each.
    fn read(&self, file: &File) -> Result<Vec<u8>, String> {
        let total = file.size();
        if total > MAX_FILE_BYTES {
            return Err(format!(
                "it is {:.0} MB, and the largest file this app imports is {:.0} MB",
                total / 1e6,
                MAX_FILE_BYTES / 1e6
            ));
        }
        let reader = FileReaderSync::new().map_err(describe)?;
        let mut bytes = Vec::with_capacity(total as usize);
        let mut start = 0.0;
        self.progress(Progress::Reading { done: 0, total: total as u64 });
        while start < total {
            let end = (start + READ_CHUNK).min(total);
            let slice = file.slice_with_f64_and_f64(start, end).map_err(describe)?;
            let buffer = reader.read_as_array_buffer(&slice).map_err(describe)?;
            let chunk = js_sys::Uint8Array::new(&buffer);
            let at = bytes.len();
            bytes.resize(at + chunk.length() as usize, 0);
            chunk.copy_to(&mut bytes[at..]);
            start = end;
            self.progress(Progress::Reading { done: start as u64, total: total as u64 });
        }
        Ok(bytes)
    }

    async fn write(&self) {
        let Some(prepared) = self.prepared.take() else {
            return self
                .post(&Reply::Failed { message: "there is no checked file to write; choose the file again".into() });
        };
        let store = match IdbStore::open(|| ()).await {
            Ok(store) => store,
            Err(e) => return self.post(&Reply::Failed { message: e.to_string() }),
        };
        let written = store
            .replace_reporting(&prepared.encoded, &[], None, |done, total| {
                self.progress(if done < total {
                    Progress::Writing { done: done as u64, total: total as u64 }
                } else {
                    Progress::Committing
                })
            })
            .await;
        store.close();
        self.post(&match written {
            Ok(()) => Reply::Written,
            Err(e) => Reply::Failed { message: e.to_string() },
        });
    }
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
    let worker = Rc::new(Worker { scope: scope.clone(), prepared: RefCell::new(None) });
    let ready = worker.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string());
        let worker = worker.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match request.as_deref() {
                Some(CHECK) => {
                    match js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|f| f.dyn_into::<File>().ok()) {
                        Some(file) => worker.check(file).await,
                        None => worker.post(&Reply::Failed { message: "a check needs a file".into() }),
                    }
                }
                Some(WRITE) => worker.write().await,
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
