//! Operations: the service-operation questions answered from the incidents and changes
//! kept in this browser, over a chosen period, for the whole catalogue, an owner or one
//! service; each figure with its trend by month and the records behind it. The measures
//! are `catalogue_core::operations::measures`, the same as `catalogue ops`.

mod records;
mod service;
mod tables;

use std::sync::Arc;

use catalogue_core::operations::measures::{duration, percent, period, Figures, Scope};
use catalogue_core::operations::report::FixedBitSet;
use catalogue_core::operations::{Incident, Operations};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::trend::trend;
use crate::links;
use crate::state::{last_day, AppState, Loaded};
use tables::{attainment_table, changes_followed, incident_table};

pub use records::OperationsRecords;
pub use service::ServiceOperations;

/// The periods offered, in days; 90 is the default.
const PERIODS: [i64; 4] = [30, 90, 180, 365];
pub(crate) const DEFAULT_DAYS: i64 = 90;
/// Hours after a change in which an incident counts as following it.
pub(crate) const WINDOW_HOURS: i64 = 24;

/// What the report is of, from the address: `?days=90&until=2026-11-30&owner=…` or `&service=…`.
#[derive(Clone, Debug, PartialEq)]
struct Chosen {
    days: i64,
    until: Option<Date>,
    owner: Option<String>,
    service: Option<String>,
}

impl Chosen {
    fn includes(&self, l: &Loaded, service: &str) -> bool {
        match (&self.service, &self.owner) {
            (Some(s), _) => s == service,
            (None, Some(o)) => l.lookup.service.get(service).is_some_and(|&i| &l.cat.services[i].owner == o),
            (None, None) => true,
        }
    }

    fn query(&self) -> String {
        let mut q = vec![format!("days={}", self.days)];
        q.extend(self.until.map(|u| format!("until={u}")));
        q.extend(self.owner.as_ref().map(|o| format!("owner={}", js_sys::encode_uri_component(o))));
        q.extend(self.service.as_ref().map(|s| format!("service={}", js_sys::encode_uri_component(s))));
        format!("/operations?{}", q.join("&"))
    }
}

