//! Pieces of record pages shared by several pages.

use catalogue_core::model::*;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::markdown::Markdown;
use crate::links::{at, href};
use crate::state::Loaded;

/// A link to a record's page.
pub fn link(kind: RecordKind, id: &str, text: &str) -> impl IntoView {
    let text = text.to_owned();
    view! { <A href=at(href(kind, id))>{text}</A> }
}

/// The page body for an id that does not exist.
pub fn not_found(kind: RecordKind, id: &str) -> impl IntoView {
    view! {
        <section>
            <h1>{format!("No such {}", kind.label())}</h1>
            <p>{format!("There is no {} with the id \"{id}\". It may have been renamed or removed. ", kind.label())}
                <A href=at(crate::search::Query { text: id.replace('-', " "), ..Default::default() }.url())>"Search for it"</A></p>
        </section>
    }
}

/// A link to a record's page, titled with its name (or its id if it does not exist).
pub fn record_link(l: &Loaded, kind: RecordKind, id: &str) -> impl IntoView {
    let key = catalogue_core::search::DocKey { kind, id: id.to_owned() };
    let title = brief(l, &key).map(|b| b.0).unwrap_or_else(|| id.to_owned());
    link(kind, id, &title)
}

pub fn party_link(l: &Loaded, id: &str) -> impl IntoView {
    record_link(l, RecordKind::Party, id)
}

pub fn party_name(l: &Loaded, id: &str) -> String {
    l.lookup.party.get(id).map(|&i| l.cat.parties[i].name.clone()).unwrap_or_else(|| id.to_owned())
}

pub fn service_link(l: &Loaded, id: &str) -> impl IntoView {
    record_link(l, RecordKind::Service, id)
}

pub fn text_block(text: &str) -> impl IntoView {
    view! { <Markdown text=text.to_owned()/> }
}

pub fn party_contact(p: &Party) -> impl IntoView {
    let mut bits = Vec::new();
    if let Some(e) = &p.email {
        bits.push(view! { <a href=format!("mailto:{e}")>{e.clone()}</a> }.into_any());
    }
    if let Some(ph) = &p.phone {
        bits.push(view! { <span>{ph.clone()}</span> }.into_any());
    }
    if let Some(c) = &p.chat {
        bits.push(view! { <span>{c.clone()}</span> }.into_any());
    }
    view! { <span class="contact">{bits}</span> }
}

pub fn offering_view(o: &Offering) -> impl IntoView {
    let elements = |title: &'static str, list: &[OfferingElement]| {
        (!list.is_empty()).then(|| {
            view! {
                <h4>{title}</h4>
                <ul>{list.iter().map(|e| view! { <li><strong>{e.name.clone()}</strong>{(!e.description.is_empty()).then(|| format!(" — {}", e.description))}</li> }).collect_view()}</ul>
            }
        })
    };
    view! {
        <article class="offering card" aria-label=format!("Offering {}", o.name)>
            <h3>{link(RecordKind::Offering, &o.id, &o.name)}" "<span class=format!("badge lifecycle-{}", o.status.label())>{o.status.label()}</span></h3>
            <p>{o.summary.clone()}</p>
            {(!o.consumers.is_empty()).then(|| view! { <p class="note">"For: "{o.consumers.join(", ")}</p> })}
            {elements("Goods", &o.goods)}
            {elements("Access to resources", &o.access)}
            {elements("Service actions", &o.actions)}
            <dl class="facts">
                {o.fulfilment_time.as_ref().map(|d| view! { <dt>"Fulfilment"</dt><dd>{d.to_string()}</dd> })}
                {o.price.as_ref().map(|p| view! { <dt>"Price"</dt><dd>{p.to_string()}</dd> })}
            </dl>
            {(!o.how_to_request.is_empty()).then(|| view! { <h4>"How to request"</h4>{text_block(&o.how_to_request)} })}
        </article>
    }
}

