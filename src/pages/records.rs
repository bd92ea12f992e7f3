//! Pages of offerings, agreements, calendars and parties.

use std::sync::Arc;

use catalogue_core::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::records::*;
use crate::pages::service::support_hours;
use crate::state::{AppState, Loaded};

/// Renders the record with the id in the URL, or a "not found" page.
fn record_page(kind: RecordKind, render: fn(Arc<Loaded>, usize) -> AnyView) -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let l = state.catalogue.get()?;
        let index = match kind {
            RecordKind::Offering => l.lookup.offering.get(&id),
            RecordKind::Agreement => l.lookup.agreement.get(&id),
            RecordKind::Calendar => l.lookup.calendar.get(&id),
            RecordKind::Party => l.lookup.party.get(&id),
            RecordKind::Service => l.lookup.service.get(&id),
            RecordKind::Article => l.lookup.article.get(&id),
            RecordKind::Scorecard => l.lookup.scorecard.get(&id),
        }
        .copied();
        Some(match index {
            Some(i) => render(l.clone(), i),
            None => not_found(kind, &id).into_any(),
        })
    }
}

#[component]
pub fn OfferingPage() -> impl IntoView {
    record_page(RecordKind::Offering, |l, i| {
        let o = &l.cat.offerings[i];
        let agreements: Vec<&Agreement> = l.cat.agreements.iter().filter(|a| a.offerings.contains(&o.id)).collect();
        view! {
            <article aria-labelledby="record-title">
                <header class="record-header">
                    <p class="kind">"Offering"</p>
                    <h1 id="record-title">{o.name.clone()}</h1>
                    {record_actions(RecordKind::Offering, &o.id)}
                    <p>"Offered by "{service_link(&l, &o.service)}</p>
                </header>
                {offering_view(o)}
                {(!agreements.is_empty()).then(|| view! {
                    <section aria-labelledby="agreements">
                        <h2 id="agreements">"Agreements naming this offering"</h2>
                        {agreements.into_iter().map(|a| agreement_view(&l, a)).collect_view()}
                    </section>
                })}
            </article>
        }
        .into_any()
    })
}

#[component]
pub fn AgreementPage() -> impl IntoView {
    record_page(RecordKind::Agreement, |l, i| {
        let a = &l.cat.agreements[i];
        view! {
            <article aria-labelledby="record-title">
                <header class="record-header">
                    <p class="kind">{a.kind.label()}</p>
                    <h1 id="record-title">{a.name.clone()}</h1>
                    {record_actions(RecordKind::Agreement, &a.id)}
                </header>
                {agreement_view(&l, a)}
                {crate::pages::feasibility::agreement_section(&l, a)}
                {crate::components::sla_calculator::sla_calculator(a, a.calendar.as_deref().and_then(|c| l.cat.calendar(c)))}
                <section aria-labelledby="covers">
                    <h2 id="covers">"Covers"</h2>
                    <ul>
                        {a.services.iter().map(|s| view! { <li>"Service "{service_link(&l, s)}</li> }).collect_view()}
                        {a.offerings.iter().map(|o| view! { <li>"Offering "{record_link(&l, RecordKind::Offering, o)}</li> }).collect_view()}
                    </ul>
                </section>
            </article>
        }
        .into_any()
    })
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    record_page(RecordKind::Calendar, |l, i| {
        let c = &l.cat.calendars[i];
        let users: Vec<&Service> =
            l.cat.services.iter().filter(|s| s.support.calendar.as_deref() == Some(c.id.as_str())).collect();
        let agreements: Vec<&Agreement> =
            l.cat.agreements.iter().filter(|a| a.calendar.as_deref() == Some(c.id.as_str())).collect();
        view! {
            <article aria-labelledby="record-title">
                <header class="record-header">
                    <p class="kind">"Calendar"</p>
                    <h1 id="record-title">{c.name.clone()}</h1>
                    {record_actions(RecordKind::Calendar, &c.id)}
                </header>
                {support_hours(c)}
                {(!c.holidays.is_empty()).then(|| view! {
                    <h2>"Holidays"</h2>
                    <table><tbody>{c.holidays.iter().map(|h| view! { <tr><td>{h.date.to_string()}</td><td>{h.name.clone()}</td></tr> }).collect_view()}</tbody></table>
                })}
                <h2>{format!("Used by {} service{}", users.len(), if users.len() == 1 { "" } else { "s" })}</h2>
                <ul>{users.iter().map(|s| view! { <li>{service_link(&l, &s.id)}</li> }).collect_view()}</ul>
                {(!agreements.is_empty()).then(|| view! {
                    <h2>"Agreements counted in these hours"</h2>
                    <ul>{agreements.iter().map(|a| view! { <li>{record_link(&l, RecordKind::Agreement, &a.id)}</li> }).collect_view()}</ul>
                })}
            </article>
        }
        .into_any()
    })
}

