//! The web app: how it starts, its routes and layout. Pages read the catalogue from
//! [`state::AppState`] and never touch storage themselves.

mod components;
mod first_screen;
mod forms;
mod lazy_pages;
mod links;
mod listing;
mod offline;
mod pages;
mod platform;
mod search;
mod state;
mod theme;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};

use crate::state::{AppState, LoadStatus};

/// Starts the app in two steps: the first screen opens the catalogue and paints its
/// list, then the app's code (a module of its own, fetched once the list is painted)
/// takes over from what was read.
pub fn start() {
    // A returning reader's files come from the service worker: the app's module is then
    // fetched and compiled while the list is read, instead of once it is painted (on a
    // first visit it would share the network with what the list waits for).
    if offline::served_by_worker() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = preload_app().await;
        });
    }
    wasm_bindgen_futures::spawn_local(async {
        let screen = first_screen::FirstScreen::show();
        let (store, storage_problem) = state::open::open_store(|| first_screen::status(BLOCKED)).await;
        let start = state::open::start(
            &store,
            || first_screen::status("Loading the published catalogue…"),
            async |list, next| {
                if let Some(screen) = &screen {
                    screen.show_list(list, next).await;
                }
            },
        )
        .await;
        match mount_app(state::open::Opened { store, storage_problem, start }).await {
            Ok(()) => {
                if let Some(screen) = screen {
                    screen.hand_over().await;
                }
            }
            Err(lazy_pages::NotFetched) => {
                if let Some(screen) = &screen {
                    screen.app_not_fetched();
                }
            }
        }
    });
}

const BLOCKED: &str = "An older version of this app in another tab holds the catalogue: close or reload that tab, and this page continues by itself.";

