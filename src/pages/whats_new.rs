//! What's new: the records added, changed and removed in the published catalogue since
//! the version the reader had before, field by field, and which version they have.

use catalogue_core::CatalogueMeta;
use leptos::prelude::*;

use crate::components::changes::{change_list, ChangeRow};
use crate::links;
use crate::platform;
use crate::state::AppState;

/// "revision 14, published 2026-12-05 10:00": which published version this is.
pub fn published_version(meta: &CatalogueMeta) -> String {
    match meta.published_at {
        Some(at) => format!("revision {}, published {}", meta.revision, platform::format_local(at)),
        None => format!("revision {}", meta.revision),
    }
}

#[component]
pub fn WhatsNewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Opening the page is seeing the list: a newer version starts a new one.
    Effect::new(move |_| {
        if state.whats_new.with(|w| w.as_ref().is_some_and(|w| !w.seen)) {
            state.saw_whats_new();
        }
    });
    let version = move || {
        state.catalogue.with(|c| {
            c.as_ref()
                .map(|l| format!("You have {} of “{}”.", published_version(&l.cat.catalogue), l.cat.catalogue.name))
        })
    };
    view! {
        <article aria-labelledby="whats-new-title">
            <header class="record-header">
                <h1 id="whats-new-title">"What's new"</h1>
                <p class="lede" id="published-version">{version}</p>
            </header>
            {move || match state.whats_new.get() {
                Some(w) if !w.records.is_empty() => {
                    let rows = w
                        .records
                        .iter()
                        .map(|r| ChangeRow {
                            kind: r.kind,
                            title: r.title().to_owned(),
                            what: r.what(),
                            fields: r.fields(),
                            link: r.after.as_ref().map(|_| links::href(r.kind, &r.id)),
                        })
                        .collect();
                    view! {
                        <p>{format!(
                            "Since revision {}, the version you had before: {} record(s) added, changed or removed.",
                            w.from_revision,
                            w.records.len()
                        )}</p>
                        {change_list(rows)}
                    }
                    .into_any()
                }
                Some(w) => view! {
                    <p class="muted">{format!("Revision {} changed no record of revision {}, the version you had before.", w.to_revision, w.from_revision)}</p>
                }
                .into_any(),
                None => view! {
                    <p class="muted">"No newer version of the published catalogue has arrived since you first opened it here."</p>
                }
                .into_any(),
            }}
        </article>
    }
}