/// A person, team or supplier, and everything it owns or supports.
#[component]
pub fn PartyPage() -> impl IntoView {
    record_page(RecordKind::Party, |l, i| {
        let p = &l.cat.parties[i];
        let owned: Vec<&Service> =
            l.lookup.services_of_owner.get(&p.id).into_iter().flatten().map(|&i| &l.cat.services[i]).collect();
        let supports: Vec<&Service> = l
            .cat
            .services
            .iter()
            .filter(|s| s.owner != p.id)
            .filter(|s| {
                s.support.escalation.iter().any(|e| e.party == p.id)
                    || s.support.raci.iter().any(|r| r.party == p.id)
                    || s.support.partners.contains(&p.id)
            })
            .collect();
        let members: Vec<&Party> = l.cat.parties.iter().filter(|m| m.member_of.contains(&p.id)).collect();
        let agreements: Vec<&Agreement> =
            l.cat.agreements.iter().filter(|a| a.provider == p.id || a.customer == p.id).collect();
        let articles: Vec<&Article> = l.cat.articles.iter().filter(|a| a.owner == p.id).collect();
        let list = |title: &'static str, kind: RecordKind, ids: Vec<&str>| {
            (!ids.is_empty()).then(|| view! {
                <section>
                    <h2>{format!("{title} ({})", ids.len())}</h2>
                    <ul class="columns">{ids.into_iter().map(|id| view! { <li>{record_link(&l, kind, id)}</li> }).collect_view()}</ul>
                </section>
            })
        };
        view! {
            <article aria-labelledby="record-title">
                <header class="record-header">
                    <p class="kind">{p.kind.label()}</p>
                    <h1 id="record-title">{p.name.clone()}</h1>
                    {record_actions(RecordKind::Party, &p.id)}
                    <p><a href=crate::links::at(format!("/parties/{}/handover", p.id))>"Hand over this party's records…"</a></p>
                    {(!p.description.is_empty()).then(|| view! { <p class="lede">{p.description.clone()}</p> })}
                    <dl class="facts">
                        {p.email.clone().map(|e| view! { <dt>"Email"</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                        {p.phone.clone().map(|t| view! { <dt>"Phone"</dt><dd><a href=format!("tel:{}", t.replace(' ', ""))>{t.clone()}</a></dd> })}
                        {p.chat.clone().map(|c| view! { <dt>"Chat"</dt><dd>{c}</dd> })}
                        {p.url.clone().filter(|u| catalogue_core::url_policy::is_safe_url(u, catalogue_core::url_policy::UrlUse::RecordField)).map(|u| view! { <dt>"Web"</dt><dd><a href=u.clone() rel="noopener noreferrer">{u.clone()}</a></dd> })}
                        {(!p.member_of.is_empty()).then(|| view! { <dt>"Member of"</dt><dd class="inline-list">{p.member_of.iter().map(|t| view! { <span>{party_link(&l, t)}</span> }).collect_view()}</dd> })}
                    </dl>
                </header>
                {list("Owns", RecordKind::Service, owned.iter().map(|s| s.id.as_str()).collect())}
                {list("Supports", RecordKind::Service, supports.iter().map(|s| s.id.as_str()).collect())}
                {list("Members", RecordKind::Party, members.iter().map(|m| m.id.as_str()).collect())}
                {list("Agreements", RecordKind::Agreement, agreements.iter().map(|a| a.id.as_str()).collect())}
                {list("Articles", RecordKind::Article, articles.iter().map(|a| a.id.as_str()).collect())}
            </article>
        }
        .into_any()
    })
}
