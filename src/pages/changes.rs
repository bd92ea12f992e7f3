//! "My changes": what was created, changed or deleted in this browser since the
//! catalogue was last imported, and sending it on: as a change set (only what changed,
//! for a maintainer to apply to the published catalogue) or as the whole catalogue.

use catalogue_core::edit::field_changes;
use catalogue_store::LocalChange;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::changes::{change_list, ChangeRow};
use crate::links;
use crate::platform;
use crate::state::{AppState, CHANGE_SET_FILE};

/// The local setting that keeps the author's name for the next change set.
const AUTHOR: &str = "change-set-author";

#[component]
pub fn ChangesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let changes = LocalResource::new(move || {
        state.catalogue.track();
        // Each with the record as it is now, whole, as stored (see `Loaded`).
        async move {
            let mut out = Vec::new();
            for change in state.local_changes().await.map_err(|e| e.to_string())? {
                let now = state.record(change.kind, &change.id).await.map_err(|e| e.to_string())?;
                out.push((change, now));
            }
            Ok::<_, String>(out)
        }
    });
    let author = RwSignal::new(platform::local_get(AUTHOR).unwrap_or_default());
    let message = RwSignal::new(String::new());
    // What the last export did: a sentence to show, and whether it failed.
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export_set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, what) = (author.get_untracked(), message.get_untracked());
        platform::local_set(AUTHOR, who.trim());
        spawn_local(async move {
            outcome.set(Some(state.download_change_set(&who, &what).await.map(|n| {
                format!("Downloaded {CHANGE_SET_FILE} with {n} change(s): attach it to a pull request or send it to a maintainer of the catalogue.")
            })));
        });
    };
    let export_all = move |_| spawn_local(async move { outcome.set(state.download_catalogue().await.err().map(Err)) });
    move || {
        let list: Vec<(LocalChange, Option<serde_json::Value>)> = match changes.get() {
            None => return view! { <p class="loading" role="status">"Reading your changes…"</p> }.into_any(),
            Some(Err(e)) => return view! { <p class="notice warning" role="alert">{e}</p> }.into_any(),
            Some(Ok(l)) => l,
        };
        // A record edited and then restored to what it was is no change.
        let rows: Vec<ChangeRow> = {
            list.into_iter()
                .filter_map(|(ch, now)| {
                    let (what, fields) = match (&ch.base, &now) {
                        (Some(b), Some(n)) => ("changed", field_changes(b, n)),
                        (None, None) => return None,
                        (None, _) => ("created", Vec::new()),
                        (_, None) => ("deleted", Vec::new()),
                    };
                    if what == "changed" && fields.is_empty() {
                        return None;
                    }
                    let title = now.as_ref().or(ch.base.as_ref()).and_then(|v| v.get(ch.kind.title_field()));
                    let link = if now.is_some() {
                        links::href(ch.kind, &ch.id)
                    } else {
                        format!("/history/{}/{}", ch.kind.collection(), ch.id)
                    };
                    Some(ChangeRow {
                        kind: ch.kind,
                        title: title.and_then(|t| t.as_str()).unwrap_or(&ch.id).to_owned(),
                        what,
                        fields,
                        link: Some(link),
                    })
                })
                .collect()
        };
        let count = rows.len();
        view! {
            <article aria-labelledby="changes-title">
                <header class="record-header">
                    <h1 id="changes-title">"My changes"</h1>
                    <p class="lede">"Records created, changed or deleted in this browser since the catalogue was last imported."</p>
                    {(count > 0).then(|| view! {
                        <p id="export-status" role="status">
                            {move || export_status(count, state.unexported_since.get())}
                        </p>
                        <form class="change-set-form" aria-labelledby="change-set-title" on:submit=export_set>
                            <h2 id="change-set-title">"Send these changes"</h2>
                            <p class="help">"A change set holds only what changed here, with what it was before, so a maintainer sees exactly these changes and applies them to the published catalogue."</p>
                            <label for="change-set-author">"Your name"</label>
                            <input id="change-set-author" type="text" autocomplete="name" bind:value=author />
                            <label for="change-set-message">"What the changes are for"</label>
                            <textarea id="change-set-message" rows="3" bind:value=message></textarea>
                            <div class="form-actions">
                                <button type="submit" class="primary" id="export-change-set">"Export a change set"</button>
                                <button type="button" class="secondary" on:click=export_all>"Export the whole catalogue"</button>
                            </div>
                        </form>
                    })}
                    {move || outcome.get().map(|o| match o {
                        Ok(done) => view! { <p class="notice success" role="status">{done}</p> }.into_any(),
                        Err(why) => view! { <p class="notice warning" role="alert">{why}</p> }.into_any(),
                    })}
                </header>
                {(count == 0).then(|| view! { <p class="muted">"No local changes."</p> })}
                {change_list(rows)}
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
