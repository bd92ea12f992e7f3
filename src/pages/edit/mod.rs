//! Creating, editing and deleting a record of any kind.
//!
//! The form edits the record's JSON value. What is typed is kept as a draft in the
//! browser's local storage on every change, with the version it started from, so a
//! reload or a crash loses nothing. Saving checks that the stored record is still that
//! version; if someone saved meanwhile (another tab), the two edits are merged field by
//! field and any field both changed is shown for the person to choose.

use catalogue_core::edit::{self, Conflict};
use catalogue_core::model::RecordKind;
use catalogue_store::Write;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde_json::Value;

use crate::forms::fields::{dom_id, render, FormCtx};
use crate::forms::spec;
use crate::links;
use crate::platform;
use crate::state::AppState;
use delete::delete_panel;
use draft::{forget, Draft};
use save::{save_action, Saving};

mod delete;
mod draft;
mod save;

/// The kind whose collection name is in the URL (`services`).
pub fn kind_of(collection: &str) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(|k| k.collection() == collection)
}

fn revision(v: &Value) -> Option<u64> {
    v.get("revision").and_then(Value::as_u64)
}

/// The record as it will be stored: next revision, time of the save.
fn stamped(mut value: Value, base: Option<&Value>) -> Value {
    value["revision"] = Value::from(base.and_then(revision).map_or(1, |r| r + 1));
    value["updated_at"] = Value::String(platform::now().to_string());
    value
}

#[component]
pub fn EditPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    // The editor is built once the catalogue is there, and again only for another record:
    // a save in another tab reloads the catalogue but must not reset what is being typed.
    let target = Memo::new(move |_| params.with(|p| (p.get("kind").unwrap_or_default(), p.get("id"))));
    let ready = Memo::new(move |_| state.catalogue.with(|c| c.is_some()));
    // The record is edited whole, as stored: the catalogue in memory may hold it without
    // some of its texts (see `Loaded`).
    let stored = LocalResource::new(move || {
        let target = target.get();
        let ready = ready.get();
        async move {
            let read = match (ready, kind_of(&target.0), target.1.as_deref()) {
                (true, Some(kind), Some(id)) => state.record(kind, id).await.map_err(|e| e.to_string()),
                _ => Ok(None),
            };
            (target, read)
        }
    });
    move || {
        if !ready.get() {
            return None;
        }
        let (collection, id) = target.get();
        // What was read for the record asked for, once it is read.
        let read = stored.get().filter(|(read_for, _)| *read_for == (collection.clone(), id.clone()))?.1;
        Some(match (kind_of(&collection), read) {
            (Some(kind), Ok(stored)) => editor(state, kind, id, stored).into_any(),
            (Some(_), Err(why)) => view! {
                <p class="notice warning" role="alert">{format!("This record could not be read: {why}. Reload the page to try again.")}</p>
            }
            .into_any(),
            (None, _) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
        })
    }
}

