//! The page's side of the import workers (`crates/catalogue-import-worker`): starting a
//! checker and a writer, handing both a file, then the writer the checker's digests when
//! the write is confirmed, and ending both.
//! Dropping an [`ImportWorker`] terminates them, which aborts whatever was not committed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use catalogue_store::import::{Reply, CHECK, STAGE, WRITE};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

/// Trunk names a worker's files after its binary, without a content hash.
const LOADER: &str = "catalogue-import-worker_loader.js";

/// One worker with its handlers (kept alive as long as it is).
struct Started {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

pub struct ImportWorker {
    checker: Started,
    writer: Started,
    /// What the two share with the page: the file once given, the readiness of each,
    /// the checker's digests for the writer.
    shared: Rc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// The file to import and who hears the replies (see [`ImportWorker::check`]).
    job: RefCell<Option<(File, Rc<dyn Fn(Reply)>)>>,
    checker_ready: Cell<bool>,
    writer_ready: Cell<bool>,
    write_asked: Cell<bool>,
    digests: RefCell<Option<js_sys::Uint8Array>>,
    /// A worker crashed: told once, to whoever hears the replies, or when a file is given.
    crashed: RefCell<Option<String>>,
    crash_told: Cell<bool>,
}

impl Shared {
    fn tell(&self, reply: Reply) {
        let on_reply = self.job.borrow().as_ref().map(|(_, on_reply)| on_reply.clone());
        if let Some(on_reply) = on_reply {
            on_reply(reply);
        }
    }

    fn file(&self) -> Option<File> {
        self.job.borrow().as_ref().map(|(file, _)| file.clone())
    }

    fn tell_crash(&self) {
        let Some(what) = self.crashed.borrow().clone() else { return };
        if self.job.borrow().is_some() && !self.crash_told.replace(true) {
            self.tell(Reply::Failed {
                message: format!("the import stopped unexpectedly ({what}); nothing was changed"),
            });
        }
    }

    /// Hands the checker the file, once both are there.
    fn check(&self, checker: &Worker) {
        if let Some(file) = self.file().filter(|_| self.checker_ready.get()) {
            if checker.post_message(&request(CHECK, Some(("file", &file)))).is_err() {
                self.tell(Reply::Failed { message: "the file could not be handed to the check".into() });
            }
        }
    }

    /// Hands the writer the file, once both are there, and the word to write if it came.
    fn stage(&self, writer: &Worker) {
        let Some(file) = self.file().filter(|_| self.writer_ready.get()) else { return };
        let ready = writer
            .post_message(&request(STAGE, Some(("file", &file))))
            .map_err(|_| "the file could not be handed to the write".to_string())
            .and_then(|()| match self.write_asked.get() {
                true => self.write(writer),
                false => Ok(()),
            });
        if let Err(why) = ready {
            self.tell(Reply::Failed { message: why });
        }
    }

    fn write(&self, writer: &Worker) -> Result<(), String> {
        let digests = self.digests.borrow().clone().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        writer
            .post_message(&request(WRITE, Some(("digests", &digests))))
            .map_err(|e| format!("the import could not continue: {e:?}"))
    }
}

fn request(name: &str, field: Option<(&str, &JsValue)>) -> JsValue {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &name.into());
    if let Some((key, value)) = field {
        let _ = js_sys::Reflect::set(&message, &key.into(), value);
    }
    message.into()
}

/// Starts a worker; `on_ready` runs once it can be talked to, `on_message` hears
/// every other reply with the message it came in, and a crash (e.g. out of memory),
/// which ends a worker without a reply, becomes `Reply::Failed`.
fn start(
    on_ready: impl Fn(&Worker) + 'static,
    on_message: impl Fn(Reply, &JsValue, &Worker) + 'static,
    crashed: Rc<dyn Fn(String)>,
) -> Result<Started, String> {
    let worker =
        Worker::new(&crate::platform::site_url(LOADER)).map_err(|e| format!("the import could not start: {e:?}"))?;
    let talking_to = worker.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let reply = js_sys::Reflect::get(&data, &"reply".into())
            .ok()
            .and_then(|text| text.as_string())
            .and_then(|text| serde_json::from_str::<Reply>(&text).ok());
        match reply {
            Some(Reply::Ready) => on_ready(&talking_to),
            Some(reply) => on_message(reply, &data, &talking_to),
            None => on_message(
                Reply::Failed { message: "the import answered something unexpected".into() },
                &data,
                &talking_to,
            ),
        }
    });
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
        event.prevent_default();
        crashed(event.message());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Started { worker, _on_message: on_message, _on_error: on_error })
}

impl ImportWorker {
    /// Starts a checker and a writer, which wait for a file: started before the reader
    /// chooses one (when the data page opens), an import does not wait for their code to
    /// be fetched and compiled.
    pub fn start() -> Result<ImportWorker, String> {
        let shared = Rc::new(Shared::default());
        let crashed: Rc<dyn Fn(String)> = Rc::new({
            let shared = shared.clone();
            move |what| {
                shared.crashed.borrow_mut().get_or_insert(what);
                shared.tell_crash();
            }
        });
        let checker = start(
            {
                let shared = shared.clone();
                move |worker| {
                    shared.checker_ready.set(true);
                    shared.check(worker);
                }
            },
            {
                let shared = shared.clone();
                move |reply, data, checker| {
                    if let Reply::Checked { .. } = reply {
                        shared.digests.replace(
                            js_sys::Reflect::get(data, &"digests".into()).ok().and_then(|d| d.dyn_into().ok()),
                        );
                        // Its work is done: what it holds of the file goes with it.
                        checker.terminate();
                    }
                    shared.tell(reply)
                }
            },
            crashed.clone(),
        )?;
        let writer = start(
            {
                let shared = shared.clone();
                move |worker| {
                    shared.writer_ready.set(true);
                    shared.stage(worker);
                }
            },
            {
                let shared = shared.clone();
                move |reply, _, _| shared.tell(reply)
            },
            crashed,
        )?;
        Ok(ImportWorker { checker, writer, shared })
    }

    /// Has the checker check `file` and the writer write it beside the catalogue (each
    /// as soon as it is ready); `on_reply` hears everything they say. A pair of workers
    /// takes one file.
    pub fn check(&self, file: File, on_reply: impl Fn(Reply) + 'static) {
        self.shared.job.replace(Some((file, Rc::new(on_reply))));
        self.shared.tell_crash();
        self.shared.check(&self.checker.worker);
        self.shared.stage(&self.writer.worker);
    }

    /// Has the writer write the file the checker checked (as soon as it is ready).
    pub fn write(&self) -> Result<(), String> {
        self.shared.write_asked.set(true);
        if self.shared.writer_ready.get() {
            self.shared.write(&self.writer.worker)?;
        }
        Ok(())
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.checker.worker.terminate();
        self.writer.worker.terminate();
    }
}
