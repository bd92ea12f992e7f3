//! A service and everything related to it, on one page.

use std::sync::Arc;

use catalogue_core::model::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::state::{AppState, Loaded};

#[component]
pub fn ServicePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let loaded = state.catalogue.get()?;
        Some(match loaded.lookup.service.get(&id) {
            Some(&i) => service_view(loaded.clone(), i).into_any(),
            None => view! {
                <section>
                    <h1>"Service not found"</h1>
                    <p>{format!("There is no service with the id \"{id}\". ")}<A href="/">"Back to the catalogue"</A></p>
                </section>
            }
            .into_any(),
        })
    }
}

fn party_name(l: &Loaded, id: &str) -> String {
    l.lookup.party.get(id).map(|&i| l.cat.parties[i].name.clone()).unwrap_or_else(|| id.to_owned())
}

fn service_link(l: &Loaded, id: &str) -> impl IntoView {
    let name = l.lookup.service.get(id).map(|&i| l.cat.services[i].name.clone()).unwrap_or_else(|| id.to_owned());
    view! { <A href=format!("/services/{id}")>{name}</A> }
}

/// Markdown is shown as plain text paragraphs here: it is escaped, never interpreted.
fn text_block(text: &str) -> impl IntoView {
    text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p class="prose">{p.to_owned()}</p> }).collect_view()
}

