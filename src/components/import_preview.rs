//! What an import would do, per kind of record: how many records it adds, changes,
//! removes and leaves as they are, with their ids on hover.

use catalogue_core::diff::ImportPreview;
use leptos::prelude::*;

pub fn preview_table(preview: &ImportPreview) -> impl IntoView {
    crate::components::table_scroll::table_scroll(
        "What the import changes",
        view! { <table class="records">
            <thead><tr><th scope="col">"Records"</th><th scope="col">"Added"</th><th scope="col">"Changed"</th><th scope="col">"Removed"</th><th scope="col">"Unchanged"</th></tr></thead>
            <tbody>
                {preview.kinds.iter().map(|k| view! {
                    <tr>
                        <th scope="row">{k.kind.collection()}</th>
                        <td title=few(&k.added)>{k.added.len()}</td>
                        <td title=few(&k.changed)>{k.changed.len()}</td>
                        <td title=few(&k.removed)>{k.removed.len()}</td>
                        <td>{k.unchanged}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table> },
    )
}

/// The first ids of a list, for a tooltip (a list of 50,000 is no tooltip).
fn few(ids: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = ids.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}