pub fn targets_table(a: &Agreement) -> impl IntoView {
    // The SLO column only when a target is measured as one (OpenSLO).
    let slos = a.targets.iter().any(|t| t.slo.is_some());
    (!a.targets.is_empty()).then(|| {
        view! {
            {crate::components::table_scroll::table_scroll("Targets", view! { <table class="targets">
                <thead><tr><th scope="col">"Metric"</th><th scope="col">"Priority"</th><th scope="col">"Target"</th><th scope="col">"Warning at"</th>
                    {slos.then(|| view! { <th scope="col">"Measured as an SLO"</th> })}</tr></thead>
                <tbody>
                    {a.targets.iter().map(|t| view! {
                        <tr>
                            <td>{if t.metric == Metric::Custom { t.name.clone() } else { t.metric.label().to_owned() }}</td>
                            <td>{t.priority.map(|p| p.label()).unwrap_or("all")}</td>
                            <td>{t.unit.amount(t.value)}</td>
                            <td>{t.warning.map(|w| t.unit.amount(w)).unwrap_or_default()}</td>
                            {slos.then(|| view! { <td class="slo">{t.slo.as_ref().map(|s| s.describe()).unwrap_or_default()}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}
        }
    })
}

pub fn agreement_view(l: &Loaded, a: &Agreement) -> impl IntoView {
    let beneath: Vec<&Agreement> =
        l.lookup.underpinned_by.get(&a.id).into_iter().flatten().map(|&i| &l.cat.agreements[i]).collect();
    let supports: Vec<String> = a
        .supports
        .iter()
        .filter_map(|id| l.lookup.agreement.get(id))
        .map(|&i| l.cat.agreements[i].name.clone())
        .collect();
    view! {
        <article class=format!("agreement card kind-{}", a.kind.label().replace(' ', "-")) aria-label=format!("{} {}", a.kind.label(), a.name)>
            <h3><span class="badge">{a.kind.label()}</span>" "{link(RecordKind::Agreement, &a.id, &a.name)}</h3>
            {(!a.summary.is_empty()).then(|| view! { <p>{a.summary.clone()}</p> })}
            <dl class="facts">
                <dt>"Provider"</dt><dd>{party_name(l, &a.provider)}</dd>
                <dt>"Customer"</dt><dd>{party_name(l, &a.customer)}</dd>
                <dt>"Valid"</dt><dd>{format!("from {}{}", a.valid_from, a.valid_until.map(|u| format!(" until {u}")).unwrap_or_default())}</dd>
                {a.review_by.map(|r| view! { <dt>"Review by"</dt><dd>{r.to_string()}</dd> })}
                {a.calendar.as_ref().and_then(|c| l.lookup.calendar.get(c)).map(|&i| view! { <dt>"Counted in"</dt><dd>{l.cat.calendars[i].name.clone()}</dd> })}
                {(!supports.is_empty()).then(|| view! { <dt>"Underpins"</dt><dd>{supports.join(", ")}</dd> })}
            </dl>
            {targets_table(a)}
            {(!beneath.is_empty()).then(|| view! {
                <div class="underpinning">
                    <h4>"Underpinned by"</h4>
                    {beneath.into_iter().map(|b| view! {
                        <article class="agreement card nested" aria-label=format!("{} {}", b.kind.label(), b.name)>
                            <h5><span class="badge">{b.kind.label()}</span>" "{link(RecordKind::Agreement, &b.id, &b.name)}" — "{party_name(l, &b.provider)}</h5>
                            {targets_table(b)}
                        </article>
                    }).collect_view()}
                </div>
            })}
        </article>
    }
}

/// Edit and History links of a record page, and the confirmation after a save
/// (`?saved=<revision>` in the URL).
pub fn record_actions(kind: RecordKind, id: &str) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.with(|q| q.get("saved"));
    let history = crate::links::at(format!("/history/{}/{id}", kind.collection()));
    view! {
        <p class="record-actions">
            <a class="button" href=crate::links::at(format!("/edit/{}/{id}", kind.collection()))>"Edit"</a>
            <a href=history.clone()>"History"</a>
        </p>
        {move || saved().map(|r| view! {
            <p class="notice success" role="status">
                {format!("Saved as revision {r}. ")}
                <a href=history.clone()>"Undo or see what changed"</a>
            </p>
        })}
    }
}

/// Title and one-line summary of a record, for lists and search results.
fn brief(l: &Loaded, key: &catalogue_core::search::DocKey) -> Option<(String, String)> {
    let c = &l.cat;
    let lk = &l.lookup;
    Some(match key.kind {
        RecordKind::Service => {
            c.services.get(*lk.service.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Offering => {
            c.offerings.get(*lk.offering.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Agreement => {
            c.agreements.get(*lk.agreement.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Article => {
            c.articles.get(*lk.article.get(&key.id)?).map(|r| (r.title.clone(), r.summary.clone()))?
        }
        RecordKind::Party => c.parties.get(*lk.party.get(&key.id)?).map(|r| (r.name.clone(), r.description.clone()))?,
        RecordKind::Calendar => {
            c.calendars.get(*lk.calendar.get(&key.id)?).map(|r| (r.name.clone(), r.time_zone.clone()))?
        }
        RecordKind::Scorecard => {
            c.scorecards.get(*lk.scorecard.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
    })
}
