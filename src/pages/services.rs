use catalogue_core::model::ServiceView;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::AppState;

/// The catalogue list: every service, filtered as you type.
#[component]
pub fn ServiceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (filter, set_filter) = signal(String::new());
    let (view_filter, set_view_filter) = signal(None::<ServiceView>);

    let rows = move || {
        let needle = filter.get().to_lowercase();
        let wanted_view = view_filter.get();
        state.catalogue.with(|c| {
            let Some(l) = c else { return Vec::new() };
            l.cat
                .services
                .iter()
                .filter(|s| wanted_view.is_none_or(|v| s.view == v))
                .filter(|s| {
                    needle.is_empty()
                        || s.name.to_lowercase().contains(&needle)
                        || s.summary.to_lowercase().contains(&needle)
                        || s.id.contains(&needle)
                        || s.family.to_lowercase().contains(&needle)
                        || s.tags.iter().any(|t| t.to_lowercase().contains(&needle))
                })
                .map(|s| {
                    let owner = l.lookup.party.get(&s.owner).map(|&i| l.cat.parties[i].name.clone()).unwrap_or_default();
                    (s.id.clone(), s.name.clone(), s.summary.clone(), s.view, s.lifecycle, s.tier, owner, s.family.clone())
                })
                .collect::<Vec<_>>()
        })
    };
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

    view! {
        <section aria-labelledby="services-title">
            <h1 id="services-title">"Services"</h1>
            <p class="counts">{counts}</p>
            <div class="toolbar" role="search">
                <label for="service-filter">"Filter services"</label>
                <input id="service-filter" type="search" placeholder="Name, summary, family or tag"
                    prop:value=filter
                    on:input=move |ev| set_filter.set(event_target_value(&ev)) />
                <label for="view-filter">"View"</label>
                <select id="view-filter" on:change=move |ev| set_view_filter.set(match event_target_value(&ev).as_str() {
                    "business" => Some(ServiceView::Business),
                    "technical" => Some(ServiceView::Technical),
                    _ => None,
                })>
                    <option value="">"All"</option>
                    <option value="business">"Business"</option>
                    <option value="technical">"Technical"</option>
                </select>
            </div>
            {move || {
                let rows = rows();
                let shown = rows.len();
                view! {
                    <p class="result-count" aria-live="polite">{format!("{shown} shown")}</p>
                    <table class="records">
                        <thead>
                            <tr>
                                <th scope="col">"Service"</th>
                                <th scope="col">"View"</th>
                                <th scope="col">"Lifecycle"</th>
                                <th scope="col">"Tier"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Family"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|(id, name, summary, view, lifecycle, tier, owner, family)| view! {
                                <tr>
                                    <td>
                                        <A href=format!("/services/{id}")>{name}</A>
                                        <div class="summary">{summary}</div>
                                    </td>
                                    <td><span class=format!("badge view-{}", view.label())>{view.label()}</span></td>
                                    <td><span class=format!("badge lifecycle-{}", lifecycle.label())>{lifecycle.label()}</span></td>
                                    <td>{format!("Tier {tier}")}</td>
                                    <td>{owner}</td>
                                    <td>{family}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }}
        </section>
    }
}
