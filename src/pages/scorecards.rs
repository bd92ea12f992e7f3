//! Scorecards: every scorecard with the spread of levels, one scorecard with its rules,
//! its levels per team and what each service fails; and the scorecard section of a
//! service page.

use std::collections::HashMap;
use std::sync::Arc;

use catalogue_core::model::*;
use catalogue_core::scorecard::{
    self, by_team, default_scorecard, evaluate, rule_fix, rule_title, Context, ServiceScore,
};
use catalogue_core::Catalogue;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::records::*;
use crate::links::at;
use crate::state::{AppState, Loaded};

/// The catalogue's scorecards; the default one while it has none, so every catalogue is scored.
pub fn in_effect(cat: &Catalogue) -> Vec<Scorecard> {
    if cat.scorecards.is_empty() {
        vec![default_scorecard(crate::platform::now())]
    } else {
        cat.scorecards.clone()
    }
}

/// Kept operational evidence for SLA attainment rules: SLA targets met and counted per
/// service, read again after every write of the records or the catalogue. Read only when
/// a scorecard in effect has such a rule; `None` inside while nothing is kept.
type Attained = Option<Arc<HashMap<String, (usize, usize)>>>;

fn attainment() -> LocalResource<Attained> {
    let state = expect_context::<AppState>();
    LocalResource::new(move || {
        state.operations_written.track();
        let wanted = state.catalogue.with(|l| {
            l.as_ref().is_some_and(|l| {
                in_effect(&l.cat).iter().any(|sc| sc.rules.iter().any(|r| r.check == Check::SlaAttainment))
            })
        });
        async move {
            match wanted {
                true => state.service_attainment().await,
                false => None,
            }
        }
    })
}

fn context<'a>(l: &'a Loaded, attained: &'a Attained) -> Context<'a> {
    Context {
        attainment: attained.as_deref(),
        ..Context::new(&l.cat, &l.lookup, crate::platform::today(), l.findings())
    }
}

fn level_name(sc: &Scorecard, level: Option<usize>) -> String {
    level.map(|i| sc.levels[i].clone()).unwrap_or_else(|| "No level".into())
}

/// The class of a level (`level-none`, `level-rank-N`, `level-top`), so that no level,
/// the levels between and the top one differ in colour.
fn level_class(sc: &Scorecard, level: Option<usize>) -> String {
    match level {
        None => "level-none".to_owned(),
        Some(i) if i + 1 == sc.levels.len() => "level-top".to_owned(),
        Some(i) => format!("level-rank-{}", i.min(3)),
    }
}

fn level_badge(sc: &Scorecard, level: Option<usize>) -> impl IntoView {
    view! { <span class=format!("badge level {}", level_class(sc, level))>{level_name(sc, level)}</span> }
}

