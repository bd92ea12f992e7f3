//! Importing spreadsheets on the import page: CSV files with the columns of the export
//! (several at once, one per kind), what their rows would add, change or remove, then
//! one save of every record they change, all or nothing, kept in each record's history.

use std::sync::Arc;

use catalogue_core::changes::between;
use catalogue_core::diff::preview_replace;
use catalogue_core::spreadsheet::{import, CsvFile};
use catalogue_store::Write;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::import_preview::preview_table;
use crate::components::problems::ProblemList;
use crate::platform;
use crate::state::AppState;

/// A CSV file the reader chose, read.
#[derive(Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[component]
pub fn SpreadsheetImport(files: Arc<Vec<Picked>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Remove the records of these kinds that no row names (a whole sheet replaces them).
    let replace = RwSignal::new(false);
    let saved = RwSignal::new(None::<Result<String, String>>);
    let names = files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
    let result = Memo::new(move |_| {
        let replace = replace.get();
        state.catalogue.with(|c| {
            let stored = c.as_ref().map(|l| l.cat.clone()).unwrap_or_else(|| catalogue_core::Catalogue::empty(""));
            let csv: Vec<CsvFile> = files.iter().map(|f| CsvFile { name: &f.name, bytes: &f.bytes }).collect();
            import(&stored, &csv, replace, platform::now()).map(|i| (Arc::new(stored), Arc::new(i))).map_err(Arc::new)
        })
    });
    let save = move |_| {
        let Ok((stored, imported)) = result.get_untracked() else { return };
        let writes: Vec<Write> = between(&stored, &imported.catalogue)
            .into_iter()
            .map(|c| Write {
                kind: c.kind,
                expected: c.before.as_ref().and_then(|b| b["revision"].as_u64()),
                id: c.id,
                record: c.after,
            })
            .collect();
        let count = writes.len();
        spawn_local(async move {
            saved.set(Some(match state.save(writes).await {
                Ok(()) => Ok(format!("Saved: {count} record(s) from the spreadsheets.")),
                Err(e) => Err(e.to_string()),
            }));
        });
    };
    move || {
        if let Some(done) = saved.get() {
            return match done {
                Ok(msg) => view! { <p class="success" role="status">{msg}</p> }.into_any(),
                Err(why) => view! { <p class="error-panel" role="alert">{why}</p> }.into_any(),
            };
        }
        match result.get() {
            Err(problems) => view! {
                <ProblemList title=format!("{names} cannot be imported") problems=(*problems).clone() />
            }
            .into_any(),
            Ok((stored, imported)) => {
                let preview = preview_replace(&stored, &imported.catalogue);
                let noop = preview.is_noop();
                view! {
                    <section class="preview" aria-labelledby="csv-title">
                        <h3 id="csv-title">{format!("{names}: the rows are valid. Saving them will:")}</h3>
                        <ul class="csv-files">
                            {imported.files.iter().map(|f| view! {
                                <li>
                                    {format!("{}: {} row(s) of {}", f.name, f.rows, f.kind.collection())}
                                    {(!f.unknown_columns.is_empty()).then(|| format!("; columns not read: {}", f.unknown_columns.join(", ")))}
                                </li>
                            }).collect_view()}
                        </ul>
                        {preview_table(&preview)}
                        <label class="check">
                            <input type="checkbox" id="csv-replace" prop:checked=move || replace.get()
                                on:change=move |ev| replace.set(event_target_checked(&ev)) />
                            " Remove the records of these kinds that no row names"
                        </label>
                        {noop.then(|| view! { <p class="note">"The rows hold exactly what is stored already."</p> })}
                        <div class="actions">
                            <button type="button" id="save-csv" disabled=noop on:click=save>"Save these changes"</button>
                        </div>
                    </section>
                }
                .into_any()
            }
        }
    }
}
