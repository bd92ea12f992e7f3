//! Import (file picker or drag-and-drop, preview, confirm) and export.

use std::rc::Rc;

use catalogue_core::backstage::{Outcome, ReportLine};
use catalogue_core::ReadStage;
use catalogue_store::import::Progress;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::import_preview::preview_table;
use crate::components::problems::ProblemList;
use crate::pages::import_into::{ImportInto, Incoming, Picked};
use crate::state::{AppState, ImportStep};

/// Descriptors (Backstage's, service definitions) are small and added record by record, here; catalogue files
/// go through [`AppState::start_import`].
#[derive(Clone)]
enum Step {
    Idle,
    Checking(String),
    /// YAML descriptors (Backstage's, or Datadog's and OpsLevel's service definitions),
    /// mapped: what they are, the records to add, and the mapping report.
    Descriptors(String, std::sync::Arc<catalogue_core::Catalogue>, std::sync::Arc<Vec<ReportLine>>),
    /// Spreadsheets or SLOs, read: previewed and saved into the catalogue by [`ImportInto`].
    Into(Incoming),
    Adding,
    Done(String),
    Failed(String),
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let step = RwSignal::new(Step::Idle);
    let dragging = RwSignal::new(false);
    let importing = move || matches!(state.import.get(), ImportStep::Working { .. });
    // A file chosen here is imported by workers started ahead, once the catalogue is open.
    Effect::new(move |_| {
        if !state.opening() {
            state.prepare_import();
        }
    });
    on_cleanup(move || state.unprepare_import());

    // Merging keeps local changes: the file is the other side of a three-way merge.
    let navigate = StoredValue::new_local(leptos_router::hooks::use_navigate());
    let to_merge = move || navigate.with_value(|n| n("/merge", Default::default()));

    let check_file = move |file: web_sys::File| {
        let name = file.name();
        state.dismiss_import();
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        step.set(Step::Checking(name.clone()));
        spawn_local(async move {
            let whole = gloo_file::File::from(file.clone());
            if !yaml {
                // A change set is told from a catalogue file by its format tag, which
                // comes first; a catalogue file, large or not, goes to the import.
                let head = gloo_file::futures::read_as_bytes(&whole.slice(0, 4096)).await.unwrap_or_default();
                if !String::from_utf8_lossy(&head).contains(&format!("\"{}\"", catalogue_core::change_set::FORMAT)) {
                    step.set(Step::Idle);
                    return state.start_import(file);
                }
            }
            let bytes = match gloo_file::futures::read_as_bytes(&whole).await {
                Ok(b) => b,
                Err(e) => return step.set(Step::Failed(format!("{name} could not be read: {e}"))),
            };
            let text = String::from_utf8_lossy(&bytes);
            if !yaml {
                return match state.open_change_set(&text, name).await {
                    Ok(None) => to_merge(),
                    Ok(Some(nothing)) => step.set(Step::Done(nothing)),
                    Err(why) => step.set(Step::Failed(why)),
                };
            }
            if catalogue_core::openslo::is_openslo(&text) {
                let bytes = text.as_bytes().to_vec();
                return step.set(Step::Into(Incoming::Slos(std::sync::Arc::new(Picked { name, bytes }))));
            }
            // Service definitions (Datadog, OpsLevel) or else Backstage descriptors.
            let (what, import): (&str, fn(&str, _) -> _) =
                if catalogue_core::service_definitions::is_service_definitions(&text) {
                    ("service definitions", catalogue_core::service_definitions::import)
                } else {
                    ("Backstage descriptors", catalogue_core::backstage::import)
                };
            match import(&text, crate::platform::now()) {
                Ok(r) => step.set(Step::Descriptors(
                    format!("{name}: {what}"),
                    std::sync::Arc::new(r.catalogue),
                    std::sync::Arc::new(r.report),
                )),
                Err(e) => step.set(Step::Failed(format!("{name} cannot be imported: {e}"))),
            }
        });
    };