fn party_contact(p: &Party) -> impl IntoView {
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

fn service_view(l: Arc<Loaded>, index: usize) -> impl IntoView {
    let s = &l.cat.services[index];
    let owner = l.lookup.party.get(&s.owner).map(|&i| l.cat.parties[i].clone());
    let offerings: Vec<&Offering> = l.lookup.offerings_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.offerings[i]).collect();
    let agreements: Vec<&Agreement> = l.lookup.agreements_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.agreements[i]).collect();
    let articles: Vec<&Article> = l.lookup.articles_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.articles[i]).collect();
    let dependents: Vec<&Service> = l.lookup.dependents.get(&s.id).into_iter().flatten().map(|&i| &l.cat.services[i]).collect();

    view! {
        <article class="service" aria-labelledby="service-title">
            <header class="record-header">
                <p class="kind">{format!("{} service", s.view.label())}</p>
                <h1 id="service-title">{s.name.clone()}</h1>
                <p class="lede">{s.summary.clone()}</p>
                <p class="badges">
                    <span class=format!("badge lifecycle-{}", s.lifecycle.label())>{s.lifecycle.label()}</span>
                    <span class="badge">{format!("Tier {}", s.tier)}</span>
                    {(!s.family.is_empty()).then(|| view! { <span class="badge">{s.family.clone()}</span> })}
                    {s.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
                </p>
            </header>

            <section aria-labelledby="overview">
                <h2 id="overview">"Overview"</h2>
                <dl class="facts">
                    <dt>"Owner"</dt>
                    <dd>{owner.map(|p| view! { {p.name.clone()}" "{party_contact(&p)} })}</dd>
                    <dt>"Id"</dt>
                    <dd><code>{s.id.clone()}</code></dd>
                </dl>
                {text_block(&s.description)}
                {(!s.links.is_empty()).then(|| view! {
                    <ul class="links">
                        {s.links.iter().map(|link| view! { <li><a href=link.url.clone() rel="noopener noreferrer">{link.title.clone()}</a></li> }).collect_view()}
                    </ul>
                })}
            </section>

            {(!s.utility.is_empty() || !s.warranty.is_empty()).then(|| view! {
                <section aria-labelledby="value">
                    <h2 id="value">"Utility and warranty"</h2>
                    {(!s.utility.is_empty()).then(|| view! {
                        <h3>"What it does"</h3>
                        <ul>{s.utility.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}</ul>
                    })}
                    {(!s.warranty.is_empty()).then(|| view! {
                        <h3>"How well"</h3>
                        <dl class="facts">
                            {[("Availability", &s.warranty.availability), ("Capacity", &s.warranty.capacity), ("Security", &s.warranty.security), ("Continuity", &s.warranty.continuity)]
                                .into_iter().filter(|(_, v)| !v.is_empty())
                                .map(|(k, v)| view! { <dt>{k}</dt><dd>{v.clone()}</dd> }).collect_view()}
                        </dl>
                    })}
                </section>
            })}

            {support_view(&l, s)}

            <section aria-labelledby="offerings">
                <h2 id="offerings">{format!("Offerings ({})", offerings.len())}</h2>
                {if offerings.is_empty() { view! { <p class="empty">"No offerings."</p> }.into_any() } else {
                    offerings.into_iter().map(offering_view).collect_view().into_any()
                }}
            </section>

            <section aria-labelledby="agreements">
                <h2 id="agreements">{format!("Agreements ({})", agreements.len())}</h2>
                {if agreements.is_empty() { view! { <p class="empty">"No agreement covers this service."</p> }.into_any() } else {
                    agreements.into_iter().map(|a| agreement_view(&l, a)).collect_view().into_any()
                }}
            </section>

            <section aria-labelledby="articles">
                <h2 id="articles">{format!("Knowledge ({})", articles.len())}</h2>
                {if articles.is_empty() { view! { <p class="empty">"No articles."</p> }.into_any() } else { view! {
                    <ul class="articles">
                        {articles.into_iter().map(|a| view! {
                            <li>
                                <span class=format!("badge article-{}", a.kind.label().replace(' ', "-"))>{a.kind.label()}</span>" "
                                <strong>{a.title.clone()}</strong>
                                {(a.status != ArticleStatus::Published).then(|| view! { " "<span class="badge">{a.status.label()}</span> })}
                                {(!a.summary.is_empty()).then(|| view! { <div class="summary">{a.summary.clone()}</div> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any() }}
            </section>

            <section aria-labelledby="dependencies">
                <h2 id="dependencies">"Dependencies"</h2>
                <div class="two-columns">
                    <div>
                        <h3>"Depends on"</h3>
                        {if s.depends_on.is_empty() { view! { <p class="empty">"Nothing."</p> }.into_any() } else { view! {
                            <ul class="depends-on">{s.depends_on.iter().map(|d| view! { <li>{service_link(&l, d)}</li> }).collect_view()}</ul>
                        }.into_any() }}
                    </div>
                    <div>
                        <h3>"Needed by"</h3>
                        {if dependents.is_empty() { view! { <p class="empty">"Nothing depends on it."</p> }.into_any() } else { view! {
                            <ul class="needed-by">{dependents.iter().map(|d| view! { <li>{service_link(&l, &d.id)}</li> }).collect_view()}</ul>
                        }.into_any() }}
                    </div>
                </div>
            </section>
        </article>
    }
}

fn support_view(l: &Loaded, s: &Service) -> impl IntoView {
    let sup = &s.support;
    if sup.is_empty() {
        return view! {
            <section aria-labelledby="support">
                <h2 id="support">"Support"</h2>
                <p class="empty">"No support model is documented for this service."</p>
            </section>
        }
        .into_any();
    }
    let calendar = sup.calendar.as_ref().and_then(|c| l.lookup.calendar.get(c)).map(|&i| l.cat.calendars[i].clone());
    view! {
        <section aria-labelledby="support">
            <h2 id="support">"Support"</h2>
            {calendar.map(|c| view! {
                <h3>"Support hours"</h3>
                <p>{c.name.clone()}" ("{c.time_zone.clone()}")"</p>
                <ul class="hours">
                    {c.hours.iter().map(|r| view! {
                        <li>{r.days.iter().map(|d| d.short()).collect::<Vec<_>>().join(", ")}" "{r.start.clone()}"–"{r.end.clone()}</li>
                    }).collect_view()}
                </ul>
                {(!c.holidays.is_empty()).then(|| view! { <p class="note">{format!("Closed on {} holidays.", c.holidays.len())}</p> })}
            })}
            {(!sup.channels.is_empty()).then(|| view! {
                <h3>"How to get help"</h3>
                <ul class="channels">
                    {sup.channels.iter().map(|ch| view! {
                        <li><span class="badge">{ch.kind.label()}</span>" "
                            {if ch.kind == ChannelKind::Portal && catalogue_core::validate::is_safe_url(&ch.value) {
                                view! { <a href=ch.value.clone() rel="noopener noreferrer">{ch.value.clone()}</a> }.into_any()
                            } else { view! { <span>{ch.value.clone()}</span> }.into_any() }}
                            {(!ch.note.is_empty()).then(|| view! { " — "{ch.note.clone()} })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!sup.escalation.is_empty()).then(|| view! {
                <h3>"Escalation path"</h3>
                <ol class="escalation">
                    {sup.escalation.iter().map(|e| view! {
                        <li>{party_name(l, &e.party)}" "<span class="note">{if e.after_minutes == 0 { "from the start".to_owned() } else { format!("after {} min", e.after_minutes) }}</span>
                            {(!e.note.is_empty()).then(|| view! { " — "{e.note.clone()} })}</li>
                    }).collect_view()}
                </ol>
            })}
            {(!sup.raci.is_empty()).then(|| view! {
                <h3>"Roles"</h3>
                <table class="raci">
                    <thead><tr><th scope="col">"Role"</th><th scope="col">"Who"</th><th scope="col">"RACI"</th></tr></thead>
                    <tbody>
                        {sup.raci.iter().map(|r| view! {
                            <tr><td>{r.role.clone()}</td><td>{party_name(l, &r.party)}</td><td><abbr title=format!("{:?}", r.responsibility)>{r.responsibility.letter()}</abbr></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!sup.partners.is_empty()).then(|| view! {
                <h3>"Partners"</h3>
                <ul>{sup.partners.iter().map(|p| view! { <li>{party_name(l, p)}</li> }).collect_view()}</ul>
            })}
        </section>
    }
    .into_any()
}

fn offering_view(o: &Offering) -> impl IntoView {
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
            <h3>{o.name.clone()}" "<span class=format!("badge lifecycle-{}", o.status.label())>{o.status.label()}</span></h3>
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

fn targets_table(a: &Agreement) -> impl IntoView {
    (!a.targets.is_empty()).then(|| {
        view! {
            <table class="targets">
                <thead><tr><th scope="col">"Metric"</th><th scope="col">"Priority"</th><th scope="col">"Target"</th><th scope="col">"Warning at"</th></tr></thead>
                <tbody>
                    {a.targets.iter().map(|t| view! {
                        <tr>
                            <td>{if t.metric == Metric::Custom { t.name.clone() } else { t.metric.label().to_owned() }}</td>
                            <td>{t.priority.map(|p| p.label()).unwrap_or("all")}</td>
                            <td>{format!("{} {}", t.value, t.unit.label())}</td>
                            <td>{t.warning.map(|w| format!("{w} {}", t.unit.label())).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}

fn agreement_view(l: &Loaded, a: &Agreement) -> impl IntoView {
    let beneath: Vec<&Agreement> = l.lookup.underpinned_by.get(&a.id).into_iter().flatten().map(|&i| &l.cat.agreements[i]).collect();
    let supports: Vec<String> = a.supports.iter().filter_map(|id| l.lookup.agreement.get(id)).map(|&i| l.cat.agreements[i].name.clone()).collect();
    view! {
        <article class=format!("agreement card kind-{}", a.kind.label().replace(' ', "-")) aria-label=format!("{} {}", a.kind.label(), a.name)>
            <h3><span class="badge">{a.kind.label()}</span>" "{a.name.clone()}</h3>
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
                            <h5><span class="badge">{b.kind.label()}</span>" "{b.name.clone()}" — "{party_name(l, &b.provider)}</h5>
                            {targets_table(b)}
                        </article>
                    }).collect_view()}
                </div>
            })}
        </article>
    }
}
