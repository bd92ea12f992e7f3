//! Records created, changed or deleted, each with the fields that changed: "My changes",
//! a change set about to be applied, and What's new all list them this way.

use catalogue_core::edit::FieldChange;
use catalogue_core::model::RecordKind;
use leptos::prelude::*;
use serde_json::Value;

use crate::links;

/// One record in a list of changes.
pub struct ChangeRow {
    pub kind: RecordKind,
    pub title: String,
    /// "created", "changed", "deleted" (or "added", "removed" between published versions).
    pub what: &'static str,
    pub fields: Vec<FieldChange>,
    /// The app path the title links to, when there is a page to see.
    pub link: Option<String>,
}

/// A value in a table cell: text as it is, anything else as JSON.
pub fn shown(v: &Option<Value>) -> String {
    match v {
        None => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A field-by-field diff as a table.
pub fn diff_table(changes: Vec<FieldChange>) -> impl IntoView {
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
                        <td class="before">{shown(&c.before)}</td>
                        <td class="after">{shown(&c.after)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table> })}
    }
    .into_any()
}

/// The list of changed records, each headed by what happened to it.
pub fn change_list(rows: Vec<ChangeRow>) -> impl IntoView {
    view! {
        <ul class="changes">
            {rows.into_iter().map(|row| {
                let body = match row.what {
                    "created" => view! { <p>"New record."</p> }.into_any(),
                    "added" => view! { <p>"New in this version."</p> }.into_any(),
                    "deleted" => view! { <p>"Deleted."</p> }.into_any(),
                    "removed" => view! { <p>"Removed from the catalogue."</p> }.into_any(),
                    _ => diff_table(row.fields).into_any(),
                };
                let title = match row.link {
                    Some(link) => view! { <a href=links::at(link)>{row.title}</a> }.into_any(),
                    None => view! { <span>{row.title}</span> }.into_any(),
                };
                view! {
                    <li class=format!("change {}", row.what)>
                        <h2><span class="tag">{row.what}</span>" "{row.kind.label()}" "{title}</h2>
                        {body}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