/// A stacked bar of how many services are at each level (no level first).
fn spread_bar(sc: &Scorecard, counts: &[usize]) -> impl IntoView {
    let total: usize = counts.iter().sum();
    let mut x = 0.0;
    let order: Vec<usize> = std::iter::once(sc.levels.len()).chain(0..sc.levels.len()).collect();
    let parts: Vec<_> = order
        .into_iter()
        .filter(|&i| counts[i] > 0)
        .map(|i| {
            let w = counts[i] as f64 * 100.0 / total.max(1) as f64;
            let level = (i < sc.levels.len()).then_some(i);
            let part = view! { <rect class=format!("seg {}", level_class(sc, level)) x=format!("{x:.2}") y="0" width=format!("{w:.2}") height="8"><title>{format!("{}: {}", level_name(sc, level), counts[i])}</title></rect> };
            x += w;
            part
        })
        .collect();
    let label = (0..=sc.levels.len())
        .map(|i| {
            format!(
                "{} {}",
                counts[i],
                if i == sc.levels.len() { "without a level".to_owned() } else { sc.levels[i].clone() }
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    view! { <svg class="spread" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=label>{parts}</svg> }
}

fn counts(sc: &Scorecard, scores: &[ServiceScore]) -> Vec<usize> {
    let mut c = vec![0; sc.levels.len() + 1];
    for s in scores {
        c[s.level.unwrap_or(sc.levels.len())] += 1;
    }
    c
}

#[component]
pub fn ScorecardsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let adding = RwSignal::new(None::<String>);
    let add_default = move |_| {
        let sc = default_scorecard(crate::platform::now());
        let write = catalogue_store::Write {
            kind: RecordKind::Scorecard,
            id: sc.id.clone(),
            expected: None,
            record: Some(catalogue_core::edit::to_value(&sc)),
        };
        leptos::task::spawn_local(async move {
            adding.set(Some(match state.save(vec![write]).await {
                Ok(()) => String::new(),
                Err(e) => e.to_string(),
            }));
        });
    };
    let attained = attainment();
    move || {
        let l = state.catalogue.get()?;
        let attained = attained.get()?;
        let stored = !l.cat.scorecards.is_empty();
        let ctx = context(&l, &attained);
        Some(view! {
            <article aria-labelledby="scorecards-title">
                <header class="record-header">
                    <h1 id="scorecards-title">"Scorecards"</h1>
                    <p class="lede">"Levels each service reaches against the catalogue's own rules, and what to fix to reach the next."</p>
                    {stored.then(|| view! { <p class="record-actions"><A href=at("/new/scorecards") attr:class="button">"New scorecard"</A></p> })}
                </header>
                {(!stored).then(|| view! {
                    <p class="notice" role="note">
                        "This catalogue has no scorecard of its own, so the default one is shown. "
                        <button type="button" id="add-default-scorecard" on:click=add_default>"Add it to the catalogue to edit its rules"</button>
                    </p>
                })}
                {move || adding.get().filter(|e| !e.is_empty()).map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <ul class="scorecards">
                    {in_effect(&l.cat).into_iter().map(|sc| {
                        let scores = evaluate(&sc, &ctx);
                        let c = counts(&sc, &scores);
                        let href = if stored { at(format!("/scorecards/{}", sc.id)) } else { at("/scorecards/default") };
                        let (name, summary) = (sc.name.clone(), sc.summary.clone());
                        view! {
                            <li class="card scorecard-summary">
                                <h2><A href=href>{name}</A></h2>
                                <p>{summary}</p>
                                {spread_bar(&sc, &c)}
                                <p class="note">{format!("{} services: ", scores.len())}
                                    {(0..=sc.levels.len()).rev().map(|i| format!("{} {}", c[i], if i == sc.levels.len() { "without a level".to_owned() } else { sc.levels[i].clone() })).collect::<Vec<_>>().join(" · ")}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </article>
        })
    }
}

/// One scorecard (`default` is the built-in one while the catalogue has none).
#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let attained = attainment();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let l = state.catalogue.get()?;
        let attained = attained.get()?;
        let sc = match l.cat.scorecard(&id) {
            Some(sc) => sc.clone(),
            None if id == "default" && l.cat.scorecards.is_empty() => default_scorecard(crate::platform::now()),
            None => return Some(not_found(RecordKind::Scorecard, &id).into_any()),
        };
        Some(scorecard_view(l, sc, id != "default", &attained).into_any())
    }
}

fn scorecard_view(l: Arc<Loaded>, sc: Scorecard, stored: bool, attained: &Attained) -> impl IntoView {
    let ctx = context(&l, attained);
    let scores = evaluate(&sc, &ctx);
    let teams = by_team(&sc, &l.cat, &scores);
    let applies = match (sc.families.is_empty(), sc.max_tier) {
        (true, None) => "Applies to every service that is not retired.".to_owned(),
        (families_empty, tier) => format!(
            "Applies to services that are not retired{}{}.",
            if families_empty { String::new() } else { format!(", in {}", sc.families.join(", ")) },
            tier.map(|t| format!(", of tier {t} or more critical")).unwrap_or_default()
        ),
    };
    let mut worst_first: Vec<&ServiceScore> = scores.iter().collect();
    worst_first.sort_by_key(|s| (s.level.map_or(0, |l| l + 1), l.cat.services[s.service].name.to_lowercase()));
    view! {
        <article aria-labelledby="record-title">
            <header class="record-header">
                <p class="kind">"Scorecard"</p>
                <h1 id="record-title">{sc.name.clone()}</h1>
                {stored.then(|| record_actions(RecordKind::Scorecard, &sc.id))}
                <p class="lede">{sc.summary.clone()}</p>
                <p class="note">{applies}</p>
            </header>
            <section aria-labelledby="rules">
                <h2 id="rules">"Levels and rules"</h2>
                {sc.levels.iter().map(|level| view! {
                    <h3>{level.clone()}</h3>
                    <ul class="rules">
                        {sc.rules.iter().filter(|r| &r.level == level).map(|r| view! {
                            <li><strong>{rule_title(r)}</strong><span class="note">{format!(" — {}", rule_fix(r))}</span></li>
                        }).collect_view()}
                    </ul>
                }).collect_view()}
            </section>
            <section aria-labelledby="teams">
                <h2 id="teams">"Levels per team"</h2>
                {crate::components::table_scroll::table_scroll("Levels per team", view! { <table class="team-levels">
                    <thead><tr><th scope="col">"Owner"</th>
                        {sc.levels.iter().map(|lv| view! { <th scope="col" class="num">{lv.clone()}</th> }).collect_view()}
                        <th scope="col" class="num">"No level"</th><th scope="col">"Spread"</th></tr></thead>
                    <tbody>
                        {teams.iter().map(|t| view! {
                            <tr>
                                <th scope="row">{party_link(&l, &t.party)}</th>
                                {t.counts.iter().map(|c| view! { <td class="num">{*c}</td> }).collect_view()}
                                <td class="spread-cell">{spread_bar(&sc, &t.counts)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table> })}
            </section>
            <section aria-labelledby="services">
                <h2 id="services">{format!("Services ({}), lowest level first", scores.len())}</h2>
                <ul class="service-scores">
                    {worst_first.into_iter().map(|s| service_score(&l, &sc, s)).collect_view()}
                </ul>
            </section>
        </article>
    }
}

/// A service's level and, for each failing rule, what fails and how to fix it: the
/// rules of the next level first.
fn service_score(l: &Loaded, sc: &Scorecard, s: &ServiceScore) -> impl IntoView {
    let svc = &l.cat.services[s.service];
    let next = s.level.map_or(0, |i| i + 1);
    let next_name = sc.levels.get(next).cloned();
    let mut failing: Vec<_> = s.failing().collect();
    failing.sort_by_key(|r| sc.levels.iter().position(|lv| *lv == sc.rules[r.rule].level));
    view! {
        <li class="service-score" data-service=svc.id.clone()>
            <div class="score-head">{service_link(l, &svc.id)}" "{level_badge(sc, s.level)}</div>
            {next_name.map(|n| view! { <p class="note">{format!("To reach {n}:")}</p> })}
            <ul class="failing">
                {failing.into_iter().map(|r| {
                    let rule = &sc.rules[r.rule];
                    view! {
                        <li>
                            <span class="badge">{rule.level.clone()}</span>" "
                            <strong>{rule_title(rule)}</strong>": "{r.failure.clone().unwrap_or_default()}
                            <br/><span class="note">{rule_fix(rule)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

/// The scorecard section of a service page: its level on each scorecard that applies.
pub fn service_section(l: Arc<Loaded>, index: usize) -> impl IntoView {
    let attained = attainment();
    move || attained.get().map(|attained| service_scores(&l, index, &attained))
}

fn service_scores(l: &Loaded, index: usize, attained: &Attained) -> impl IntoView {
    let svc = &l.cat.services[index];
    // Only the SLAs covering this service matter here: checking them alone keeps a service
    // page quick in a catalogue of thousands of agreements.
    let today = crate::platform::today();
    let zones = crate::platform::zones();
    let findings: Vec<_> = l
        .lookup
        .agreements_of_service
        .get(&svc.id)
        .into_iter()
        .flatten()
        .map(|&i| &l.cat.agreements[i])
        .filter(|a| a.kind == AgreementKind::Sla && catalogue_core::feasibility::in_force(a, today))
        .flat_map(|a| catalogue_core::feasibility::check(&l.cat, &l.lookup, a, today, zones))
        .collect();
    let ctx = Context { attainment: attained.as_deref(), ..Context::new(&l.cat, &l.lookup, today, &findings) };
    let cards: Vec<(Scorecard, ServiceScore)> = in_effect(&l.cat)
        .into_iter()
        .filter(|sc| scorecard::applies(sc, svc))
        .map(|sc| {
            let score = scorecard::score(&sc, &ctx, index, svc);
            (sc, score)
        })
        .collect();
    (!cards.is_empty()).then(|| {
        view! {
            <section aria-labelledby="scorecards" class="service-scorecards">
                <h2 id="scorecards">"Scorecards"</h2>
                {cards.into_iter().map(|(sc, score)| {
                    let href = if l.cat.scorecards.is_empty() { at("/scorecards/default") } else { at(format!("/scorecards/{}", sc.id)) };
                    let name = sc.name.clone();
                    let body = service_score(l, &sc, &score);
                    view! {
                        <h3><A href=href>{name}</A></h3>
                        <ul class="service-scores">{body}</ul>
                    }
                }).collect_view()}
            </section>
        }
    })
}
