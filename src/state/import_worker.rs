//! The page's side of the import worker (`crates/catalogue-import-worker`): starting it,
//! handing it the file once it is ready, and ending it. Dropping an [`ImportWorker`]
//! terminates the worker, which aborts whatever it had not committed.

use std::cell::Cell;
use std::rc::Rc;

use catalogue_store::import::{Reply, CHECK, WRITE};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

/// Trunk names a worker's files after its binary, without a content hash.
const LOADER: &str = "catalogue-import-worker_loader.js";

pub struct ImportWorker {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

fn request(name: &str, file: Option<&File>) -> JsValue {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &name.into());
    if let Some(file) = file {
        let _ = js_sys::Reflect::set(&message, &"file".into(), file);
    }
    message.into()
}

impl ImportWorker {
    /// Starts a worker and has it check `file`; `on_reply` hears everything it says after
    /// it is ready (a worker that fails to load or crashes says `Reply::Failed`).
    pub fn check(file: File, on_reply: impl Fn(Reply) + 'static) -> Result<ImportWorker, String> {
        let worker = Worker::new(&crate::platform::site_url(LOADER))
            .map_err(|e| format!("the import could not start: {e:?}"))?;
        let on_reply = Rc::new(on_reply);
        let talking_to = worker.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new({
            let on_reply = on_reply.clone();
            move |event: MessageEvent| {
                let reply = event.data().as_string().and_then(|text| serde_json::from_str::<Reply>(&text).ok());
                match reply {
                    Some(Reply::Ready) => {
                        if talking_to.post_message(&request(CHECK, Some(&file))).is_err() {
                            on_reply(Reply::Failed { message: "the file could not be handed to the import".into() });
                        }
                    }
                    Some(reply) => on_reply(reply),
                    None => on_reply(Reply::Failed { message: "the import answered something unexpected".into() }),
                }
            }
        });
        // A crash (e.g. out of memory) ends the worker without a reply: say so once.
        let reported = Cell::new(false);
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if !reported.replace(true) {
                on_reply(Reply::Failed {
                    message: format!("the import stopped unexpectedly ({}); nothing was changed", event.message()),
                });
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Has the worker write the file it checked.
    pub fn write(&self) -> Result<(), String> {
        self.worker.post_message(&request(WRITE, None)).map_err(|e| format!("the import could not continue: {e:?}"))
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
