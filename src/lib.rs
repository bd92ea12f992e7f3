//! The web app: routes and layout. Pages read the catalogue from [`state::AppState`]
//! and never touch storage themselves.

mod components;
mod pages;
mod platform;
mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::state::{AppState, LoadStatus};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    view! {
        <Router base=platform::base_path()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    {move || state.catalogue_name()}
                </A>
                <nav aria-label="Main">
                    <A href="/">"Services"</A>
                    <A href="/data">"Import & export"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                {move || state.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                {move || match state.status.get() {
                    LoadStatus::Loading(what) => view! {
                        <p class="loading" role="status">{what}</p>
                    }.into_any(),
                    LoadStatus::Failed(why) => view! {
                        <div class="error-panel" role="alert">
                            <h2>"The catalogue could not be opened"</h2>
                            <p>{why}</p>
                            <p><A href="/data">"Import a catalogue file"</A></p>
                        </div>
                    }.into_any(),
                    LoadStatus::Ready => ().into_any(),
                }}
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("") view=pages::services::ServiceList/>
                    <Route path=path!("services/:id") view=pages::service::ServicePage/>
                    <Route path=path!("data") view=pages::data::DataPage/>
                </Routes>
            </main>
        </Router>
    }
}