#[component]
pub fn OperationsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = use_query_map();
    let chosen = Memo::new(move |_| {
        query.with(|q| Chosen {
            days: q.get("days").and_then(|d| d.parse().ok()).filter(|d| *d > 0).unwrap_or(DEFAULT_DAYS),
            until: q.get("until").and_then(|d| d.parse().ok()),
            owner: q.get("owner").filter(|o| !o.is_empty()),
            service: q.get("service").filter(|s| !s.is_empty()),
        })
    });
    let summary = LocalResource::new(move || {
        state.operations_written.track();
        async move { state.operations_summary().await.map_err(|e| e.to_string()) }
    });
    // A first visit to the demo: its own records, once the catalogue they are of is read.
    Effect::new(move |offered: Option<bool>| {
        if offered == Some(true) || state.catalogue.with(Option::is_none) {
            return offered.unwrap_or(false);
        }
        spawn_local(async move {
            if let Err(e) = state.store_demo_operations().await {
                state.notice.set(Some(format!("The demo's operational records could not be stored: {e}")));
            }
        });
        true
    });
    // The period on screen. Not the resource's own value, which it would keep while the
    // next period is read: a year of a large file is a hundred MB, and memory once taken
    // stays the page's. It is let go as soon as another period is asked for (the page
    // says "Reading the period…" meanwhile).
    // The period is kept with its records: a read overtaken by another may still end.
    let shown: StoredValue<Option<(Timestamp, Timestamp, Arc<Operations>)>, LocalStorage> =
        StoredValue::new_local(None);
    // A period is read once every record of the catalogue is, which its report needs
    // anyway: read during the catalogue's own reading, it would add to the most memory
    // the page ever takes.
    let catalogue_read = Memo::new(move |_| state.catalogue.with(Option::is_some));
    let records = LocalResource::new(move || {
        state.operations_written.track();
        let c = chosen.get();
        let last = summary.get().and_then(|s| s.ok()).and_then(|s| s.last);
        let ready = catalogue_read.get();
        if ready {
            crate::platform::mark("operations:report-asked");
        }
        shown.set_value(None);
        async move {
            if !ready {
                return Ok(None);
            }
            let (from, to) = period(last_day(c.until, last), c.days);
            let window = SignedDuration::from_hours(WINDOW_HOURS);
            let ops = state.operations(from, to.checked_add(window).unwrap_or(to)).await.map_err(|e| e.to_string())?;
            crate::platform::mark("operations:period-read");
            shown.set_value(Some((from, to, Arc::new(ops))));
            Ok::<_, String>(Some((from, to)))
        }
    });
    let navigate = StoredValue::new_local(use_navigate());
    let go = move |c: Chosen| navigate.with_value(|n| n(&c.query(), Default::default()));

    move || {
        let l = state.catalogue.get()?;
        let summary = match summary.get() {
            None => return Some(view! { <p class="loading" role="status">"Reading the records…"</p> }.into_any()),
            Some(Err(e)) => return Some(view! { <p class="notice warning" role="alert">{e}</p> }.into_any()),
            Some(Ok(s)) => s,
        };
        let c = chosen.get();
        let report = if summary.incidents + summary.changes == 0 {
            view! {
                <p class="notice" id="operations-empty">"No incidents or changes are kept in this browser yet. Import an export of your ITSM or on-call tool below: nothing leaves this browser."</p>
            }
            .into_any()
        } else {
            // While another period is read, the one read before is not shown as this one.
            let asked = period(last_day(c.until, summary.last), c.days);
            match records.get() {
                Some(Err(e)) => view! { <p class="notice warning" role="alert">{e}</p> }.into_any(),
                Some(Ok(Some(read)))
                    if read == asked && shown.with_value(|s| s.as_ref().is_some_and(|s| (s.0, s.1) == read)) =>
                {
                    let (from, to, ops) = shown.get_value().expect("just checked");
                    let shown = report(&l, &c, from, to, &ops).into_any();
                    crate::platform::mark("operations:report-built");
                    crate::platform::mark_next_frame("operations:report-shown");
                    shown
                }
                _ => view! { <p class="loading" role="status">"Reading the period…"</p> }.into_any(),
            }
        };
        let owners: std::collections::BTreeSet<String> = l.cat.services.iter().map(|s| s.owner.clone()).collect();
        let scope_value = match (&c.service, &c.owner) {
            (Some(s), _) => format!("service:{s}"),
            (None, Some(o)) => format!("owner:{o}"),
            _ => String::new(),
        };
        let on_scope = {
            let c = c.clone();
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                let (owner, service) = match value.split_once(':') {
                    Some(("owner", o)) => (Some(o.to_owned()), None),
                    Some(("service", s)) => (None, Some(s.to_owned())),
                    _ => (None, None),
                };
                go(Chosen { owner, service, ..c.clone() })
            }
        };
        let on_days = {
            let c = c.clone();
            move |ev: leptos::ev::Event| {
                go(Chosen { days: event_target_value(&ev).parse().unwrap_or(DEFAULT_DAYS), ..c.clone() })
            }
        };
        let on_until = {
            let c = c.clone();
            move |ev: leptos::ev::Event| go(Chosen { until: event_target_value(&ev).parse().ok(), ..c.clone() })
        };
        let shown_until = last_day(c.until, summary.last);
        Some(view! {
            <article aria-labelledby="operations-title" class="operations">
                <header class="record-header">
                    <h1 id="operations-title">"Operations"</h1>
                    <p class="lede">"What happened against what the catalogue promises: incidents and changes exported from your ITSM and on-call tools, kept in this browser and never published with the catalogue."</p>
                    <form class="report-controls" on:submit=|ev| ev.prevent_default()>
                        <label>"Period "
                            <select id="operations-days" on:change=on_days>
                                {PERIODS.into_iter().map(|d| view! { <option value=d.to_string() selected=d == c.days>{format!("{d} days")}</option> }).collect_view()}
                            </select>
                        </label>
                        <label>" to "
                            <input type="date" id="operations-until" value=shown_until.to_string() on:change=on_until/>
                        </label>
                        <label>" for "
                            <select id="operations-scope" on:change=on_scope>
                                <option value="" selected=scope_value.is_empty()>"the whole catalogue"</option>
                                <optgroup label="Services owned by">
                                    {owners.into_iter().map(|o| {
                                        let value = format!("owner:{o}");
                                        view! { <option selected=value == scope_value value=value>{crate::components::records::party_name(&l, &o)}</option> }
                                    }).collect_view()}
                                </optgroup>
                                <optgroup label="One service">
                                    {l.cat.services.iter().map(|s| {
                                        let value = format!("service:{}", s.id);
                                        view! { <option selected=value == scope_value value=value>{s.name.clone()}</option> }
                                    }).collect_view()}
                                </optgroup>
                            </select>
                        </label>
                    </form>
                </header>
                {report}
                <OperationsRecords summary=summary.clone()/>
            </article>
        }.into_any())
    }
}

