//! Catalogue health: each measure as a bar with its share, and the records that fail it.

use catalogue_core::health::measures;
use leptos::prelude::*;

use crate::links;
use crate::state::AppState;

#[component]
pub fn HealthPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = crate::platform::today();
    move || {
        let l = state.catalogue.get()?;
        let all = measures(&l.cat, &l.lookup, today);
        Some(view! {
            <article aria-labelledby="health-title">
                <header class="record-header">
                    <h1 id="health-title">"Catalogue health"</h1>
                    <p class="lede">{format!("How complete and current the catalogue is on {today}. Open a measure to see the records to fix.")}</p>
                </header>
                <ul class="health">
                    {all.into_iter().map(|m| {
                        let pct = m.percent();
                        let class = if pct >= 90.0 { "good" } else if pct >= 60.0 { "fair" } else { "poor" };
                        view! {
                            <li class=format!("measure {class}") id=format!("measure-{}", m.key)>
                                <div class="measure-head">
                                    <span class="measure-label">{m.label}</span>
                                    <span class="measure-figure">{format!("{:.0} % ({} of {})", pct, m.met, m.total)}</span>
                                </div>
                                <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=format!("{:.0} percent", pct)>
                                    <rect class="bar-track" x="0" y="0" width="100" height="6" rx="1"></rect>
                                    <rect class="bar-fill" x="0" y="0" width=format!("{pct:.1}") height="6" rx="1"></rect>
                                </svg>
                                {(!m.failing.is_empty()).then(|| view! {
                                    <details>
                                        <summary>{format!("{} to fix", m.failing.len())}</summary>
                                        <ul>
                                            {m.failing.iter().map(|(kind, id, why)| {
                                                let title = l.cat.record_title(*kind, id).unwrap_or_else(|| id.clone());
                                                view! { <li><a href=links::at(links::href(*kind, id))>{title}</a>": "{why.clone()}</li> }
                                            }).collect_view()}
                                        </ul>
                                    </details>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </article>
        })
    }
}