/// Mounts the app (Leptos, the state, the shell and the list page): everything reached
/// from here is a wasm module of its own, fetched once the first screen is painted.
#[leptos::wasm_split::wasm_split(app, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_app))]
fn mount_app(opened: state::open::Opened) -> Result<(), lazy_pages::NotFetched> {
    leptos::mount::mount_to_body(move || {
        let state = AppState::start(opened);
        provide_context(state);
        view! {
            <Router base=platform::base_path()>
                <Shell state/>
            </Router>
        }
    });
    Ok(())
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    search::SearchCtx::provide(state);
    let location = leptos_router::hooks::use_location();
    let query = leptos_router::hooks::use_query_map();
    let knowledge = Memo::new(move |_| {
        location.pathname.with(|p| p.ends_with("/search"))
            && query.with(|q| q.get_all("kind").is_some_and(|kinds| kinds == ["article"]))
    });
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <A href=links::at("/") attr:class="brand">
                {move || state.catalogue_name()}
            </A>
            <components::search_box::SearchBox/>
            <nav aria-label="Main">
                {links::MAIN_NAV.map(|(path, label)| match path {
                    // Not an `<A>`, which would mark it as the current page on every search:
                    // it is current when the search shows articles alone.
                    links::KNOWLEDGE => view! {
                        <a href=links::at(path) aria-current=move || knowledge.get().then_some("page")>{label}</a>
                    }.into_any(),
                    links::CHANGES => view! {
                        <A href=links::at(path)>
                            {label}
                            {move || state.unexported_since.get().map(|_| view! {
                                <span class="unexported" title="Changes not exported yet">
                                    <span aria-hidden="true">" •"</span>
                                    <span class="visually-hidden">" (not exported)"</span>
                                </span>
                            })}
                        </A>
                    }.into_any(),
                    _ => view! { <A href=links::at(path)>{label}</A> }.into_any(),
                }).collect_view()}
            </nav>
            <components::theme::ThemeToggle/>
        </header>
        <components::palette::Palette/>
        <main id="main" tabindex="-1">
            {move || state.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || state.pending_merge.get().map(|p| view! {
                <p class="notice warning" role="status">
                    {match p.change_set {
                        Some(_) => format!("The change set {} waits to be applied. ", p.source),
                        None => format!("A newer catalogue (revision {}, from {}) changes records you changed here. ", p.theirs.catalogue.revision, p.source),
                    }}
                    <A href=links::at("/merge")>"Review the merge"</A>
                </p>
            })}
            // An import goes on while the reader is elsewhere: say so, with the way back.
            {move || {
                let on_data_page = location.pathname.get().ends_with("/data");
                match state.import.get() {
                    state::ImportStep::Working { file, .. } if !on_data_page => Some(view! {
                        <p class="notice" role="status" id="import-elsewhere">
                            {format!("Importing {file}… ")}
                            <A href=links::at("/data")>"See its progress"</A>
                        </p>
                    }),
                    _ => None,
                }
            }}
            {move || state.unexported_reminder().map(|days| view! {
                <p class="notice warning" role="status" id="unexported-reminder">
                    {format!("Changes made in this browser over the last {days} days are not exported. Browsers may delete the data of a site not opened for a week (Safari does): keep a copy. ")}
                    <button type="button" on:click=move |_| leptos::task::spawn_local(async move {
                        if let Err(why) = state.download_catalogue().await {
                            state.notice.set(Some(why));
                        }
                    })>"Export the catalogue"</button>
                    " "
                    <A href=links::at("/changes")>"See my changes"</A>
                </p>
            })}
            {move || {
                let unseen = state.whats_new.get().filter(|w| !w.seen && !w.records.is_empty())?;
                (!location.pathname.get().ends_with(links::WHATS_NEW)).then(|| view! {
                    <p class="notice" role="status" id="whats-new-banner">
                        {format!("A newer catalogue was published (revision {}): {} record(s) changed since the version you had. ", unseen.to_revision, unseen.records.len())}
                        <A href=links::at(links::WHATS_NEW)>"See what's new"</A>
                    </p>
                })
            }}
            {move || state.update_available.get().then(|| view! {
                <p class="notice update" role="status">
                    "A new version of this catalogue is available. "
                    <button type="button" on:click=|_| offline::update_now()>"Reload to update"</button>
                </p>
            })}
            {move || match state.status.get() {
                LoadStatus::Loading(what) => view! {
                    <p class="loading" role="status">{what}</p>
                }.into_any(),
                LoadStatus::Failed(why) => view! {
                    <div class="error-panel" role="alert">
                        <h2>"The catalogue could not be opened"</h2>
                        <p>{why}</p>
                        <p><A href=links::at("/data")>"Import a catalogue file"</A></p>
                    </div>
                }.into_any(),
                LoadStatus::Ready => ().into_any(),
            }}
            <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                <Route path=path!("") view=pages::services::ServiceList/>
                <Route path=path!("search") view={Lazy::<lazy_pages::SearchPage>::new()}/>
                <Route path=path!("services/:id") view={Lazy::<lazy_pages::ServicePage>::new()}/>
                <Route path=path!("services/:id/impact") view={Lazy::<lazy_pages::ImpactPage>::new()}/>
                <Route path=path!("offerings/:id") view={Lazy::<lazy_pages::OfferingPage>::new()}/>
                <Route path=path!("agreements/:id") view={Lazy::<lazy_pages::AgreementPage>::new()}/>
                <Route path=path!("articles/:id") view={Lazy::<lazy_pages::ArticlePage>::new()}/>
                <Route path=path!("calendars/:id") view={Lazy::<lazy_pages::CalendarPage>::new()}/>
                <Route path=path!("parties/:id") view={Lazy::<lazy_pages::PartyPage>::new()}/>
                <Route path=path!("data") view={Lazy::<lazy_pages::DataPage>::new()}/>
                <Route path=path!("edit/:kind/:id") view={Lazy::<lazy_pages::EditPage>::new()}/>
                <Route path=path!("new/:kind") view={Lazy::<lazy_pages::EditPage>::new()}/>
                <Route path=path!("history/:kind/:id") view={Lazy::<lazy_pages::HistoryPage>::new()}/>
                <Route path=path!("changes") view={Lazy::<lazy_pages::ChangesPage>::new()}/>
                <Route path=path!("merge") view={Lazy::<lazy_pages::MergePage>::new()}/>
                <Route path=path!("whats-new") view={Lazy::<lazy_pages::WhatsNewPage>::new()}/>
                <Route path=path!("health") view={Lazy::<lazy_pages::HealthPage>::new()}/>
                <Route path=path!("scorecards") view={Lazy::<lazy_pages::ScorecardsPage>::new()}/>
                <Route path=path!("scorecards/:id") view={Lazy::<lazy_pages::ScorecardPage>::new()}/>
                <Route path=path!("feasibility") view={Lazy::<lazy_pages::FeasibilityPage>::new()}/>
                <Route path=path!("operations") view={Lazy::<lazy_pages::OperationsPage>::new()}/>
                <Route path=path!("parties/:id/handover") view={Lazy::<lazy_pages::HandoverPage>::new()}/>
            </Routes>
        </main>
        <footer class="site-footer">
            {move || {
                let list = state.catalogue.get().or_else(|| state.early_list.get())?;
                let meta = &list.cat.catalogue;
                Some(view! {
                    <p>
                        {format!("{}: {}. ", meta.name, pages::whats_new::published_version(meta))}
                        <A href=links::at(links::WHATS_NEW)>"What's new"</A>
                    </p>
                })
            }}
        </footer>
    }
}