fn editor(state: AppState, kind: RecordKind, id: Option<String>, stored: Option<Value>) -> impl IntoView {
    if id.is_some() && stored.is_none() {
        return crate::components::records::not_found(kind, id.as_deref().unwrap_or_default()).into_any();
    }
    let is_new = id.is_none();
    let draft = Draft::open(kind, id.as_deref(), stored);
    let value = draft.value;
    let id_edited = RwSignal::new(!is_new || value.with_untracked(|v| v.get("id").is_some()));
    if is_new {
        follow_name_with_id(state, kind, value, id_edited);
    }
    // Only now: the id proposed as the editor opens is not typing, and keeps no draft.
    let dirty = draft.keep();

    let problems = Memo::new(move |_| {
        let v = value.get();
        state.catalogue.with(|c| match c {
            Some(l) => edit::check_record(
                &l.cat,
                kind,
                if is_new { None } else { v.get("id").and_then(Value::as_str) },
                &stamped(v.clone(), None),
            ),
            None => Vec::new(),
        })
    });
    let cx = FormCtx { value, problems };
    let saving = Saving::new();
    let Saving { busy: saving_now, message, conflicts } = saving;
    let save = save_action(state, kind, is_new, &draft, problems, saving);

    let discard = {
        let key = draft.key.clone();
        let pristine = draft.pristine;
        let navigate = use_navigate();
        let id = id.clone();
        move |_| {
            forget(&key, pristine, value);
            value.set(pristine.get_value());
            let to = match &id {
                Some(id) => links::href(kind, id),
                None => "/".to_owned(),
            };
            navigate(&to, Default::default());
        }
    };

    let title = move || {
        let name = value.with(|v| v.get(spec::name_key(kind)).and_then(Value::as_str).unwrap_or_default().to_owned());
        match (is_new, name.is_empty()) {
            (true, true) => format!("New {}", kind.label()),
            (true, false) => format!("New {}: {name}", kind.label()),
            (false, _) => format!("Edit {}: {name}", kind.label()),
        }
    };

    view! {
        <article class="editor" aria-labelledby="record-title">
            <header class="record-header">
                <p class="kind">{if is_new { "New record" } else { "Editing" }}</p>
                <h1 id="record-title">{title}</h1>
                {id.clone().map(|id| view! {
                    <p class="record-actions">
                        <a href=links::at(links::href(kind, &id))>"View"</a>
                        <a href=links::at(format!("/history/{}/{id}", kind.collection()))>"History"</a>
                    </p>
                })}
            </header>
            {draft.restored.map(|at| view! {
                <p class="notice" role="status">{format!("Your unsaved changes from {} were restored.", short_time(&at))}</p>
            })}
            {move || message.get().map(|m| view! { <p class="notice warning" role="alert">{m}</p> })}
            {move || (!conflicts.with(Vec::is_empty)).then(|| conflict_panel(conflicts, value))}
            <form class="record-form" on:submit={
                let save = save.clone();
                move |ev: web_sys::SubmitEvent| { ev.prevent_default(); save(); }
            }>
                {is_new.then(|| id_field(kind, cx, id_edited))}
                {render(spec::fields(kind), String::new(), cx)}
                {move || {
                    let whole: Vec<String> = problems.with(|ps| ps.iter().map(|p| if p.path.is_empty() { p.message.clone() } else { format!("{}: {}", p.path, p.message) }).collect());
                    (!whole.is_empty()).then(|| view! {
                        <div class="form-problems" role="status">
                            <p>{format!("{} problem{} to fix before saving:", whole.len(), if whole.len() == 1 { "" } else { "s" })}</p>
                            <ul>{problems.get().into_iter().map(|p| view! {
                                <li><a href=format!("#{}", dom_id(&p.path))>{if p.path.is_empty() { "record".to_owned() } else { p.path.clone() }}</a>": "{p.message}</li>
                            }).collect_view()}</ul>
                        </div>
                    })
                }}
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || saving_now.get() || !dirty.get() || !problems.with(Vec::is_empty) || !conflicts.with(Vec::is_empty)>
                        {move || if saving_now.get() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" class="secondary" on:click=discard>{if is_new { "Discard" } else { "Discard changes" }}</button>
                    {move || dirty.get().then(|| view! { <span class="draft-state" role="status">"Draft kept in this browser"</span> })}
                </div>
            </form>
            {(kind == RecordKind::Service).then(|| id.clone().map(|id| duplicate_button(state, id))).flatten()}
            {id.map(|id| delete_panel(state, kind, id, draft.key))}
        </article>
    }
    .into_any()
}

/// A new record's id follows its name until the id is edited by hand.
fn follow_name_with_id(state: AppState, kind: RecordKind, value: RwSignal<Value>, id_edited: RwSignal<bool>) {
    Effect::new(move |_| {
        let name = value.with(|v| v.get(spec::name_key(kind)).and_then(Value::as_str).unwrap_or_default().to_owned());
        if !id_edited.get() {
            let proposed = state.catalogue.with_untracked(|c| {
                let cat = c.as_ref().map(|l| &l.cat);
                edit::propose_id(&name, |id| cat.is_some_and(|cat| cat.record_revision(kind, id).is_some()))
            });
            if value.with_untracked(|v| v.get("id").and_then(Value::as_str) != Some(&proposed)) {
                value.update(|v| v["id"] = Value::String(proposed));
            }
        }
    });
}

fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).map(|s| s.replace('T', " ")).unwrap_or_default() + " UTC"
}

