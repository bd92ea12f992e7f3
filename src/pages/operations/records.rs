//! The operational records kept in this browser: importing a `service-operations` file or
//! another tool's CSV export (through a column mapping the reader confirms, then a
//! preview, all or nothing), exporting them, and clearing them.

use std::sync::Arc;

use catalogue_core::operations::columns::{DateOrder, Mapping, Rows, PRESETS};
use catalogue_core::operations::csv;
use catalogue_core::operations::Operations;
use catalogue_core::problem::Problem;
use catalogue_core::spreadsheet::CsvFile;
use catalogue_store::OperationsSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::problems::ProblemList;
use crate::platform;
use crate::state::AppState;

const EXPORT_FILE: &str = "operations.json";

#[derive(Clone)]
enum Step {
    Idle,
    /// A CSV file, its headers and the mapping proposed for it, for the reader to confirm.
    Mapping {
        name: String,
        bytes: Arc<Vec<u8>>,
        headers: Arc<Vec<String>>,
        mapping: Mapping,
    },
    /// Records read, to be stored once the reader agrees.
    Preview {
        name: String,
        ops: Arc<Operations>,
        unmatched: Arc<Vec<(usize, String)>>,
    },
    Failed(String, Arc<Vec<Problem>>),
    Done(String),
}

#[component]
pub fn OperationsRecords(summary: OperationsSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let step = RwSignal::new(Step::Idle);
    let replace = RwSignal::new(true);
    let confirming_clear = RwSignal::new(false);

    let read_json = move |name: String, text: String| {
        let ops = match Operations::parse(&text) {
            Ok(ops) => ops,
            Err(p) => return step.set(Step::Failed(name, Arc::new(vec![p]))),
        };
        let problems = state.catalogue.with_untracked(|l| l.as_ref().map(|l| ops.check(&l.cat)).unwrap_or_default());
        platform::mark("operations:read");
        step.set(if problems.is_empty() {
            Step::Preview { name, ops: Arc::new(ops), unmatched: Arc::default() }
        } else {
            Step::Failed(name, Arc::new(problems))
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        platform::mark("operations:picked");
        spawn_local(async move {
            let name = file.name();
            let bytes = match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await {
                Ok(b) => b,
                Err(e) => return step.set(Step::Done(format!("{name} could not be read: {e}"))),
            };
            if !name.to_lowercase().ends_with(".csv") {
                return read_json(name, String::from_utf8_lossy(&bytes).into_owned());
            }
            match csv::headers(&CsvFile { name: &name, bytes: &bytes }) {
                Ok(headers) => {
                    let (_, mapping) = Mapping::guess(&headers, &platform::reader_time_zone());
                    step.set(Step::Mapping { name, bytes: Arc::new(bytes), headers: Arc::new(headers), mapping });
                }
                Err(p) => step.set(Step::Failed(name, Arc::new(vec![p]))),
            }
        });
    };
    let read_csv = move || {
        let Step::Mapping { name, bytes, mapping, .. } = step.get_untracked() else { return };
        let read = state.catalogue.with_untracked(|l| {
            let l = l.as_ref()?;
            Some(csv::read(&CsvFile { name: &name, bytes: &bytes }, &mapping, &l.cat, crate::platform::zones()))
        });
        platform::mark("operations:read");
        match read {
            Some(Ok(r)) => {
                step.set(Step::Preview { name, ops: Arc::new(r.operations), unmatched: Arc::new(r.unmatched) })
            }
            Some(Err(problems)) => step.set(Step::Failed(name, Arc::new(problems))),
            None => {}
        }
    };
    let save = move || {
        let Step::Preview { name, ops, .. } = step.get_untracked() else { return };
        let replace = replace.get_untracked();
        platform::mark("operations:saving");
        spawn_local(async move {
            let stored = state.store_operations(&ops, replace).await;
            platform::mark("operations:stored");
            step.set(Step::Done(match stored {
                Ok(()) => format!(
                    "{} incidents and {} changes from {name} {}.",
                    ops.incidents.len(),
                    ops.changes.len(),
                    if replace { "now replace what was kept" } else { "were added" }
                ),
                Err(e) => format!("Nothing was stored: {e}"),
            }));
        });
    };
    let export = move || {
        spawn_local(async move {
            let result = state.export_operations().await.map_err(|e| e.to_string());
            if let Err(e) = result.and_then(|text| platform::download(EXPORT_FILE, "application/json", &text)) {
                step.set(Step::Done(format!("The records could not be exported: {e}")));
            }
        });
    };
    let clear = move || {
        confirming_clear.set(false);
        spawn_local(async move {
            step.set(Step::Done(match state.clear_operations().await {
                Ok(()) => "Every incident and change kept in this browser is cleared.".into(),
                Err(e) => format!("Nothing was cleared: {e}"),
            }));
        });
    };
    let kept = summary.incidents + summary.changes > 0;
    let span = match (summary.first, summary.last) {
        (Some(a), Some(b)) => format!(", from {} to {}", platform::format_local(a), platform::format_local(b)),
        _ => String::new(),
    };

    view! {
        <section aria-labelledby="records-title" class="operations-records">
            <h2 id="records-title">"Records kept in this browser"</h2>
            <p id="operations-kept">{format!("{} incidents and {} changes{span}.", summary.incidents, summary.changes)}</p>
            <p>
                <label class="file-button">"Import incidents or changes (JSON or CSV) "
                    <input id="operations-file" type="file" accept=".json,application/json,.csv,text/csv" on:change=on_pick/>
                </label>
            </p>
            <p class="muted">"CSV exports of ServiceNow (incident and change_request lists) and PagerDuty (incident analytics) are recognised by their columns; any other CSV is mapped by hand."</p>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Done(message) => view! { <p class="notice" role="status" id="operations-message">{message}</p> }.into_any(),
                Step::Failed(name, problems) => view! {
                    <ProblemList title=format!("{name} cannot be imported") problems=problems.to_vec()/>
                }.into_any(),
                Step::Mapping { name, headers, mapping, .. } => mapping_form(step, name, headers, mapping, read_csv).into_any(),
                Step::Preview { name, ops, unmatched } => view! {
                    <div class="preview" id="operations-preview">
                        <p><strong>{format!("{name}: {} incidents and {} changes to store.", ops.incidents.len(), ops.changes.len())}</strong></p>
                        {(!unmatched.is_empty()).then(|| {
                            let rows: Vec<String> = unmatched.iter().map(|(row, s)| format!("row {row} (“{s}”)")).collect();
                            view! { <p class="notice warning" id="operations-unmatched">{format!("{} rows name a service the catalogue does not have and are left out: {}.", unmatched.len(), rows.join(", "))}</p> }
                        })}
                        <fieldset>
                            <legend>"What is kept already"</legend>
                            <label><input type="radio" name="operations-mode" checked=move || replace.get() on:change=move |_| replace.set(true)/>" Replace it"</label>
                            <label><input type="radio" name="operations-mode" checked=move || !replace.get() on:change=move |_| replace.set(false)/>" Add to it (a record with a kept id replaces it)"</label>
                        </fieldset>
                        <p class="form-actions">
                            <button type="button" class="primary" id="operations-save" on:click=move |_| save()>"Store them"</button>
                            <button type="button" on:click=move |_| step.set(Step::Idle)>"Cancel"</button>
                        </p>
                    </div>
                }.into_any(),
            }}
            {kept.then(|| view! {
                <p class="record-actions">
                    <button type="button" id="operations-export" on:click=move |_| export()>"Export the records"</button>
                    {move || if confirming_clear.get() {
                        view! {
                            <span role="group" aria-label="Clear every record">
                                "Clear every incident and change kept here? "
                                <button type="button" class="danger" id="operations-clear-confirm" on:click=move |_| clear()>"Clear them"</button>
                                <button type="button" on:click=move |_| confirming_clear.set(false)>"Keep them"</button>
                            </span>
                        }.into_any()
                    } else {
                        view! { <button type="button" id="operations-clear" on:click=move |_| confirming_clear.set(true)>"Clear the records"</button> }.into_any()
                    }}
                </p>
            })}
        </section>
    }
}

