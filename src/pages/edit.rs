//! Creating, editing and deleting a record of any kind.
//!
//! The form edits the record's JSON value. What is typed is kept as a draft in the
//! browser's local storage on every change, with the version it started from, so a
//! reload or a crash loses nothing. Saving checks that the stored record is still that
//! version; if someone saved meanwhile (another tab), the two edits are merged field by
//! field and any field both changed is shown for the person to choose.

use catalogue_core::edit::{self, Conflict, DeleteBlocked, DeletePlan};
use catalogue_core::model::RecordKind;
use catalogue_store::{StoreError, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::forms::fields::{dom_id, render, FormCtx};
use crate::forms::spec;
use crate::links;
use crate::platform;
use crate::state::AppState;

/// The kind whose collection name is in the URL (`services`).
pub fn kind_of(collection: &str) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(|k| k.collection() == collection)
}

/// An unsaved edit, as kept in local storage.
#[derive(Serialize, Deserialize)]
struct Draft {
    /// The stored version the edit started from; `None` for a new record.
    base: Option<Value>,
    value: Value,
    saved_at: String,
}

fn draft_key(kind: RecordKind, id: Option<&str>) -> String {
    format!("draft:{}/{}", kind.collection(), id.unwrap_or("+new"))
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
    move || {
        if !ready.get() {
            return None;
        }
        let (collection, id) = target.get();
        Some(match kind_of(&collection) {
            Some(kind) => editor(state, kind, id).into_any(),
            None => view! { <crate::pages::not_found::NotFound/> }.into_any(),
        })
    }
}