    // Spreadsheets come several at once (a file per kind); anything else one by one.
    let check_files = move |list: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if files.is_empty() || !files.iter().all(|f| f.name().to_lowercase().ends_with(".csv")) {
            return files.into_iter().next().map(check_file).unwrap_or(());
        }
        state.dismiss_import();
        step.set(Step::Checking(files.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")));
        spawn_local(async move {
            let mut picked = Vec::new();
            for file in files {
                let name = file.name();
                match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await {
                    Ok(bytes) => picked.push(Picked { name, bytes }),
                    Err(e) => return step.set(Step::Failed(format!("{name} could not be read: {e}"))),
                }
            }
            step.set(Step::Into(Incoming::Spreadsheets(std::sync::Arc::new(picked))));
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Some(files) = input.files() {
            check_files(files);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if importing() {
            return;
        }
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            check_files(files);
        }
    };
    let merge = move |_| {
        spawn_local(async move {
            match state.merge_import().await {
                Ok(()) => to_merge(),
                Err(e) => step.set(Step::Failed(e)),
            }
        });
    };
    let export = move |_| {
        spawn_local(async move {
            if let Err(why) = state.download_catalogue().await {
                step.set(Step::Failed(why));
            }
        })
    };

    view! {
        <section aria-labelledby="data-title">
            <h1 id="data-title">"Import and export"</h1>

            <section aria-labelledby="export-title" class="card">
                <h2 id="export-title">"Export"</h2>
                <p>"Download the whole catalogue as one canonical JSON file: records sorted by id, so that changes show up as small diffs in version control."</p>
                <button type="button" id="export-button" on:click=export disabled=move || state.catalogue.with(|c| c.is_none())>"Export catalogue.json"</button>
                <p>"For spreadsheets (references by name, lists joined with semicolons; edited, they import back below):"</p>
                <div class="actions">
                    {catalogue_core::spreadsheet::SHEETS.iter().map(|sheet| view! {
                        <button type="button" class="secondary" disabled=move || state.catalogue.with(|c| c.is_none())
                            on:click=move |_| {
                                if let Some(text) = state.catalogue.with_untracked(|c| c.as_ref().map(|l| catalogue_core::spreadsheet::export(&l.cat, sheet.kind))) {
                                    let _ = crate::platform::download(sheet.file, "text/csv", &text);
                                }
                            }>{sheet.file}</button>
                    }).collect_view()}
                </div>
                <p>"For Backstage (services as systems and components, parties as groups and users):"</p>
                <div class="actions">
                    <button type="button" class="secondary" disabled=move || state.catalogue.with(|c| c.is_none())
                        on:click=move |_| {
                            if let Some(text) = state.catalogue.with_untracked(|c| c.as_ref().map(|l| catalogue_core::backstage::export(&l.cat))) {
                                let _ = crate::platform::download("catalog-info.yaml", "application/yaml", &text);
                            }
                        }>"catalog-info.yaml"</button>
                </div>
                <p>"The agreements' availability, latency and throughput targets as OpenSLO v1 SLOs (they import back):"</p>
                <div class="actions">
                    <button type="button" class="secondary" disabled=move || state.catalogue.with(|c| c.is_none())
                        on:click=move |_| {
                            let slos = state.catalogue.with_untracked(|c| c.as_ref().map(|l| catalogue_core::openslo::export(&l.cat).0));
                            if let Some(docs) = slos {
                                let _ = crate::platform::download("slos.yaml", "application/yaml", &catalogue_core::yaml::stream(&docs));
                            }
                        }>"slos.yaml"</button>
                </div>
            </section>

            <section aria-labelledby="import-title" class="card">
                <h2 id="import-title">"Import"</h2>
                <p>"Replace the stored catalogue with a catalogue file. The file is checked completely first and you see what would change before the catalogue does; a file with any problem changes nothing. A change set (exported from someone's “My changes”) opens as a merge with your data instead, each change shown before it is applied. Spreadsheets (CSV files with the columns of the exports above, one per kind, several at once) change the records their rows name and add new ones."</p>
                <div class="drop-zone" class:dragging=move || dragging.get()
                    on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop>
                    <label for="import-file">"Choose a catalogue file"</label>
                    <input id="import-file" type="file" multiple accept=".json,application/json,.yaml,.yml,.csv,text/csv" on:change=on_pick disabled=importing />
                    <p class="note">"or drop it here"</p>
                </div>
                {move || match step.get() {
                    Step::Idle => ().into_any(),
                    Step::Checking(name) => view! { <p role="status">{format!("Checking {name}…")}</p> }.into_any(),
                    Step::Descriptors(name, records, report) => descriptors_preview(state, name, records, report, step).into_any(),
                    Step::Into(incoming) => view! { <ImportInto incoming/> }.into_any(),
                    Step::Adding => view! { <p role="status">"Adding…"</p> }.into_any(),
                    Step::Done(msg) => view! { <p class="success" role="status">{msg}</p> }.into_any(),
                    Step::Failed(msg) => view! { <p class="error-panel" role="alert">{msg}</p> }.into_any(),
                }}
                {move || match state.import.get() {
                    ImportStep::Idle => ().into_any(),
                    ImportStep::Working { file, progress } => view! {
                        <div class="import-progress">
                            <ImportProgress file progress/>
                            <button type="button" id="cancel-import" class="secondary" on:click=move |_| state.cancel_import()
                                disabled=move || !state.import_cancellable()>"Cancel"</button>
                        </div>
                    }.into_any(),
                    ImportStep::Invalid { file, problems } => view! {
                        <ProblemList title=format!("{file} cannot be imported") problems=problems />
                    }.into_any(),
                    ImportStep::Preview { file, preview } => view! {
                        <section class="preview" aria-labelledby="preview-title">
                            <h3 id="preview-title">{format!("{file} is valid. Importing it will:")}</h3>
                            {preview_table(&preview)}
                            {preview.is_noop().then(|| view! { <p class="note">"The file holds exactly what is stored already."</p> })}
                            {move || state.opening().then(|| view! {
                                <p class="note" id="import-waits">"The stored catalogue is still being opened: replacing or merging it waits until it is."</p>
                            })}
                            <div class="actions">
                                <button type="button" id="confirm-import" disabled=move || state.opening() on:click=move |_| state.confirm_import()>"Replace the stored catalogue"</button>
                                <button type="button" id="merge-import" class="secondary" disabled=move || state.opening() on:click=merge.clone()>"Merge into my local data"</button>
                                <button type="button" id="cancel-import" class="secondary" on:click=move |_| state.cancel_import()>"Cancel"</button>
                            </div>
                        </section>
                    }.into_any(),
                    ImportStep::Done(msg) => view! { <p class="success" role="status">{msg}</p> }.into_any(),
                    ImportStep::Cancelled(msg) => view! { <p class="note" role="status">{msg}</p> }.into_any(),
                    ImportStep::Failed(msg) => view! { <p class="error-panel" role="alert">{msg}</p> }.into_any(),
                }}
            </section>
            <StorageCard/>
        </section>
    }
}

/// What descriptors became, and adding them to the stored catalogue (records
/// with the same id are replaced, with their history kept); refused if the result would
/// not be valid.
fn descriptors_preview(
    state: AppState,
    name: String,
    records: std::sync::Arc<catalogue_core::Catalogue>,
    report: std::sync::Arc<Vec<ReportLine>>,
    step: RwSignal<Step>,
) -> impl IntoView {
    use catalogue_core::model::RecordKind;
    use catalogue_store::Write;
    let combined = state.catalogue.with_untracked(|c| {
        let mut cat = c.as_ref().map(|l| l.cat.clone()).unwrap_or_else(|| catalogue_core::Catalogue::empty(""));
        // The problems the descriptors bring, not those the catalogue had (the one in
        // memory holds articles without their texts, which validation asks for).
        let before: std::collections::HashSet<String> =
            catalogue_core::validate(&cat).iter().map(ToString::to_string).collect();
        let mut writes = Vec::new();
        for kind in [RecordKind::Party, RecordKind::Service] {
            for (id, _) in records.record_names(kind) {
                let mut value = records.record_value(kind, &id).expect("listed");
                let existing = cat.record_revision(kind, &id);
                value["revision"] = serde_json::Value::from(existing.unwrap_or(0) + 1);
                let _ = cat.put_value(kind, existing.map(|_| id.as_str()), &value);
                writes.push(Write { kind, id, expected: existing, record: Some(value) });
            }
        }
        let problems: Vec<_> =
            catalogue_core::validate(&cat).into_iter().filter(|p| !before.contains(&p.to_string())).collect();
        (problems, writes)
    });
    let (problems, writes) = combined;
    let count = writes.len();
    let writes = Rc::new(writes);
    let add = move |_| {
        let writes = (*writes).clone();
        step.set(Step::Adding);
        spawn_local(async move {
            step.set(match state.save(writes).await {
                Ok(()) => Step::Done(format!("{count} records added to the catalogue.")),
                Err(e) => Step::Failed(e.to_string()),
            });
        });
    };
    view! {
        <section class="preview" aria-labelledby="backstage-title">
            <h3 id="backstage-title">{name}</h3>
            {crate::components::table_scroll::table_scroll("What the descriptors became", view! { <table class="records backstage-report">
                <thead><tr><th scope="col">"Entity"</th><th scope="col">"Result"</th></tr></thead>
                <tbody>
                    {report.iter().map(|l| view! {
                        <tr>
                            <th scope="row">{l.entity.clone()}</th>
                            <td>{match &l.outcome {
                                Outcome::Mapped { kind, id, notes } if notes.is_empty() => format!("{} {id}", kind.label()),
                                Outcome::Mapped { kind, id, notes } => format!("{} {id} ({})", kind.label(), notes.join("; ")),
                                Outcome::Skipped(why) => format!("skipped: {why}"),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}
            {if problems.is_empty() {
                view! {
                    <div class="actions">
                        <button type="button" id="add-backstage" on:click=add>{format!("Add {count} records to the catalogue")}</button>
                        <button type="button" class="secondary" on:click=move |_| step.set(Step::Idle)>"Cancel"</button>
                    </div>
                }.into_any()
            } else {
                view! { <ProblemList title="These records cannot be added".to_owned() problems=problems /> }.into_any()
            }}
        </section>
    }
}

/// What the import is doing, with a bar where there is a measure of how far it got.
#[component]
fn ImportProgress(file: String, progress: Progress) -> impl IntoView {
    let (text, bar) = match progress {
        Progress::Reading { done, total } => {
            (format!("Reading {file}: {} of {}", megabytes(done as f64), megabytes(total as f64)), Some((done, total)))
        }
        Progress::Checking { step: ReadStage::Structure } => (format!("Checking {file}: reading its records…"), None),
        Progress::Checking { step: ReadStage::Validation } => {
            (format!("Checking {file}: validating every record…"), None)
        }
        Progress::Comparing => (format!("Comparing {file} with the stored catalogue…"), None),
        Progress::Writing { done, total } => {
            (format!("Writing {file}: {} of {} records", grouped(done), grouped(total)), Some((done, total)))
        }
        Progress::Committing => ("Saving: the browser is committing the new catalogue…".to_owned(), None),
    };
    view! {
        <p role="status" id="import-status">{text}</p>
        {match bar {
            Some((done, total)) => view! { <progress aria-labelledby="import-status" max=total.max(1) value=done></progress> }.into_any(),
            None => view! { <progress aria-labelledby="import-status"></progress> }.into_any(),
        }}
    }
}

/// 60168 → "60,168".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

/// Whether the browser keeps the catalogue for good, and how much space it takes.
#[component]
fn StorageCard() -> impl IntoView {
    let refresh = RwSignal::new(0);
    let info = LocalResource::new(move || {
        refresh.track();
        crate::offline::storage()
    });
    let ask = move |_| {
        spawn_local(async move {
            crate::offline::persist().await;
            refresh.update(|n| *n += 1);
        })
    };
    view! {
        <section aria-labelledby="storage-title" class="card">
            <h2 id="storage-title">"Storage on this device"</h2>
            <p id="offline-support">
                {if crate::offline::offline_supported() {
                    "Offline: once opened, the app and the catalogue open without a connection."
                } else {
                    "No offline copy: this browser offers no service worker here (a private window, or turned off), so opening the app needs a connection. What you change is still stored."
                }}
            </p>
            {move || match info.get() {
                None => view! { <p role="status">"Checking…"</p> }.into_any(),
                Some(None) => view! { <p>"This browser does not report its storage."</p> }.into_any(),
                Some(Some(s)) => view! {
                    <p id="storage-usage">{format!("The catalogue and the offline copy of the app use {} of the {} this browser allows.", megabytes(s.usage_bytes), megabytes(s.quota_bytes))}</p>
                    {if s.persisted {
                        view! { <p id="storage-persisted" class="success">"Persistent: the browser will not delete this data to free space."</p> }.into_any()
                    } else if !crate::offline::can_ask_to_persist() {
                        view! { <p id="storage-persisted">"Best effort: under storage pressure the browser may delete this data, and it cannot be asked to keep it: export your changes to be safe."</p> }.into_any()
                    } else {
                        view! {
                            <p id="storage-persisted">"Best effort: under storage pressure the browser may delete this data (export your changes to be safe)."</p>
                            <button type="button" class="secondary" on:click=ask>"Ask to keep it"</button>
                        }.into_any()
                    }}
                }.into_any(),
            }}
        </section>
    }
}
