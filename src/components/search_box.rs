//! The search box in the header: typing searches at once (the URL follows), arrow
//! down moves into the results, `/` anywhere focuses it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::search::{focus_element, Query, SearchCtx, SEARCH_BOX_ID};

#[component]
pub fn SearchBox() -> impl IntoView {
    let ctx = expect_context::<SearchCtx>();
    let location = use_location();
    let navigate = use_navigate();
    let on_search_page = move || location.pathname.with(|p| p.ends_with("/search"));
    let text = RwSignal::new(String::new());
    // Follow the URL: back/forward and deep links show their query in the box.
    Effect::new(move |_| {
        if on_search_page() {
            let q = ctx.query.with(|q| q.text.clone());
            if text.get_untracked() != q {
                text.set(q);
            }
        }
    });
    let go = move |value: String| {
        let selection =
            if on_search_page() { ctx.query.with_untracked(|q| q.selection.clone()) } else { Default::default() };
        let url = Query { text: value, selection }.url();
        // Typing refines one search: it replaces the history entry instead of adding one per key.
        navigate(&url, NavigateOptions { replace: on_search_page(), ..Default::default() });
    };
    let go_on_input = go.clone();
    let navigate_to = {
        let navigate = use_navigate();
        move |url: &str| navigate(url, Default::default())
    };

    window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = document().active_element().is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.has_attribute("contenteditable")
        });
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() {
            ev.prevent_default();
            focus_element(SEARCH_BOX_ID);
        }
    });

    view! {
        <form class="search-box" role="search" on:submit=move |ev| {
            ev.prevent_default();
            ctx.write_url();
            // Enter opens the best match: the quickest way from a name to its page.
            let first = ctx.outcome.with_untracked(|o| o.row(0).map(|(key, _)| key));
            if let (true, Some(key)) = (on_search_page(), first) {
                navigate_to(&crate::links::href(key.kind, &key.id));
            } else {
                go(text.get_untracked());
            }
        }>
            <label for=SEARCH_BOX_ID class="visually-hidden">"Search the catalogue"</label>
            <input id=SEARCH_BOX_ID type="search" autocomplete="off" spellcheck="false"
                placeholder="Search services, articles, agreements…  ( / )"
                prop:value=text
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    text.set(v.clone());
                    if on_search_page() { ctx.type_text(v) } else { go_on_input(v) }
                }
                on:keydown=move |ev| {
                    if ev.key() == "ArrowDown" && on_search_page() && ctx.outcome.with_untracked(|o| !o.is_empty()) {
                        ev.prevent_default();
                        ctx.focus_result(0);
                    }
                } />
        </form>
    }
}
