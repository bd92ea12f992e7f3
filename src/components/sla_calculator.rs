//! The SLA calculator of an agreement page: the downtime each availability target allows
//! per month, quarter and year (around the clock and within the agreement's service
//! hours), and when a request of a chosen priority, opened at a chosen time, is due.

use catalogue_core::model::{Agreement, Calendar, Metric, Priority};
use catalogue_core::sla::{downtime_budget, due, Period};
use jiff::civil::DateTime;
use jiff::SignedDuration;
use leptos::prelude::*;

fn human(d: SignedDuration) -> String {
    let minutes = d.as_secs_f64() / 60.0;
    if minutes < 1.0 {
        format!("{:.0} s", d.as_secs_f64())
    } else if minutes < 120.0 {
        format!("{minutes:.1} min")
    } else {
        format!("{:.1} h", minutes / 60.0)
    }
}

fn when(t: Option<DateTime>) -> String {
    t.map(|t| t.strftime("%a %Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "never (no support hours)".into())
}

pub fn sla_calculator(a: &Agreement, cal: Option<&Calendar>) -> impl IntoView {
    let today = crate::platform::today();
    let zone = cal.map(|c| c.time_zone.clone()).unwrap_or_else(crate::platform::reader_time_zone);
    let availability: Vec<f64> =
        a.targets.iter().filter(|t| t.metric == Metric::Availability).map(|t| t.value).collect();
    let timed: Vec<_> = a
        .targets
        .iter()
        .filter(|t| matches!(t.metric, Metric::ResponseTime | Metric::ResolutionTime))
        .cloned()
        .collect();
    if availability.is_empty() && timed.is_empty() {
        return ().into_any();
    }
    let downtime = availability
        .iter()
        .map(|&pct| {
            let rows = Period::ALL.map(|p| {
                let (from, to) = p.around(today);
                view! {
                    <tr>
                        <th scope="row">{format!("This {}", p.label())}</th>
                        <td>{human(downtime_budget(pct, None, from, to))}</td>
                        {cal.map(|c| view! { <td>{human(downtime_budget(pct, Some(c), from, to))}</td> })}
                    </tr>
                }
            });
            view! {
                {crate::components::table_scroll::table_scroll("Downtime allowed", view! { <table class="records downtime">
                    <caption>{format!("Downtime allowed by {pct} % availability")}</caption>
                    <thead><tr><th scope="col">"Period"</th><th scope="col">"Around the clock"</th>
                        {cal.map(|c| view! { <th scope="col">{format!("Within {}", c.name)}</th> })}</tr></thead>
                    <tbody>{rows.into_iter().collect_view()}</tbody>
                </table> })}
            }
        })
        .collect_view();

    let cal = cal.cloned();
    let priority = RwSignal::new(Priority::P1);
    let opened = RwSignal::new(crate::platform::now_in(&zone).unwrap_or_else(|| today.at(9, 0, 0, 0)));
    let deadlines = move || {
        let p = priority.get();
        let start = opened.get();
        timed
            .iter()
            .filter(|t| t.priority.is_none_or(|tp| tp == p))
            .map(|t| {
                let at = due(cal.as_ref(), start, t.value, t.unit);
                let warn = t.warning.map(|w| due(cal.as_ref(), start, w, t.unit));
                view! {
                    <tr>
                        <th scope="row">{format!("{} ({})", t.metric.label(), t.unit.amount(t.value))}</th>
                        <td class="due">{when(at)}</td>
                        <td>{warn.map(when).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="sla-calculator" aria-labelledby="calculator-title">
            <h2 id="calculator-title">"SLA calculator"</h2>
            {downtime}
            <div class="calculator-inputs">
                <label for="calc-priority">"Priority"</label>
                <select id="calc-priority" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(p) = Priority::ALL.into_iter().find(|p| p.label() == v) { priority.set(p); }
                }>
                    {Priority::ALL.map(|p| view! { <option value=p.label()>{p.label()}</option> }).into_iter().collect_view()}
                </select>
                <label for="calc-opened">{format!("Opened at ({zone})")}</label>
                <input id="calc-opened" type="datetime-local" prop:value=move || opened.get().strftime("%Y-%m-%dT%H:%M").to_string()
                    on:change=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse::<DateTime>() { opened.set(t); }
                    }/>
            </div>
            {crate::components::table_scroll::table_scroll("Deadlines", view! { <table class="records deadlines">
                <thead><tr><th scope="col">"Target"</th><th scope="col">"Due"</th><th scope="col">"Warning at"</th></tr></thead>
                <tbody>{deadlines}</tbody>
            </table> })}
            <p class="help">"Business hours and days count only inside the agreement's service hours (holidays excluded), on the wall clock of its time zone."</p>
        </section>
    }
    .into_any()
}
