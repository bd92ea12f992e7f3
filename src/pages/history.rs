//! The history of a record: every saved version, what changed in each, restore and
//! undo.

use catalogue_core::edit::field_changes;
use catalogue_core::model::RecordKind;
use catalogue_store::{Version, Write};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

use crate::components::changes::diff_table;
use crate::links;
use crate::pages::edit::kind_of;
use crate::platform;
use crate::state::AppState;

fn revision(v: &Value) -> u64 {
    v.get("revision").and_then(Value::as_u64).unwrap_or(0)
}

/// Writes `old` back as the newest version of the record.
async fn restore(state: AppState, kind: RecordKind, id: String, old: Value) -> Result<u64, String> {
    let current = state.record(kind, &id).await.map_err(|e| e.to_string())?;
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
                // The current version whole, as stored (see `Loaded`), with the earlier ones.
                Some(kind) => match state.record(kind, &id).await {
                    Ok(current) => state.history(kind, id).await.map(|h| (current, h)).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                },
                None => Err(format!("there are no records of the kind \u{201c}{collection}\u{201d}")),
            }
        }
    });
    let message = RwSignal::new(None::<String>);
    move || {
        let (collection, id) = target.get();
        let kind = kind_of(&collection)?;
        let title = state
            .catalogue
            .with(|c| c.as_ref().and_then(|l| l.cat.record_title(kind, &id)))
            .unwrap_or_else(|| id.clone());
        let (current, earlier): (Option<Value>, Vec<Version>) = match versions.get() {
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
