//! Importing into the catalogue there is, on the import page: spreadsheets (CSV files
//! with the columns of the export, several at once, one per kind) or OpenSLO documents
//! (targets of the services' agreements). What they would add, change or remove, then
//! one save of every record they change, all or nothing, kept in each record's history.

use std::sync::Arc;

use catalogue_core::backstage::Outcome;
use catalogue_core::changes::between;
use catalogue_core::diff::preview_replace;
use catalogue_core::spreadsheet::{import, CsvFile};
use catalogue_core::{Catalogue, Problem};
use catalogue_store::Write;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::import_preview::preview_table;
use crate::components::problems::ProblemList;
use crate::platform;
use crate::state::AppState;

/// A file the reader chose, read.
#[derive(Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What is imported into the catalogue.
#[derive(Clone, PartialEq)]
pub enum Incoming {
    Spreadsheets(Arc<Vec<Picked>>),
    Slos(Arc<Picked>),
}

/// The catalogue with the files in, and a line per file (or document) saying what it was.
#[derive(PartialEq)]
struct Read {
    catalogue: Catalogue,
    lines: Vec<String>,
}

/// `incoming` read into `stored`; with `replace`, spreadsheets remove the records of
/// their kinds that no row names.
fn read(stored: &Catalogue, incoming: &Incoming, replace: bool) -> Result<Read, Vec<Problem>> {
    match incoming {
        Incoming::Spreadsheets(files) => {
            let csv: Vec<CsvFile> = files.iter().map(|f| CsvFile { name: &f.name, bytes: &f.bytes }).collect();
            let imported = import(stored, &csv, replace, platform::now())?;
            let lines = imported
                .files
                .iter()
                .map(|f| {
                    let unknown = if f.unknown_columns.is_empty() {
                        String::new()
                    } else {
                        format!("; columns not read: {}", f.unknown_columns.join(", "))
                    };
                    format!("{}: {} row(s) of {}{unknown}", f.name, f.rows, f.kind.collection())
                })
                .collect();
            Ok(Read { catalogue: imported.catalogue, lines })
        }
        Incoming::Slos(file) => {
            let text = String::from_utf8_lossy(&file.bytes);
            let result = catalogue_core::openslo::import(stored, &text, platform::now(), platform::today())
                .map_err(|e| vec![Problem::new(file.name.clone(), e)])?;
            let problems = catalogue_core::validate(&result.catalogue);
            if !problems.is_empty() {
                return Err(problems);
            }
            let lines = result
                .report
                .iter()
                .map(|l| match &l.outcome {
                    Outcome::Mapped { kind, id, notes } if notes.is_empty() => {
                        format!("{}: into {} {id}", l.entity, kind.label())
                    }
                    Outcome::Mapped { kind, id, notes } => {
                        format!("{}: into {} {id} ({})", l.entity, kind.label(), notes.join("; "))
                    }
                    Outcome::Skipped(why) => format!("{}: skipped, {why}", l.entity),
                })
                .collect();
            Ok(Read { catalogue: result.catalogue, lines })
        }
    }
}

#[component]
pub fn ImportInto(incoming: Incoming) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Remove the records of these kinds that no row names (a whole sheet replaces them).
    let replace = RwSignal::new(false);
    let saved = RwSignal::new(None::<Result<String, String>>);
    let names = match &incoming {
        Incoming::Spreadsheets(files) => files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", "),
        Incoming::Slos(file) => file.name.clone(),
    };
    let spreadsheets = matches!(incoming, Incoming::Spreadsheets(_));
    let what = if spreadsheets { "the spreadsheets" } else { "the SLOs" };
    // Read into the whole stored catalogue: the records it changes are written whole,
    // and the one in memory may hold them without their texts (see `Loaded`).
    let whole = LocalResource::new(move || {
        state.catalogue.track();
        async move { state.whole().await.map(Arc::new).map_err(|e| Arc::new(vec![Problem::new("", e.to_string())])) }
    });
    let result = Memo::new(move |_| {
        let replace = replace.get();
        let stored = whole.get()?;
        Some(
            stored
                .and_then(|stored| read(&stored, &incoming, replace).map(|r| (stored, Arc::new(r))).map_err(Arc::new)),
        )
    });
    let save = move |_| {
        let Some(Ok((stored, imported))) = result.get_untracked() else { return };
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
                Ok(()) => Ok(format!("Saved: {count} record(s) from {what}.")),
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
            None => view! { <p class="loading" role="status">"Reading the catalogue…"</p> }.into_any(),
            Some(Err(problems)) => view! {
                <ProblemList title=format!("{names} cannot be imported") problems=(*problems).clone() />
            }
            .into_any(),
            Some(Ok((stored, imported))) => {
                let preview = preview_replace(&stored, &imported.catalogue);
                let noop = preview.is_noop();
                view! {
                    <section class="preview" aria-labelledby="csv-title">
                        <h3 id="csv-title">{format!("{names} is valid. Saving it will:")}</h3>
                        <ul class="csv-files">
                            {imported.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                        </ul>
                        {preview_table(&preview)}
                        {spreadsheets.then(|| view! {
                            <label class="check">
                                <input type="checkbox" id="csv-replace" prop:checked=move || replace.get()
                                    on:change=move |ev| replace.set(event_target_checked(&ev)) />
                                " Remove the records of these kinds that no row names"
                            </label>
                        })}
                        {noop.then(|| view! { <p class="note">"It holds exactly what is stored already."</p> })}
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
