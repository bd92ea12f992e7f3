//! Search results with facets. The query is read from the URL; the search box in the
//! header writes it.

use catalogue_core::facets::Facet;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::highlight::highlighted;
use crate::components::virtual_list::VirtualList;
use crate::links::{at, href};
use crate::search::SearchCtx;
use crate::state::AppState;

/// Height of one result row (title and summary line), in CSS pixels.
pub const ROW_HEIGHT: f64 = 64.0;
/// Facet values listed before "more".
const FACET_VALUES_SHOWN: usize = 8;

#[component]
pub fn SearchPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<SearchCtx>();
    let navigate = use_navigate();
    let count = Signal::derive(move || ctx.outcome.with(|o| o.len()));

    let row = move |i: usize| {
        let outcome = ctx.outcome.get_untracked();
        let Some((key, brief)) = outcome.row(i) else { return ().into_any() };
        let title = highlighted(&brief.title, &outcome.terms);
        let summary = highlighted(&brief.summary, &outcome.terms);
        let kind = key.kind.label();
        view! {
            // A plain link (the router still takes its clicks): every keystroke renders
            // these rows anew, and a router `<A>` costs a location subscription each.
            <a href=at(href(key.kind, &key.id)) id=format!("result-{i}") class="result"
                on:pointerdown=move |_| ctx.write_url()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| ctx.move_focus(&ev, i)>
                <span class=format!("badge kind-{kind}")>{kind}</span>
                <span class="result-title">{title}</span>
                <span class="result-summary">{summary}</span>
            </a>
        }
        .into_any()
    };

    // Facets whose "more" list is open. A facet such as Owner has thousands of values:
    // they are rendered only once asked for, not on every keystroke.
    let opened = RwSignal::new(std::collections::BTreeSet::<Facet>::new());
    let facets = move || {
        // Shared by every facet value's checkbox (see `item`).
        let query = std::rc::Rc::new(ctx.query.get());
        let outcome = ctx.outcome.get();
        // Owners are shown by name: the parties are read with the list, first.
        let loaded = state.listed()?;
        let navigate = navigate.clone();
        Some(
            Facet::ALL
                .into_iter()
                .filter_map(move |f| {
                    let values = outcome.counts.get(&f).cloned().unwrap_or_default();
                    let chosen = query.selection.get(&f).cloned().unwrap_or_default();
                    // A facet with one value and nothing chosen narrows nothing.
                    if values.len() < 2 && chosen.is_empty() {
                        return None;
                    }
                    let name = |v: &str| {
                        if f == Facet::Owner {
                            loaded
                                .lookup
                                .party
                                .get(v)
                                .map(|&i| loaded.cat.parties[i].name.clone())
                                .unwrap_or_else(|| v.to_owned())
                        } else if f == Facet::Tier {
                            format!("Tier {v}")
                        } else {
                            v.to_owned()
                        }
                    };
                    let item = |(value, n): (String, usize)| {
                        let checked = chosen.contains(&value);
                        let navigate = navigate.clone();
                        let label = name(&value);
                        // The search a click leads to is made on the click, not for every
                        // value shown on every keystroke.
                        let query = query.clone();
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=checked
                                        on:change=move |_| navigate(&query.toggled(f, &value).url(), Default::default()) />
                                    {label}" "<span class="count">{n}</span>
                                </label>
                            </li>
                        }
                    };
                    let mut values = values;
                    // Chosen values stay visible even when rare.
                    values.sort_by_key(|(v, n)| (!chosen.contains(v), std::cmp::Reverse(*n)));
                    let rest = values.split_off(values.len().min(FACET_VALUES_SHOWN));
                    Some(view! {
                        <fieldset class="facet">
                            <legend>{f.label()}</legend>
                            <ul>{values.into_iter().map(item).collect_view()}</ul>
                            {(!rest.is_empty()).then(|| {
                                let open = opened.with(|o| o.contains(&f));
                                let count = rest.len();
                                view! {
                                    <details open=open on:toggle=move |ev| {
                                        let now = event_target::<web_sys::Element>(&ev).has_attribute("open");
                                        // Only a change: rendering an open list fires a toggle too.
                                        if now != opened.with_untracked(|o| o.contains(&f)) {
                                            opened.update(|o| if now { o.insert(f); } else { o.remove(&f); });
                                        }
                                    }>
                                        <summary>{format!("{count} more")}</summary>
                                        {open.then(|| view! { <ul>{rest.into_iter().map(item).collect_view()}</ul> })}
                                    </details>
                                }
                            })}
                        </fieldset>
                    })
                })
                .collect_view(),
        )
    };

    let summary = move || {
        let n = count.get();
        let complete = ctx.outcome.with(|o| o.complete);
        let q = ctx.query.with(|q| q.text.trim().to_owned());
        let records = |n: usize| format!("{n} {}", if n == 1 { "record" } else { "records" });
        if q.is_empty() {
            records(n)
        } else if complete == n {
            format!("{} for “{q}”", records(n))
        } else if complete == 0 {
            let have = if n == 1 { "1 record has".to_owned() } else { format!("{n} records have") };
            format!("No record has every word of “{q}”; {have} some of them")
        } else {
            format!("{} for “{q}”: {complete} with every word, then those with some of them", records(n))
        }
    };

    view! {
        <section class="search-page" aria-labelledby="search-title">
            <h1 id="search-title">"Search"</h1>
            <div class="search-layout">
                <aside class="facets" aria-label="Filters">
                    {facets}
                    {move || ctx.query.with(|q| !q.selection.is_empty()).then(|| {
                        let url = ctx.query.with(|q| crate::search::Query { text: q.text.clone(), ..Default::default() }.url());
                        view! { <A href=at(url) attr:class="clear-filters">"Clear filters"</A> }
                    })}
                </aside>
                // Which query the list shows (tests and benchmarks wait for it).
                <div class="results" data-query=move || ctx.outcome.with(|o| o.query.clone())>
                    <p class="result-count" role="status">{move || match (state.indexing.get(), state.index.with(|i| i.is_some())) {
                        (Some((done, total)), _) => format!("Building the search index… {}%", done * 100 / total.max(1)),
                        (None, false) => "Getting search ready…".to_owned(),
                        (None, true) => summary(),
                    }}</p>
                    {move || (count.get() == 0 && state.index.with(|i| i.is_some())).then(|| view! {
                        <p class="empty">"Nothing matches. Check the spelling, use fewer words, or clear the filters."</p>
                    })}
                    <VirtualList id="results" label="Search results" len=count row_height=ROW_HEIGHT row=row
                        scroll_to=Signal::derive(move || ctx.active.get()) />
                </div>
            </div>
        </section>
    }
}
