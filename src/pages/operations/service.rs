//! A service's own operations figures over the report's default period, on its page,
//! next to its agreements.

use catalogue_core::model::RecordKind;
use catalogue_core::operations::measures::{duration, percent, period, Scope};
use catalogue_core::operations::Operations;
use jiff::SignedDuration;
use leptos::prelude::*;

use super::{DEFAULT_DAYS, WINDOW_HOURS};
use crate::components::records::record_link;
use crate::links;
use crate::state::{last_day, AppState};

#[component]
pub fn ServiceOperations(service: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = LocalResource::new(move || {
        state.operations_written.track();
        async move {
            let summary = state.operations_summary().await.map_err(|e| e.to_string())?;
            if summary.incidents + summary.changes == 0 {
                return Ok(None);
            }
            let (from, to) = period(last_day(None, summary.last), DEFAULT_DAYS);
            let window = SignedDuration::from_hours(WINDOW_HOURS);
            let ops = state.operations(from, to.checked_add(window).unwrap_or(to)).await.map_err(|e| e.to_string())?;
            Ok::<_, String>(Some((from, to, ops)))
        }
    });
    let report = links::at(format!("/operations?service={}", js_sys::encode_uri_component(&service)));
    move || {
        let l = state.catalogue.get()?;
        let body = match figures.get()? {
            Err(e) => view! { <p class="notice warning">{e}</p> }.into_any(),
            Ok(None) => view! {
                <p class="empty">"No incidents or changes are kept in this browser. "<a href=links::at("/operations")>"Import them on Operations"</a>"."</p>
            }
            .into_any(),
            Ok(Some((from, to, ops))) => {
                let zones = crate::platform::zones();
                let scope = Scope { cat: &l.cat, lookup: &l.lookup, zones };
                let mine = |s: &str| s == service;
                let f = scope.figures(&ops, from, to, &mine, SignedDuration::from_hours(WINDOW_HOURS));
                // The SLA's share for this service's own incidents.
                let mut own = Operations::new();
                own.incidents = ops.incidents.iter().filter(|x| x.service == service).cloned().collect();
                let attainment: Vec<_> = scope.attainment(&own, from, to).into_iter().filter(|a| a.total > 0).collect();
                let day = |t: jiff::Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
                let last = day(to).yesterday().unwrap_or(day(to));
                view! {
                    <p class="muted">{format!("{} to {last}.", day(from))}</p>
                    <dl class="facts" id="service-operations">
                        <dt>"Incidents"</dt><dd>{f.incidents}</dd>
                        <dt>"Resolved at first line"</dt><dd>{format!("{} ({} of {})", percent(f.first_time_fix_rate()), f.first_time_fixed, f.resolved)}</dd>
                        <dt>"To acknowledge"</dt><dd>{format!("{} on the clock, {} in service hours", duration(f.mtta_minutes), duration(f.mtta_service_minutes))}</dd>
                        <dt>"To resolve"</dt><dd>{format!("{} on the clock, {} in service hours", duration(f.mttr_minutes), duration(f.mttr_service_minutes))}</dd>
                        <dt>"Changes followed by incidents"</dt><dd>{format!("{} ({} of {})", percent(f.change_failure_rate()), f.changes_followed, f.changes)}</dd>
                        {attainment.into_iter().map(|a| view! {
                            <dt>{record_link(&l, RecordKind::Agreement, &a.agreement)}{format!(" {}{}", a.metric.label(), a.priority.map(|p| format!(" {}", p.label())).unwrap_or_default())}</dt>
                            <dd>{format!("{} in time ({} of {})", percent(a.rate()), a.met, a.total)}</dd>
                        }).collect_view()}
                    </dl>
                    <p><a href=report.clone()>"The operations report of this service"</a></p>
                }
                .into_any()
            }
        };
        Some(view! {
            <section aria-labelledby="operations">
                <h2 id="operations">"Operations"</h2>
                {body}
            </section>
        })
    }
}