fn id_field(kind: RecordKind, cx: FormCtx, id_edited: RwSignal<bool>) -> impl IntoView {
    let id = move || cx.value.with(|v| v.get("id").and_then(Value::as_str).unwrap_or_default().to_owned());
    let errors = move || {
        cx.problems
            .with(|ps| ps.iter().filter(|p| p.path == "id").map(|p| p.message.clone()).collect::<Vec<_>>().join("; "))
    };
    view! {
        <div class="field" class:invalid=move || !errors().is_empty()>
            <label for="f-id">"Id *"</label>
            <input id="f-id" type="text" prop:value=id on:input=move |ev| {
                id_edited.set(true);
                let s = event_target_value(&ev);
                cx.value.update(|v| v["id"] = Value::String(s));
            }/>
            <p class="help">{format!("Proposed from the name; the {}'s address, fixed once saved.", kind.label())}</p>
            {move || { let e = errors(); (!e.is_empty()).then(|| view! { <p class="field-error">{e}</p> }) }}
        </div>
    }
}

fn show_value(v: &Option<Value>) -> String {
    match v {
        None => "(empty)".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn conflict_panel(conflicts: RwSignal<Vec<Conflict>>, value: RwSignal<Value>) -> impl IntoView {
    view! {
        <section class="conflicts" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">"Changed on both sides"</h2>
            {move || conflicts.get().into_iter().map(|c| {
                let (mine, theirs) = (c.clone(), c.clone());
                view! {
                    <div class="conflict" role="group" aria-label=format!("Conflict in {}", c.field)>
                        <h3><code>{c.field.clone()}</code></h3>
                        <div class="sides">
                            <div><h4>"Yours"</h4><pre>{show_value(&c.mine)}</pre>
                                <button type="button" on:click=move |_| {
                                    value.update(|v| edit::resolve(v, &mine, true));
                                    conflicts.update(|cs| cs.retain(|x| x.field != mine.field));
                                }>"Keep yours"</button></div>
                            <div><h4>"Theirs (saved)"</h4><pre>{show_value(&c.theirs)}</pre>
                                <button type="button" on:click=move |_| {
                                    value.update(|v| edit::resolve(v, &theirs, false));
                                    conflicts.update(|cs| cs.retain(|x| x.field != theirs.field));
                                }>"Keep theirs"</button></div>
                        </div>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// Copies the service and its offerings as new records and opens the copy's editor.
fn duplicate_button(state: AppState, id: String) -> impl IntoView {
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let duplicate = move |_| {
        let navigate = navigate.clone();
        let copies = state
            .catalogue
            .with_untracked(|c| c.as_ref().and_then(|l| edit::duplicate_service(&l.cat, &id)))
            .unwrap_or_default();
        spawn_local(async move {
            let now = Value::String(platform::now().to_string());
            let new_id = copies.first().and_then(|(_, v)| v["id"].as_str()).unwrap_or_default().to_owned();
            let writes = copies
                .into_iter()
                .map(|(kind, mut v)| {
                    v["updated_at"] = now.clone();
                    Write { kind, id: v["id"].as_str().unwrap_or_default().to_owned(), expected: None, record: Some(v) }
                })
                .collect();
            match state.save(writes).await {
                Ok(()) => navigate(&format!("/edit/services/{new_id}"), Default::default()),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="duplicate" aria-labelledby="duplicate-title">
            <h2 id="duplicate-title">"Duplicate"</h2>
            <p class="help">"A copy of this service in the pipeline, with copies of its offerings, to edit into a new service."</p>
            <button type="button" class="secondary" on:click=duplicate>"Duplicate with its offerings"</button>
            {move || error.get().map(|e| view! { <p class="notice warning" role="alert">{e}</p> })}
        </section>
    }
}
