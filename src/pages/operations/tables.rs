//! The records behind the Operations report's figures: incidents, changes followed by
//! incidents, and SLA attainment with its breaches.

use catalogue_core::model::RecordKind;
use catalogue_core::operations::measures::{duration, percent, Attainment, Scope};
use catalogue_core::operations::{ChangeRecord, Incident};
use jiff::Timestamp;
use leptos::prelude::*;

use crate::components::records::record_link;
use crate::components::table_scroll::table_scroll;
use crate::platform::format_local;
use crate::state::Loaded;

/// Rows shown at most: the rest are counted, and narrowing the period or scope shows them.
pub const SHOWN: usize = 100;

fn minutes_between(a: Timestamp, b: Option<Timestamp>) -> Option<f64> {
    b.map(|b| a.duration_until(b).as_secs_f64() / 60.0)
}

fn more(total: usize) -> Option<impl IntoView> {
    (total > SHOWN).then(|| {
        view! { <p class="muted">{format!("And {} more: choose a shorter period or one service to see them.", total - SHOWN)}</p> }
    })
}

/// The first rows of a list of incidents, and how many it holds in all.
pub fn incident_table(l: &Loaded, scope: &Scope, (total, incidents): (usize, Vec<&Incident>)) -> impl IntoView {
    let rows = incidents
        .into_iter()
        .take(SHOWN)
        .map(|x| {
            let outside = !scope.in_support_hours(&x.service, x.opened);
            view! {
                <tr>
                    <td>{x.id.clone()}</td>
                    <td>{record_link(l, RecordKind::Service, &x.service)}</td>
                    <td>{x.priority.map(|p| p.label()).unwrap_or("–")}</td>
                    <td class="when">{format_local(x.opened)}{outside.then_some(" (outside support hours)")}</td>
                    <td>{duration(minutes_between(x.opened, x.acknowledged))}</td>
                    <td>{x.resolved.map_or_else(|| "open".to_owned(), |r| duration(minutes_between(x.opened, Some(r))))}</td>
                    <td>{x.reassignments}</td>
                    <td>{x.resolved_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {table_scroll("Incidents", view! {
            <table class="records incidents">
                <thead><tr>
                    <th scope="col">"Incident"</th><th scope="col">"Service"</th><th scope="col">"Priority"</th>
                    <th scope="col">"Opened"</th><th scope="col">"To acknowledge"</th><th scope="col">"To resolve"</th>
                    <th scope="col">"Passed on"</th><th scope="col">"Resolved by"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        })}
        {more(total)}
    }
}

pub fn changes_followed(l: &Loaded, followed: Vec<(&ChangeRecord, Vec<&Incident>)>) -> impl IntoView {
    let total = followed.len();
    let rows = followed
        .into_iter()
        .take(SHOWN)
        .map(|(c, after)| {
            let ids: Vec<String> = after
                .iter()
                .map(|x| {
                    let named = x.caused_by.as_deref() == Some(c.id.as_str());
                    format!("{} ({}{})", x.id, x.service, if named { ", named as caused by it" } else { "" })
                })
                .collect();
            view! {
                <tr>
                    <td>{c.id.clone()}</td>
                    <td>{record_link(l, RecordKind::Service, &c.service)}</td>
                    <td class="when">{format_local(c.start)}</td>
                    <td>{c.outcome.label()}</td>
                    <td>{ids.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {table_scroll("Changes followed by incidents", view! {
            <table class="records changes-followed">
                <thead><tr>
                    <th scope="col">"Change"</th><th scope="col">"Service"</th><th scope="col">"Started"</th>
                    <th scope="col">"Outcome"</th><th scope="col">"Incidents after it"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        })}
        {more(total)}
    }
}

pub fn attainment_table(l: &Loaded, attainment: Vec<Attainment>) -> impl IntoView {
    if attainment.is_empty() {
        return view! { <p class="muted">"No incident of the period falls under an SLA's response or resolution target."</p> }
            .into_any();
    }
    // The targets least kept first: those are the ones to look at.
    let mut attainment = attainment;
    attainment.sort_by(|a, b| a.rate().partial_cmp(&b.rate()).unwrap_or(std::cmp::Ordering::Equal));
    let total = attainment.len();
    let rows = attainment
        .into_iter()
        .take(SHOWN)
        .map(|a| {
            let target = format!("{}{}", a.metric.label(), a.priority.map(|p| format!(", {}", p.label())).unwrap_or_default());
            let breaches = (!a.breaches.is_empty()).then(|| {
                view! { <details><summary>{format!("{} missed", a.breaches.len())}</summary><p>{a.breaches.join(", ")}</p></details> }
            });
            view! {
                <tr>
                    <td>{record_link(l, RecordKind::Agreement, &a.agreement)}</td>
                    <td>{target}</td>
                    <td><strong>{percent(a.rate())}</strong></td>
                    <td>{format!("{} of {}", a.met, a.total)}</td>
                    <td>{breaches}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {table_scroll("SLA attainment", view! {
            <table class="records attainment" id="attainment">
                <thead><tr>
                    <th scope="col">"SLA"</th><th scope="col">"Target"</th><th scope="col">"Attained"</th>
                    <th scope="col">"In time"</th><th scope="col">"Missed by"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        })}
        {more(total)}
    }
    .into_any()
}
