//! The catalogue list: every service, filtered as you type, sortable, and virtualized so
//! that ten thousand services scroll like ten. Filter and sort live in the URL.

use std::cmp::Ordering;

use catalogue_core::model::{Lifecycle, Service, ServiceView};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::components::records::link;
use crate::components::virtual_list::VirtualList;
use crate::listing::{by_name, matches, updated, ROW_HEIGHT};
use crate::state::{AppState, Loaded};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SortKey {
    Name,
    Tier,
    Owner,
    Updated,
}

impl SortKey {
    const ALL: [SortKey; 4] = [SortKey::Name, SortKey::Tier, SortKey::Owner, SortKey::Updated];
    fn param(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Tier => "tier",
            SortKey::Owner => "owner",
            SortKey::Updated => "updated",
        }
    }
    fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Service",
            SortKey::Tier => "Tier",
            SortKey::Owner => "Owner",
            SortKey::Updated => "Updated",
        }
    }
}

fn owner_name<'a>(l: &'a Loaded, s: &'a Service) -> &'a str {
    l.lookup.party.get(&s.owner).map(|&i| l.cat.parties[i].name.as_str()).unwrap_or(&s.owner)
}

#[component]
pub fn ServiceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_query_map();
    let navigate = use_navigate();
    let param = move |k: &str| params.with(|p| p.get(k).unwrap_or_default());
    let filter = Memo::new(move |_| param("filter"));
    let view_filter = Memo::new(move |_| param("view"));
    let lifecycle_filter = Memo::new(move |_| param("lifecycle"));
    let sort =
        Memo::new(move |_| SortKey::ALL.into_iter().find(|k| k.param() == param("sort")).unwrap_or(SortKey::Name));
    let descending = Memo::new(move |_| param("order") == "desc");

    let set_params = Callback::new(move |changes: Vec<(&'static str, String)>| {
        let mut p: ParamsMap = params.get_untracked();
        for (key, value) in changes {
            p.remove(key);
            if !value.is_empty() {
                p.insert(key, value);
            }
        }
        navigate(
            &format!("/{}", p.to_query_string()),
            NavigateOptions { replace: true, scroll: false, ..Default::default() },
        );
    });
    let set_param = move |key: &'static str, value: String| set_params.run(vec![(key, value)]);

    // Indexes into the catalogue's services, filtered and sorted.
    let rows = Memo::new(move |_| {
        let needle = filter.get().to_lowercase();
        let view = view_filter.get();
        let lifecycle = lifecycle_filter.get();
        let (key, desc) = (sort.get(), descending.get());
        {
            let Some(l) = state.listed() else { return Vec::new() };
            let l = &l;
            let mut rows: Vec<usize> = l
                .cat
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| view.is_empty() || s.view.label() == view)
                .filter(|(_, s)| lifecycle.is_empty() || s.lifecycle.label() == lifecycle)
                .filter(|(_, s)| matches(s, &needle))
                .map(|(i, _)| i)
                .collect();
            rows.sort_by(|&a, &b| {
                let (a, b) = (&l.cat.services[a], &l.cat.services[b]);
                let o = match key {
                    SortKey::Name => Ordering::Equal,
                    SortKey::Tier => a.tier.cmp(&b.tier),
                    SortKey::Owner => owner_name(l, a).cmp(owner_name(l, b)),
                    // Most recently updated first unless reversed.
                    SortKey::Updated => b.updated_at.cmp(&a.updated_at),
                };
                let o = o.then_with(|| by_name(a, b));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
            rows
        }
    });
    let count = Signal::derive(move || rows.with(Vec::len));

    let counts = move || {
        state.catalogue.with(|c| {
            c.as_ref().map(|l| {
                let c = &l.cat;
                format!(
                    "{} services · {} offerings · {} agreements · {} articles · {} parties · {} calendars",
                    c.services.len(),
                    c.offerings.len(),
                    c.agreements.len(),
                    c.articles.len(),
                    c.parties.len(),
                    c.calendars.len()
                )
            })
        })
    };

    let row = move |i: usize| {
        let Some(l) = state.listed_untracked() else { return ().into_any() };
        let Some(&index) = rows.with_untracked(|r| r.get(i).copied()).as_ref() else { return ().into_any() };
        let s = &l.cat.services[index];
        view! {
            <div class="service-row" role="row" aria-rowindex=i + 2>
                <div role="cell" class="cell-name">
                    {link(catalogue_core::model::RecordKind::Service, &s.id, &s.name)}
                    <div class="summary">{s.summary.clone()}</div>
                </div>
                <div role="cell"><span class=format!("badge view-{}", s.view.label())>{s.view.label()}</span></div>
                <div role="cell"><span class=format!("badge lifecycle-{}", s.lifecycle.label())>{s.lifecycle.label()}</span></div>
                <div role="cell">{format!("Tier {}", s.tier)}</div>
                <div role="cell">{owner_name(&l, s).to_owned()}</div>
                <div role="cell" class="muted">{updated(s)}</div>
            </div>
        }
        .into_any()
    };

    let header_cell = move |key: SortKey| {
        view! {
            <div role="columnheader" aria-sort=move || if sort.get() != key { "none" } else if descending.get() { "descending" } else { "ascending" }>
                <button type="button" class="sort" on:click=move |_| {
                    let desc = sort.get_untracked() == key && !descending.get_untracked();
                    set_params.run(vec![
                        ("sort", if key == SortKey::Name { String::new() } else { key.param().to_owned() }),
                        ("order", if desc { "desc".to_owned() } else { String::new() }),
                    ]);
                }>
                    {key.label()}
                    <span aria-hidden="true" class="sort-mark">{move || if sort.get() != key { "" } else if descending.get() { " ▼" } else { " ▲" }}</span>
                </button>
            </div>
        }
    };

    view! {
        <section aria-labelledby="services-title">
            <h1 id="services-title">"Services"</h1>
            <p class="counts">{counts}</p>
            {move || params.with(|q| q.get("deleted")).map(|kind| view! { <p class="notice success" role="status">{format!("The {kind} was deleted, with what depended on it.")}</p> })}
            <nav class="create" aria-label="Create">
                "New: "
                {catalogue_core::model::RecordKind::ALL.into_iter().map(|k| view! {
                    <a href=crate::links::at(crate::links::new_record(k))>{k.label()}</a>" "
                }).collect_view()}
            </nav>
            <div class="toolbar">
                <label for="service-filter">"Filter services"</label>
                <input id="service-filter" type="search" placeholder="Name, summary, family or tag"
                    prop:value=filter
                    on:input=move |ev| set_param("filter", event_target_value(&ev)) />
                <label for="view-filter">"View"</label>
                <select id="view-filter" prop:value=view_filter on:change=move |ev| set_param("view", event_target_value(&ev))>
                    <option value="">"All"</option>
                    {ServiceView::ALL.map(|v| view! { <option value=v.label()>{v.label()}</option> }).collect_view()}
                </select>
                <label for="lifecycle-filter">"Lifecycle"</label>
                <select id="lifecycle-filter" prop:value=lifecycle_filter on:change=move |ev| set_param("lifecycle", event_target_value(&ev))>
                    <option value="">"All"</option>
                    {Lifecycle::ALL.map(|l| view! { <option value=l.label()>{l.label()}</option> }).collect_view()}
                </select>
            </div>
            <p class="result-count" role="status">{move || format!("{} shown", count.get())}</p>
            <div class="service-table" role="table" aria-label="Services" aria-rowcount=move || count.get() + 1>
                <div class="service-row header" role="row" aria-rowindex="1">
                    {header_cell(SortKey::Name)}
                    <div role="columnheader">"View"</div>
                    <div role="columnheader">"Lifecycle"</div>
                    {header_cell(SortKey::Tier)}
                    {header_cell(SortKey::Owner)}
                    {header_cell(SortKey::Updated)}
                </div>
                <VirtualList id="service-rows" label="Service rows" len=count row_height=ROW_HEIGHT row=row in_table=true />
            </div>
        </section>
    }
}
