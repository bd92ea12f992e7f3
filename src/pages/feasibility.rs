//! Feasibility: the SLAs whose promises what supports them cannot keep, each with the
//! chain of records that breaks it; and the same findings on an SLA's own page.

use catalogue_core::feasibility::{in_force, Finding, Severity};
use catalogue_core::model::*;
use leptos::prelude::*;

use crate::components::records::*;
use crate::state::{AppState, Loaded};

fn finding_view(l: &Loaded, f: &Finding, with_sla: bool) -> impl IntoView {
    let (class, label) = match f.severity {
        Severity::Breaks => ("breaks", "Cannot be kept"),
        Severity::Unbacked => ("unbacked", "Not backed"),
    };
    view! {
        <li class=format!("finding {class}")>
            <p>
                <span class=format!("badge {class}")>{label}</span>" "
                {with_sla.then(|| view! { {record_link(l, RecordKind::Agreement, &f.sla)}": " })}
                <strong>{f.promise.clone()}</strong>
            </p>
            <p>{f.message.clone()}</p>
            <ol class="chain" aria-label="Chain of support">
                {f.chain.iter().map(|c| view! {
                    <li>{record_link(l, c.kind, &c.id)}<span class="note">{format!(" {}", c.note)}</span></li>
                }).collect_view()}
            </ol>
        </li>
    }
}

#[component]
pub fn FeasibilityPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let l = state.catalogue.get()?;
        let today = crate::platform::today();
        let findings = l.findings();
        let slas: Vec<&Agreement> =
            l.cat.agreements.iter().filter(|a| a.kind == AgreementKind::Sla && in_force(a, today)).collect();
        let breaking: std::collections::BTreeSet<&str> =
            findings.iter().filter(|f| f.severity == Severity::Breaks).map(|f| f.sla.as_str()).collect();
        let unbacked: std::collections::BTreeSet<&str> =
            findings.iter().filter(|f| f.severity == Severity::Unbacked).map(|f| f.sla.as_str()).collect();
        let kept: Vec<&&Agreement> = slas.iter().filter(|a| !breaking.contains(a.id.as_str())).collect();
        let mut sorted: Vec<&Finding> = findings.iter().collect();
        sorted.sort_by_key(|f| f.severity);
        Some(view! {
            <article aria-labelledby="feasibility-title">
                <header class="record-header">
                    <h1 id="feasibility-title">"Feasibility"</h1>
                    <p class="lede">"Which promises can we keep? Each SLA in force is checked against what supports it: the availability of the services it depends on, in series, and the response and resolution targets of the OLAs and contracts beneath it, each in its own calendar."</p>
                    <p class="figures" id="feasibility-summary">
                        {format!("SLAs in force: {}. Cannot be kept: {}. Resting partly on services without a promise: {}. Nothing breaking them: {}.", slas.len(), breaking.len(), unbacked.len(), kept.len())}
                    </p>
                </header>
                {sorted.is_empty().then(|| view! { <p class="notice success">"Every SLA in force can be kept by what supports it."</p> })}
                <ul class="findings">
                    {sorted.into_iter().map(|f| finding_view(&l, f, true)).collect_view()}
                </ul>
                {(!kept.is_empty()).then(|| view! {
                    <details>
                        <summary>{format!("{} SLAs with nothing breaking them", kept.len())}</summary>
                        <ul>{kept.iter().map(|a| view! { <li>{record_link(&l, RecordKind::Agreement, &a.id)}</li> }).collect_view()}</ul>
                    </details>
                })}
            </article>
        })
    }
}

/// The findings for one SLA, for its page.
pub fn agreement_section(l: &Loaded, a: &Agreement) -> impl IntoView {
    let mine: Vec<&Finding> =
        if a.kind == AgreementKind::Sla { l.findings().iter().filter(|f| f.sla == a.id).collect() } else { Vec::new() };
    (!mine.is_empty()).then(|| {
        view! {
            <section aria-labelledby="feasibility" class="feasibility">
                <h2 id="feasibility">"Feasibility"</h2>
                <ul class="findings">{mine.into_iter().map(|f| finding_view(l, f, false)).collect_view()}</ul>
            </section>
        }
    })
}
