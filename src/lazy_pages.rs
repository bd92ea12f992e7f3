//! The pages fetched when first opened. At build time (scripts/build-app.mjs) each group
//! below is cut out of the app's wasm into a module of its own, so a first visit
//! downloads only the first screen and the app's shell and service list, the page
//! readers land on.
//!
//! Pages are grouped, not split one by one: code shared by several split modules goes
//! into a chunk per combination of modules that use it, and one module per page gave
//! some 250 chunks, a hundred of them fetched to open a single form.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::LazyRoute;

use crate::pages;

/// A group's module could not be fetched (offline before the service worker kept it,
/// or the network failed). The failure is not remembered: opening the page again
/// retries.
pub struct NotFetched;

impl From<SplitLoaderError> for NotFetched {
    fn from(_: SplitLoaderError) -> Self {
        NotFetched
    }
}

fn not_fetched() -> AnyView {
    view! {
        <div class="error-panel" role="alert" id="page-not-fetched">
            <h1>"This page could not be fetched"</h1>
            <p>"It is downloaded the first time it is opened, and the network did not answer. \
                Check the connection and open it again; everything already shown still works."</p>
        </div>
    }
    .into_any()
}

macro_rules! lazy_pages {
    ($($group:ident { $($name:ident => $page:path),* $(,)? })*) => {$(
        // Only this group's pages are reachable from here, so only their code moves.
        #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $group(page: &'static str) -> Result<AnyView, NotFetched> {
            Ok(match page {
                $(stringify!($name) => $page().into_any(),)*
                _ => unreachable!("{page} is not in the group {}", stringify!($group)),
            })
        }
        $(
            pub struct $name;
            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }
                async fn view(_: Self) -> AnyView {
                    $group(stringify!($name)).await.unwrap_or_else(|NotFetched| not_fetched())
                }
            }
        )*
    )*};
}

lazy_pages! {
    // Reading: what a search or a link from the list opens.
    pages_browse {
        SearchPage => pages::search::SearchPage,
        ServicePage => pages::service::ServicePage,
        ImpactPage => pages::impact::ImpactPage,
        OfferingPage => pages::records::OfferingPage,
        AgreementPage => pages::records::AgreementPage,
        ArticlePage => pages::article::ArticlePage,
        CalendarPage => pages::records::CalendarPage,
        PartyPage => pages::records::PartyPage,
        WhatsNewPage => pages::whats_new::WhatsNewPage,
    }
    // Changing records, and seeing what changed.
    pages_editing {
        EditPage => pages::edit::EditPage,
        HistoryPage => pages::history::HistoryPage,
        ChangesPage => pages::changes::ChangesPage,
        MergePage => pages::merge::MergePage,
        HandoverPage => pages::handover::HandoverPage,
    }
    // Import and export.
    pages_data {
        DataPage => pages::data::DataPage,
    }
    // Reports over the whole catalogue.
    pages_insights {
        HealthPage => pages::health::HealthPage,
        ScorecardsPage => pages::scorecards::ScorecardsPage,
        ScorecardPage => pages::scorecards::ScorecardPage,
        FeasibilityPage => pages::feasibility::FeasibilityPage,
        OperationsPage => pages::operations::OperationsPage,
    }
}
