//! The page's side of the import workers (`crates/catalogue-import-worker`): starting the
//! checker and the writer of a file, handing both the file, then the writer the checker's
//! digests when the write is confirmed, and ending both.
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
    /// What the writer needs to write: its readiness, the checker's digests, and whether
    /// the write was asked for before it was ready.
    handover: Rc<Handover>,
}

#[derive(Default)]
struct Handover {
    writer_ready: Cell<bool>,
    write_asked: Cell<bool>,
    digests: RefCell<Option<js_sys::Uint8Array>>,
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
    /// Starts the checker and the writer of `file` and has them check it and write it
    /// beside the catalogue;
    /// `on_reply` hears everything they say after they are ready.
    pub fn check(file: File, on_reply: impl Fn(Reply) + 'static) -> Result<ImportWorker, String> {
        let on_reply: Rc<dyn Fn(Reply)> = Rc::new(on_reply);
        let handover = Rc::new(Handover::default());
        // Said once, whichever worker crashed.
        let reported = Rc::new(Cell::new(false));
        let crashed: Rc<dyn Fn(String)> = Rc::new({
            let on_reply = on_reply.clone();
            move |what| {
                if !reported.replace(true) {
                    on_reply(Reply::Failed {
                        message: format!("the import stopped unexpectedly ({what}); nothing was changed"),
                    });
                }
            }
        });
        let checker = start(
            {
                let (on_reply, file) = (on_reply.clone(), file.clone());
                move |worker| {
                    if worker.post_message(&request(CHECK, Some(("file", &file)))).is_err() {
                        on_reply(Reply::Failed { message: "the file could not be handed to the check".into() });
                    }
                }
            },
            {
                let (handover, on_reply) = (handover.clone(), on_reply.clone());
                move |reply, data, checker| {
                    let attached =
                        |name: &str| js_sys::Reflect::get(data, &name.into()).ok().and_then(|d| d.dyn_into().ok());
                    match reply {
                        Reply::Checked { .. } => {
                            handover.digests.replace(attached("digests"));
                            // Its work is done: what it holds of the file goes with it.
                            checker.terminate();
                            on_reply(reply)
                        }
                        reply => on_reply(reply),
                    }
                }
            },
            crashed.clone(),
        )?;
        let writer = start(
            {
                let (handover, on_reply) = (handover.clone(), on_reply.clone());
                move |worker| {
                    handover.writer_ready.set(true);
                    let ready = worker
                        .post_message(&request(STAGE, Some(("file", &file))))
                        .map_err(|_| "the file could not be handed to the write".to_string())
                        .and_then(|()| match handover.write_asked.get() {
                            true => write(worker, &handover),
                            false => Ok(()),
                        });
                    if let Err(why) = ready {
                        on_reply(Reply::Failed { message: why });
                    }
                }
            },
            move |reply, _, _| on_reply(reply),
            crashed,
        )?;
        Ok(ImportWorker { checker, writer, handover })
    }

    /// Has the writer write the file the checker checked (as soon as it is ready).
    pub fn write(&self) -> Result<(), String> {
        self.handover.write_asked.set(true);
        if self.handover.writer_ready.get() {
            write(&self.writer.worker, &self.handover)?;
        }
        Ok(())
    }
}

fn write(writer: &Worker, handover: &Handover) -> Result<(), String> {
    let digests = handover.digests.borrow().clone().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    writer
        .post_message(&request(WRITE, Some(("digests", &digests))))
        .map_err(|e| format!("the import could not continue: {e:?}"))
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.checker.worker.terminate();
        self.writer.worker.terminate();
    }
}