/// Month labels of a trend: `Nov 2026`.
fn month(d: Date) -> String {
    d.strftime("%b %Y").to_string()
}

fn report(l: &Loaded, c: &Chosen, from: Timestamp, to: Timestamp, ops: &Operations) -> impl IntoView {
    let zones = crate::platform::zones();
    let scope = Scope { cat: &l.cat, lookup: &l.lookup, zones };
    let chosen = |s: &str| c.includes(l, s);
    let window = SignedDuration::from_hours(WINDOW_HOURS);
    let r = scope.report(ops, from, to, &chosen, window);
    let f = &r.total;
    let points = |value: fn(&Figures) -> Option<f64>| -> Vec<(String, Option<f64>)> {
        r.months.iter().map(|(m, f)| (month(*m), value(f))).collect()
    };
    // The first rows of each list are shown, the rest only counted.
    let first_rows = |set: &FixedBitSet| -> (usize, Vec<&Incident>) {
        (set.count_ones(..), set.ones().take(tables::SHOWN).map(|i| &ops.incidents[i]).collect())
    };
    let passed_on = first_rows(&r.passed_on);
    // The slowest to acknowledge: kept to twice the rows shown while going through them.
    let key = |x: &&Incident| std::cmp::Reverse(x.acknowledged.map(|a| x.opened.duration_until(a)));
    let mut slowest: Vec<&Incident> = Vec::with_capacity(2 * tables::SHOWN);
    for i in r.incidents.ones() {
        slowest.push(&ops.incidents[i]);
        if slowest.len() == 2 * tables::SHOWN {
            slowest.select_nth_unstable_by_key(tables::SHOWN, key);
            slowest.truncate(tables::SHOWN);
        }
    }
    slowest.sort_by_key(key);
    slowest.truncate(tables::SHOWN);
    let slowest = (r.incidents.count_ones(..), slowest);
    let outside = first_rows(&r.outside_hours);
    let partner = first_rows(&r.on_partner_services);
    let followed: Vec<_> = r
        .followed
        .iter()
        .map(|(c, after)| (&ops.changes[*c], after.iter().map(|&i| &ops.incidents[i]).collect()))
        .collect();
    let attainment: Vec<_> = scope
        .attainment(ops, from, to)
        .into_iter()
        .filter(|a| a.total > 0)
        .filter(|a| l.cat.agreement(&a.agreement).is_some_and(|ag| ag.services.iter().any(|s| chosen(s))))
        .collect();
    let m = catalogue_core::health::support_model(&l.cat);
    let last = to.checked_sub(SignedDuration::from_hours(24)).unwrap_or(to);
    let day = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
    let scope_name = match (&c.service, &c.owner) {
        (Some(s), _) => l.cat.service(s).map(|s| s.name.clone()).unwrap_or_else(|| s.clone()),
        (None, Some(o)) => format!("services owned by {}", crate::components::records::party_name(l, o)),
        _ => "the whole catalogue".to_owned(),
    };
    view! {
        <p class="figures" id="operations-period">
            {format!("{} to {} ({} days), {scope_name}: {} incidents, {} changes.", day(from), day(last), c.days, f.incidents, f.changes)}
        </p>
        <ol class="questions">
            <li class="question" id="q-first-time-fix">
                <h2>"Resolved at first line"</h2>
                <p class="answer"><strong>{percent(f.first_time_fix_rate())}</strong>
                    {format!(" of resolved incidents were fixed without being passed on ({} of {}).", f.first_time_fixed, f.resolved)}</p>
                {trend("First-time fix", points(|f| f.first_time_fix_rate().map(|r| r * 100.0)), |v| v.map(|v| format!("{v:.0} %")).unwrap_or_default())}
                {drill(format!("The {} incidents passed on", passed_on.0), incident_table(l, &scope, passed_on))}
            </li>
            <li class="question" id="q-acknowledge">
                <h2>"From detection to action"</h2>
                <p class="answer">"Acknowledged in "<strong>{duration(f.mtta_minutes)}</strong>" on average on the clock, "
                    <strong>{duration(f.mtta_service_minutes)}</strong>" counted in service hours. Resolved in "
                    <strong>{duration(f.mttr_minutes)}</strong>" on the clock, "<strong>{duration(f.mttr_service_minutes)}</strong>" in service hours."</p>
                {trend("Mean time to acknowledge", points(|f| f.mtta_minutes), duration)}
                {drill(format!("The {} incidents, slowest to acknowledge first", slowest.0), incident_table(l, &scope, slowest))}
            </li>
            <li class="question" id="q-changes">
                <h2>"Changes followed by incidents"</h2>
                <p class="answer"><strong>{percent(f.change_failure_rate())}</strong>
                    {format!(" of changes were followed within {WINDOW_HOURS} h by an incident on the changed service or one depending on it, or named as a cause ({} of {}).", f.changes_followed, f.changes)}</p>
                {trend("Changes followed by incidents", points(|f| f.change_failure_rate().map(|r| r * 100.0)), |v| v.map(|v| format!("{v:.0} %")).unwrap_or_default())}
                {drill(format!("The {} changes followed by incidents", followed.len()), changes_followed(l, followed))}
            </li>
            <li class="question" id="q-support-model">
                <h2>"A documented support model"</h2>
                <p class="answer"><strong>{format!("{:.0} %", m.percent())}</strong>
                    {format!(" of services say who supports them, when and how to escalate ({} of {}). ", m.met, m.total)}
                    <a href=links::at("/health#measure-support-model")>"See which on Health"</a></p>
            </li>
            <li class="question" id="q-hours">
                <h2>"Inside and outside support hours, and with partners"</h2>
                <p class="answer">{format!("{} incidents opened inside support hours, ", f.inside_hours)}<strong>{format!("{} outside", f.outside_hours)}</strong>
                    {format!("; {} on services a partner helps deliver (under an underpinning contract).", f.on_partner_services)}</p>
                {trend("Incidents outside support hours", points(|f| Some(f.outside_hours as f64)), |v| v.map(|v| format!("{v:.0}")).unwrap_or_default())}
                {drill(format!("The {} incidents outside support hours", outside.0), incident_table(l, &scope, outside))}
                {drill(format!("The {} incidents on partners' services", partner.0), incident_table(l, &scope, partner))}
            </li>
        </ol>
        <section aria-labelledby="attainment-title">
            <h2 id="attainment-title">"SLA attainment"</h2>
            <p class="muted">"Per response and resolution target of each SLA, the share of its incidents answered or resolved in time, counted in the SLA's calendar."</p>
            {attainment_table(l, attainment)}
        </section>
    }
}

/// The records behind a figure, folded.
fn drill(summary: String, table: impl IntoView) -> impl IntoView {
    view! { <details class="drill"><summary>{summary}</summary>{table}</details> }
}
