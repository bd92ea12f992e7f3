//! A service and everything related to it, on one page.

use std::sync::Arc;

use catalogue_core::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::records::*;
use crate::platform;
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
            None => not_found(RecordKind::Service, &id).into_any(),
        })
    }
}

fn service_view(l: Arc<Loaded>, index: usize) -> impl IntoView {
    let s = &l.cat.services[index];
    let owner = l.lookup.party.get(&s.owner).map(|&i| l.cat.parties[i].clone());
    let offerings: Vec<&Offering> =
        l.lookup.offerings_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.offerings[i]).collect();
    let agreements: Vec<&Agreement> =
        l.lookup.agreements_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.agreements[i]).collect();
    let articles: Vec<&Article> =
        l.lookup.articles_of_service.get(&s.id).into_iter().flatten().map(|&i| &l.cat.articles[i]).collect();
    let dependents: Vec<&Service> =
        l.lookup.dependents.get(&s.id).into_iter().flatten().map(|&i| &l.cat.services[i]).collect();

    view! {
        <article class="service" aria-labelledby="service-title">
            <header class="record-header">
                <p class="kind">{format!("{} service", s.view.label())}</p>
                <h1 id="service-title">{s.name.clone()}</h1>
                {record_actions(RecordKind::Service, &s.id)}
                <p class="lede">{s.summary.clone()}</p>
                <p class="badges">
                    <span class=format!("badge lifecycle-{}", s.lifecycle.label())>{s.lifecycle.label()}</span>
                    <span class="badge">{format!("Tier {}", s.tier)}</span>
                    {(!s.family.is_empty()).then(|| view! { <span class="badge">{s.family.clone()}</span> })}
                    {s.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
                </p>
                <p class="actions">
                    {link(RecordKind::Service, &format!("{}/impact", s.id), "Impact if it fails")}
                </p>
            </header>

            <section aria-labelledby="overview">
                <h2 id="overview">"Overview"</h2>
                <dl class="facts">
                    <dt>"Owner"</dt>
                    <dd>{owner.map(|p| view! { {party_link(&l, &p.id)}" "{party_contact(&p)} })}</dd>
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

            <crate::pages::operations::ServiceOperations service=s.id.clone()/>
            <section aria-labelledby="articles">
                <h2 id="articles">{format!("Knowledge ({})", articles.len())}</h2>
                {if articles.is_empty() { view! { <p class="empty">"No articles."</p> }.into_any() } else { view! {
                    <ul class="articles">
                        {articles.into_iter().map(|a| view! {
                            <li>
                                <span class=format!("badge article-{}", a.kind.label().replace(' ', "-"))>{a.kind.label()}</span>" "
                                <strong>{link(RecordKind::Article, &a.id, &a.title)}</strong>
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
            {crate::pages::scorecards::service_section(l.clone(), index)}
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
            {calendar.map(|c| support_hours(&c))}
            {(!sup.channels.is_empty()).then(|| view! {
                <h3>"How to get help"</h3>
                <ul class="channels">
                    {sup.channels.iter().map(|ch| view! {
                        <li><span class="badge">{ch.kind.label()}</span>" "
                            {if ch.kind == ChannelKind::Portal && catalogue_core::url_policy::is_safe_url(&ch.value, catalogue_core::url_policy::UrlUse::RecordField) {
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
                {crate::components::table_scroll::table_scroll("Roles", view! { <table class="raci">
                    <thead><tr><th scope="col">"Role"</th><th scope="col">"Who"</th><th scope="col">"RACI"</th></tr></thead>
                    <tbody>
                        {sup.raci.iter().map(|r| view! {
                            <tr><td>{r.role.clone()}</td><td>{party_name(l, &r.party)}</td><td><abbr title=format!("{:?}", r.responsibility)>{r.responsibility.letter()}</abbr></td></tr>
                        }).collect_view()}
                    </tbody>
                </table> })}
            })}
            {(!sup.partners.is_empty()).then(|| view! {
                <h3>"Partners"</h3>
                <ul>{sup.partners.iter().map(|p| view! { <li>{party_name(l, p)}</li> }).collect_view()}</ul>
            })}
        </section>
    }
    .into_any()
}

/// Support hours in the calendar's zone and the reader's, and whether support is open now.
pub fn support_hours(c: &Calendar) -> impl IntoView {
    let reader_zone = platform::reader_time_zone();
    let there = platform::now_in(&c.time_zone);
    let here = platform::now_in(&reader_zone);
    // Minutes to add to the calendar's wall clock to get the reader's (this week's offsets).
    let shift = match (there, here) {
        (Some(t), Some(h)) if reader_zone != c.time_zone => {
            let minutes = h.duration_since(t).as_secs() / 60;
            Some(((minutes as f64 / 15.0).round() * 15.0) as i64)
        }
        _ => None,
    };
    let status = there.map(|now| catalogue_core::hours::status_at(c, now));
    let fmt_change = |t: jiff::civil::DateTime, now: jiff::civil::DateTime| {
        if t.date() == now.date() {
            t.strftime("%H:%M").to_string()
        } else {
            t.strftime("%a %H:%M").to_string()
        }
    };
    view! {
        <h3>"Support hours"</h3>
        {match (status, there) {
            (Some((true, until)), Some(now)) => view! {
                <p class="open-now yes" role="status"><strong>"Supported right now"</strong>
                    {until.map(|u| format!(" — until {} ({})", fmt_change(u, now), c.time_zone))}</p>
            }.into_any(),
            (Some((false, next)), Some(now)) => view! {
                <p class="open-now no" role="status"><strong>"Outside support hours now"</strong>
                    {next.map(|n| format!(" — opens {} ({})", fmt_change(n, now), c.time_zone))}</p>
            }.into_any(),
            _ => view! { <p class="note">{format!("This browser does not know the time zone {}.", c.time_zone)}</p> }.into_any(),
        }}
        <p>{link(RecordKind::Calendar, &c.id, &c.name)}" ("{c.time_zone.clone()}")"</p>
        {crate::components::table_scroll::table_scroll("Hours", view! { <table class="hours">
            <thead><tr>
                <th scope="col">"Days"</th>
                <th scope="col">{format!("Hours ({})", c.time_zone)}</th>
                {shift.map(|_| view! { <th scope="col">{format!("Your time ({reader_zone})")}</th> })}
            </tr></thead>
            <tbody>
                {c.hours.iter().map(|r| view! {
                    <tr>
                        <td>{r.days.iter().map(|d| d.short()).collect::<Vec<_>>().join(", ")}</td>
                        <td>{format!("{}–{}", r.start, r.end)}</td>
                        {shift.map(|m| view! { <td>{shifted_range(&r.start, &r.end, m)}</td> })}
                    </tr>
                }).collect_view()}
            </tbody>
        </table> })}
        {(!c.holidays.is_empty()).then(|| {
            let n = c.holidays.len();
            view! { <p class="note">{format!("Closed on {n} holiday{}.", if n == 1 { "" } else { "s" })}</p> }
        })}
    }
}

/// `08:00`–`18:00` moved by `shift` minutes, marking a move into another day.
fn shifted_range(start: &str, end: &str, shift: i64) -> String {
    let one = |clock: &str| {
        let Some(m) = parse_clock(clock) else { return clock.to_owned() };
        let t = m as i64 + shift;
        let day = t.div_euclid(1440);
        let t = t.rem_euclid(1440);
        let mark = match day {
            0 => "",
            1 => " (+1 day)",
            -1 => " (−1 day)",
            _ => "",
        };
        format!("{:02}:{:02}{mark}", t / 60, t % 60)
    };
    format!("{}–{}", one(start), one(end))
}
