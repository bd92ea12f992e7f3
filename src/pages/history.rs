//! The history of a record (every saved version, what changed in each, restore and
//! undo) and "My changes": what was created, changed or deleted in this browser since
//! the catalogue was last imported.

use catalogue_core::edit::{field_changes, FieldChange};
use catalogue_core::model::RecordKind;
use catalogue_store::{LocalChange, Version, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

use crate::links;
use crate::pages::edit::kind_of;
use crate::platform;
use crate::state::AppState;

fn short(v: &Option<Value>) -> String {
    match v {
        None => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A field-by-field diff as a table.
fn diff_table(changes: Vec<FieldChange>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="muted">"No field changed."</p> }.into_any();
    }
    view! {
        {crate::components::table_scroll::table_scroll("Fields changed", view! { <table class="diff">
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr>
                        <th scope="row"><code>{c.path}</code></th>
                        <td class="before">{short(&c.before)}</td>
                        <td class="after">{short(&c.after)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table> })}
    }
    .into_any()
}

fn revision(v: &Value) -> u64 {
    v.get("revision").and_then(Value::as_u64).unwrap_or(0)
}

/// Writes `old` back as the newest version of the record.
async fn restore(state: AppState, kind: RecordKind, id: String, old: Value) -> Result<u64, String> {
    let current = state.catalogue.with_untracked(|c| c.as_ref().and_then(|l| l.cat.record_value(kind, &id)));
    // Restoring must not leave a dangling reference (e.g. to a record deleted since).
    let problems = state.catalogue.with_untracked(|c| {
        c.as_ref()
            .map(|l| catalogue_core::edit::check_record(&l.cat, kind, current.as_ref().map(|_| id.as_str()), &old))
            .unwrap_or_default()
    });
    if let Some(p) = problems.first() {
        return Err(format!("This version cannot be restored as it is: {p}. Open the editor to fix it."));
    }
    let next = current.as_ref().map_or(1, |c| revision(c) + 1);
    let mut record = old;
    record["revision"] = next.into();
    record["updated_at"] = Value::String(platform::now().to_string());
    let write = Write { kind, id, expected: current.as_ref().map(revision), record: Some(record) };
    state.save(vec![write]).await.map(|()| next).map_err(|e| e.to_string())
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let target =
        Memo::new(move |_| params.with(|p| (p.get("kind").unwrap_or_default(), p.get("id").unwrap_or_default())));
    let versions = LocalResource::new(move || {
        let (collection, id) = target.get();
        // Read again after every save (here or in another tab).
        state.catalogue.track();
        async move {
            match kind_of(&collection) {
                Some(kind) => state.history(kind, id).await.map_err(|e| e.to_string()),
                None => Err(format!("there are no records of the kind \u{201c}{collection}\u{201d}")),
            }
        }
    });
    let message = RwSignal::new(None::<String>);
    move || {
        let (collection, id) = target.get();
        let kind = kind_of(&collection)?;
        let current = state.catalogue.with(|c| c.as_ref().and_then(|l| l.cat.record_value(kind, &id)));
        let title = state
            .catalogue
            .with(|c| c.as_ref().and_then(|l| l.cat.record_title(kind, &id)))
            .unwrap_or_else(|| id.clone());
        let earlier: Vec<Version> = match versions.get() {
            None => return Some(view! { <p class="loading" role="status">"Reading the history…"</p> }.into_any()),
            Some(Err(e)) => return Some(view! { <p class="notice warning" role="alert">{e}</p> }.into_any()),
            Some(Ok(v)) => v,
        };
        // Newest first: the current version, then the earlier ones.
        let mut rows: Vec<(Value, Option<Value>, bool)> = Vec::new();
        let mut newer = current.clone();
        for v in earlier.iter().rev() {
            rows.push((v.record.clone(), newer.clone(), v.deleted));
            newer = Some(v.record.clone());
        }
        let restore_button = {
            let id = id.clone();
            move |record: Value, label: &'static str| {
                let id = id.clone();
                view! {
                    <button type="button" on:click=move |_| {
                        let (id, record) = (id.clone(), record.clone());
                        spawn_local(async move {
                            message.set(Some(match restore(state, kind, id, record).await {
                                Ok(r) => format!("Restored as revision {r}."),
                                Err(e) => e,
                            }));
                        });
                    }>{label}</button>
                }
            }
        };
        let undo = earlier.last().map(|v| restore_button(v.record.clone(), "Undo the last change"));
        Some(view! {
            <article aria-labelledby="record-title">
                <header class="record-header">
                    <p class="kind">{format!("History of a {}", kind.label())}</p>
                    <h1 id="record-title">{title}</h1>
                    <p class="record-actions">
                        {current.is_some().then(|| view! {
                            <a href=links::at(links::href(kind, &id))>"View"</a>
                            <a href=links::at(format!("/edit/{collection}/{id}"))>"Edit"</a>
                        })}
                        {undo}
                    </p>
                </header>
                {move || message.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                {match &current {
                    Some(c) => view! { <p>{format!("Current: revision {}, saved {}.", revision(c), c["updated_at"].as_str().unwrap_or_default())}</p> }.into_any(),
                    None => view! { <p class="notice warning">"This record is deleted. Restore a version to bring it back."</p> }.into_any(),
                }}
                {earlier.is_empty().then(|| view! { <p class="muted">"No earlier versions are stored in this browser."</p> })}
                <ol class="versions">
                    {rows.into_iter().map(|(old, newer, deleted)| {
                        let heading = format!("Revision {} \u{2192} {}", revision(&old), match &newer { Some(n) if !deleted => format!("revision {}", revision(n)), _ => "deleted".to_owned() });
                        let diff = match (&newer, deleted) {
                            (Some(n), false) => diff_table(field_changes(&old, n)).into_any(),
                            _ => view! { <p>"The record was deleted."</p> }.into_any(),
                        };
                        view! {
                            <li class="version">
                                <h2>{heading}</h2>
                                {diff}
                                {restore_button(old.clone(), "Restore this earlier version")}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </article>
        }.into_any())
    }
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let changes = LocalResource::new(move || {
        state.catalogue.track();
        async move { state.local_changes().await.map_err(|e| e.to_string()) }
    });
    let failed = RwSignal::new(None::<String>);
    let export = move |_| failed.set(state.download_catalogue().err());
    move || {
        let list: Vec<LocalChange> = match changes.get() {
            None => return view! { <p class="loading" role="status">"Reading your changes…"</p> }.into_any(),
            Some(Err(e)) => return view! { <p class="notice warning" role="alert">{e}</p> }.into_any(),
            Some(Ok(l)) => l,
        };
        // A record edited and then restored to what it was is no change.
        let rows: Vec<(LocalChange, Option<Value>, Vec<FieldChange>)> = state.catalogue.with(|c| {
            let Some(l) = c.as_ref() else { return Vec::new() };
            list.into_iter()
                .filter_map(|ch| {
                    let now = l.cat.record_value(ch.kind, &ch.id);
                    let diff = match (&ch.base, &now) {
                        (Some(b), Some(n)) => field_changes(b, n),
                        (None, None) => return None,
                        _ => Vec::new(),
                    };
                    (ch.base.is_none() || now.is_none() || !diff.is_empty()).then_some((ch, now, diff))
                })
                .collect()
        });
        let rows_count = rows.len();
        view! {
            <article aria-labelledby="changes-title">
                <header class="record-header">
                    <h1 id="changes-title">"My changes"</h1>
                    <p class="lede">"Records created, changed or deleted in this browser since the catalogue was last imported."</p>
                    <p class="record-actions">
                        <button type="button" on:click=export disabled=rows.is_empty()>"Export the catalogue with these changes"</button>
                    </p>
                    {(!rows.is_empty()).then(|| view! {
                        <p id="export-status" role="status">
                            {move || export_status(rows_count, state.unexported_since.get())}
                        </p>
                    })}
                    {move || failed.get().map(|why| view! { <p class="notice warning" role="alert">{why}</p> })}
                </header>
                {rows.is_empty().then(|| view! { <p class="muted">"No local changes."</p> })}
                <ul class="changes">
                    {rows.into_iter().map(|(ch, now, diff)| {
                        let title = now.as_ref().or(ch.base.as_ref()).and_then(|v| v.get(if ch.kind == RecordKind::Article { "title" } else { "name" })).and_then(Value::as_str).unwrap_or(&ch.id).to_owned();
                        let (what, body) = match (&ch.base, &now) {
                            (None, _) => ("created", view! { <p>"New record."</p> }.into_any()),
                            (_, None) => ("deleted", view! { <p>"Deleted."</p> }.into_any()),
                            _ => ("changed", diff_table(diff).into_any()),
                        };
                        let link = if now.is_some() { links::href(ch.kind, &ch.id) } else { format!("/history/{}/{}", ch.kind.collection(), ch.id) };
                        view! {
                            <li class=format!("change {what}")>
                                <h2><span class="tag">{what}</span>" "{ch.kind.label()}" "<a href=links::at(link)>{title}</a></h2>
                                {body}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </article>
        }
        .into_any()
    }
}

/// How many records the reader changed here, and whether a copy of them exists.
fn export_status(records: usize, unexported_since: Option<jiff::Timestamp>) -> String {
    let records = if records == 1 { "1 record".to_owned() } else { format!("{records} records") };
    match unexported_since {
        Some(since) => format!(
            "{records} changed here; changes since {} are not exported, and exist only in this browser.",
            platform::format_local(since)
        ),
        None => format!("{records} changed here; all of it was in the last export."),
    }
}