/// Which column fills which field, as proposed from the file's headers, for the reader
/// to confirm or change, with the zone of times written without one.
fn mapping_form(
    step: RwSignal<Step>,
    name: String,
    headers: Arc<Vec<String>>,
    mapping: Mapping,
    read: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let update = move |f: &dyn Fn(&mut Mapping, &[String])| {
        step.update(|s| {
            if let Step::Mapping { mapping, headers, .. } = s {
                f(mapping, headers)
            }
        })
    };
    let preset_name = PRESETS
        .iter()
        .find(|p| {
            p.rows == mapping.rows && Mapping::from_preset(p, &headers, &mapping.time_zone).columns == mapping.columns
        })
        .map(|p| p.name);
    let missing = mapping.missing();
    view! {
        <form class="mapping" id="operations-mapping" on:submit=move |ev| { ev.prevent_default(); read(); }>
            <h3>{format!("Columns of {name}")}</h3>
            <label>"Preset "
                <select id="mapping-preset" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    update(&|m, headers| if let Some(p) = PRESETS.iter().find(|p| p.name == chosen) {
                        *m = Mapping::from_preset(p, headers, &m.time_zone);
                    });
                }>
                    <option value="" selected=preset_name.is_none()>"(mapped by hand)"</option>
                    {PRESETS.iter().map(|p| view! { <option value=p.name selected=Some(p.name) == preset_name>{p.name}</option> }).collect_view()}
                </select>
            </label>
            <label>" Rows are "
                <select id="mapping-rows" on:change=move |ev| {
                    let rows = if event_target_value(&ev) == "changes" { Rows::Changes } else { Rows::Incidents };
                    update(&|m, _| m.rows = rows);
                }>
                    {Rows::ALL.into_iter().map(|r| {
                        let value = if r == Rows::Changes { "changes" } else { "incidents" };
                        view! { <option value=value selected=r == mapping.rows>{r.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <table class="records mapping-table">
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Column of the file"</th></tr></thead>
                <tbody>
                    {mapping.rows.fields().iter().map(|&field| {
                        let current = mapping.header(field).map(str::to_owned);
                        let id = format!("mapping-{}", field.name());
                        view! {
                            <tr>
                                <th scope="row"><label for=id.clone()>{field.label()}{field.required().then_some(" (required)")}</label></th>
                                <td><select id=id on:change=move |ev| {
                                    let header = event_target_value(&ev);
                                    update(&|m, _| m.set(field, Some(header.clone())));
                                }>
                                    <option value="" selected=current.is_none()>"(none)"</option>
                                    {headers.iter().map(|h| view! { <option value=h.clone() selected=current.as_deref() == Some(h.as_str())>{h.clone()}</option> }).collect_view()}
                                </select></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <label>"Times written without an offset are in "
                <input id="mapping-zone" type="text" value=mapping.time_zone.clone() on:change=move |ev| {
                    let zone = event_target_value(&ev);
                    update(&|m, _| m.time_zone = zone.trim().to_owned());
                }/>
            </label>
            <label>" Dates are written as "
                <select id="mapping-dates" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    update(&|m, _| if let Some(d) = DateOrder::ALL.into_iter().find(|d| d.label() == chosen) {
                        m.dates = d;
                    });
                }>
                    {DateOrder::ALL.into_iter().map(|d| view! { <option value=d.label() selected=d == mapping.dates>{d.label()}</option> }).collect_view()}
                </select>
            </label>
            {(!missing.is_empty()).then(|| {
                let names: Vec<&str> = missing.iter().map(|f| f.label()).collect();
                view! { <p class="notice warning">{format!("Choose a column for {}.", names.join(", "))}</p> }
            })}
            <p class="form-actions">
                <button type="submit" class="primary" id="mapping-read" disabled=!missing.is_empty()>"Read the file"</button>
                <button type="button" on:click=move |_| step.set(Step::Idle)>"Cancel"</button>
            </p>
        </form>
    }
}