fn editor(state: AppState, kind: RecordKind, id: Option<String>) -> impl IntoView {
    let stored = state
        .catalogue
        .with_untracked(|c| c.as_ref().and_then(|l| id.as_deref().and_then(|id| l.cat.record_value(kind, id))));
    if id.is_some() && stored.is_none() {
        return crate::components::records::not_found(kind, id.as_deref().unwrap_or_default()).into_any();
    }
    let is_new = id.is_none();
    let key = draft_key(kind, id.as_deref());
    let draft: Option<Draft> = platform::local_get(&key).and_then(|s| serde_json::from_str(&s).ok());
    let restored = draft.as_ref().map(|d| d.saved_at.clone());
    let was_restored = restored.is_some();
    let (base, initial) = match draft {
        Some(d) => (d.base, d.value),
        None => {
            let value = stored
                .clone()
                .unwrap_or_else(|| serde_json::from_str(spec::template(kind)).expect("templates are JSON"));
            (stored.clone(), value)
        }
    };
    let base = StoredValue::new(base);
    let pristine = StoredValue::new(initial.clone());
    let value = RwSignal::new(initial);
    let id_edited = RwSignal::new(!is_new || value.with_untracked(|v| v.get("id").is_some()));

    // New records: the id follows the name until it is edited by hand.
    if is_new {
        Effect::new(move |_| {
            let name =
                value.with(|v| v.get(spec::name_key(kind)).and_then(Value::as_str).unwrap_or_default().to_owned());
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

    let dirty = Memo::new(move |_| value.with(|v| pristine.with_value(|p| v != p)) || was_restored);
    // Keep the draft on every change.
    {
        let key = key.clone();
        Effect::new(move |first: Option<()>| {
            let v = value.get();
            if first.is_some() {
                let draft = Draft { base: base.get_value(), value: v, saved_at: platform::now().to_string() };
                platform::local_set(&key, &serde_json::to_string(&draft).unwrap_or_default());
            }
        });
    }
    let guard = StoredValue::new_local(Some(platform::warn_before_unload(move || dirty.get_untracked())));
    on_cleanup(move || guard.update_value(|g| drop(g.take())));

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
    let saving = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    let navigate = use_navigate();

    let save = {
        let key = key.clone();
        let navigate = navigate.clone();
        move || {
            if saving.get_untracked() || !problems.with_untracked(Vec::is_empty) {
                return;
            }
            saving.set(true);
            message.set(None);
            let key = key.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let b = base.get_value();
                let record = stamped(value.get_untracked(), b.as_ref());
                let id = record.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                let write = Write {
                    kind,
                    id: id.clone(),
                    expected: b.as_ref().and_then(revision),
                    record: Some(record.clone()),
                };
                match state.save(vec![write]).await {
                    Ok(()) => {
                        platform::local_remove(&key);
                        pristine.set_value(value.get_untracked());
                        let r = revision(&record).unwrap_or(1);
                        navigate(&format!("{}?saved={r}", links::href(kind, &id)), Default::default());
                    }
                    Err(StoreError::Conflict { .. }) => {
                        // Someone saved first: merge their version into ours.
                        let _ = state.reload().await;
                        let theirs =
                            state.catalogue.with_untracked(|c| c.as_ref().and_then(|l| l.cat.record_value(kind, &id)));
                        let mine = value.get_untracked();
                        match theirs {
                            Some(theirs) => {
                                let merged = edit::merge(b.as_ref().unwrap_or(&Value::Null), &mine, &theirs);
                                message.set(Some(if merged.conflicts.is_empty() {
                                    "This record was changed elsewhere while you edited it. Their changes are merged into yours below; check and save again.".to_owned()
                                } else {
                                    format!("This record was changed elsewhere while you edited it. {} field(s) were changed on both sides: choose which version to keep.", merged.conflicts.len())
                                }));
                                conflicts.set(merged.conflicts);
                                value.set(merged.merged);
                                base.set_value(Some(theirs));
                            }
                            None => {
                                message.set(Some(if is_new {
                                    format!("Another {} with this id was created meanwhile. Choose another id.", kind.label())
                                } else {
                                    "This record was deleted elsewhere while you edited it. Saving will create it again.".to_owned()
                                }));
                                base.set_value(None);
                            }
                        }
                    }
                    Err(e) => message.set(Some(e.to_string())),
                }
                saving.set(false);
            });
        }
    };

    let discard = {
        let key = key.clone();
        let navigate = navigate.clone();
        let id = id.clone();
        move |_| {
            platform::local_remove(&key);
            pristine.set_value(value.get_untracked());
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
            {restored.map(|at| view! {
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
                    <button type="submit" class="primary" disabled=move || saving.get() || !dirty.get() || !problems.with(Vec::is_empty) || !conflicts.with(Vec::is_empty)>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" class="secondary" on:click=discard>{if is_new { "Discard" } else { "Discard changes" }}</button>
                    {move || dirty.get().then(|| view! { <span class="draft-state" role="status">"Draft kept in this browser"</span> })}
                </div>
            </form>
            {(kind == RecordKind::Service).then(|| id.clone().map(|id| duplicate_button(state, id))).flatten()}
            {id.map(|id| delete_panel(state, kind, id, key))}
        </article>
    }
    .into_any()
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

/// Deleting: shows exactly what references the record and what happens to each, asks
/// for a replacement where one is needed, and refuses while the result would be invalid.
fn delete_panel(state: AppState, kind: RecordKind, id: String, draft: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let replacement = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let plan = {
        let id = id.clone();
        Memo::new(move |_| {
            let r = replacement.get();
            state.catalogue.with(|c| {
                let l = c.as_ref()?;
                let plan = edit::plan_delete(&l.cat, kind, &id, (!r.is_empty()).then_some(r.as_str()));
                let problems = plan.as_ref().map(|p| p.problems(&l.cat)).unwrap_or_default();
                Some((plan, problems))
            })
        })
    };
    let title_of = move |k: RecordKind, i: &str| {
        state
            .catalogue
            .with_untracked(|c| c.as_ref().and_then(|l| l.cat.record_title(k, i)).unwrap_or_else(|| i.to_owned()))
    };
    let confirm = move |plan: DeletePlan| {
        let navigate = navigate.clone();
        let draft = draft.clone();
        spawn_local(async move {
            let writes = state.catalogue.with_untracked(|c| {
                let cat = &c.as_ref().expect("loaded").cat;
                let mut writes: Vec<Write> = plan
                    .deleted
                    .iter()
                    .map(|(k, i)| Write { kind: *k, id: i.clone(), expected: cat.record_revision(*k, i), record: None })
                    .collect();
                writes.extend(plan.updated.iter().map(|(k, v)| {
                    let i = v["id"].as_str().unwrap_or_default().to_owned();
                    let current = cat.record_value(*k, &i);
                    Write {
                        kind: *k,
                        id: i,
                        expected: current.as_ref().and_then(revision),
                        record: Some(stamped(v.clone(), current.as_ref())),
                    }
                }));
                writes
            });
            match state.save(writes).await {
                Ok(()) => {
                    platform::local_remove(&draft);
                    navigate(&format!("/?deleted={}", kind.label()), Default::default());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let options = state.catalogue.with_untracked(|c| c.as_ref().map(|l| l.cat.record_names(kind)).unwrap_or_default());
    view! {
        <section class="danger-zone" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete"</h2>
            {move || (!open.get()).then(|| view! {
                <button type="button" class="danger" on:click=move |_| open.set(true)>{format!("Delete this {}…", kind.label())}</button>
            })}
            {move || open.get().then(|| {
                let (plan, problems) = plan.get()?;
                Some(match plan {
                    Err(DeleteBlocked::NeedsReplacement(refs)) => view! {
                        <div class="delete-plan" role="alert">
                            <p>{format!("{} record(s) need another {} in its place:", refs.len(), kind.label())}</p>
                            <ul>{refs.iter().map(|r| view! { <li>{format!("{} \u{201c}{}\u{201d}: {}", r.kind.label(), r.title, r.path)}</li> }).collect_view()}</ul>
                            {replacement_select(kind, &id, options.clone(), replacement)}
                            <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                        </div>
                    }.into_any(),
                    Err(DeleteBlocked::BadReplacement(why)) => view! { <p class="field-error">{why}</p> }.into_any(),
                    Ok(plan) => {
                        let blocked = !problems.is_empty();
                        let confirm = confirm.clone();
                        let p2 = plan.clone();
                        view! {
                            <div class="delete-plan" role="alert">
                                <p><strong>{format!("Deleting \u{201c}{}\u{201d}", title_of(kind, &id))}</strong></p>
                                {(plan.deleted.len() > 1).then(|| view! {
                                    <p>"Also deleted, because they cannot exist without it:"</p>
                                    <ul>{plan.deleted[1..].iter().map(|(k, i)| view! { <li>{format!("{} \u{201c}{}\u{201d}", k.label(), title_of(*k, i))}</li> }).collect_view()}</ul>
                                })}
                                {(!plan.updated.is_empty()).then(|| view! {
                                    <p>"References removed from (or replaced in):"</p>
                                    <ul>{plan.updated.iter().map(|(k, v)| { let i = v["id"].as_str().unwrap_or_default(); view! { <li>{format!("{} \u{201c}{}\u{201d}", k.label(), title_of(*k, i))}</li> } }).collect_view()}</ul>
                                })}
                                {(plan.deleted.len() == 1 && plan.updated.is_empty()).then(|| view! { <p>"Nothing else refers to it."</p> })}
                                {blocked.then(|| view! {
                                    <p class="field-error">"It cannot be deleted yet: afterwards these would be invalid. Edit or delete them first."</p>
                                    <ul>{problems.iter().map(|p| view! { <li>{match &p.record {
                                        Some(r) => format!("{} \u{201c}{}\u{201d}: {}", r.kind.label(), title_of(r.kind, &r.id), p.message),
                                        None => p.to_string(),
                                    }}</li> }).collect_view()}</ul>
                                })}
                                <div class="form-actions">
                                    <button type="button" class="danger" disabled=blocked on:click=move |_| confirm(p2.clone())>"Delete"</button>
                                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                                </div>
                            </div>
                        }.into_any()
                    }
                })
            })}
            {move || error.get().map(|e| view! { <p class="notice warning" role="alert">{e}</p> })}
        </section>
    }
}

fn replacement_select(
    kind: RecordKind,
    id: &str,
    options: Vec<(String, String)>,
    replacement: RwSignal<String>,
) -> impl IntoView {
    let id = id.to_owned();
    view! {
        <label for="replacement">{format!("Use this {} instead", kind.label())}</label>
        <select id="replacement" on:change=move |ev| replacement.set(event_target_value(&ev))>
            <option value="">"Choose…"</option>
            {options.into_iter().filter(|(i, _)| *i != id).map(|(i, t)| view! { <option value=i.clone()>{format!("{t} ({i})")}</option> }).collect_view()}
        </select>
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
