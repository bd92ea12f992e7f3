//! Impact analysis: what fails with a service, as a dependency graph and as lists.

use std::sync::Arc;

use catalogue_core::impact::{impact, Impact};
use catalogue_core::model::{RecordKind, ServiceView};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use crate::components::records::{link, not_found, record_link, service_link};
use crate::links::href;
use crate::state::{AppState, Loaded};

const COLUMN: f64 = 240.0;
const ROW: f64 = 54.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 38.0;

#[component]
pub fn ImpactPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let l = state.catalogue.get()?;
        Some(match l.lookup.service.get(&id) {
            Some(_) => {
                let hit = impact(&l.cat, &l.lookup, &id);
                impact_view(l.clone(), hit).into_any()
            }
            None => not_found(RecordKind::Service, &id).into_any(),
        })
    }
}

fn path_text(l: &Loaded, path: &[usize]) -> String {
    path.iter().map(|&i| l.cat.services[i].name.as_str()).collect::<Vec<_>>().join(" → ")
}

fn impact_view(l: Arc<Loaded>, hit: Impact) -> impl IntoView {
    let failed = &l.cat.services[hit.services[0].service];
    let business: Vec<_> = hit.business_services(&l.cat).filter(|h| h.depth() > 0).cloned().collect();
    view! {
        <article class="impact" aria-labelledby="impact-title">
            <header class="record-header">
                <p class="kind">"Impact analysis"</p>
                <h1 id="impact-title">{format!("If {} fails", failed.name)}</h1>
                <p class="lede">
                    {format!("{} service{} affected ({} business), {} offering{}, {} agreement{} at risk, {} consumer group{}.",
                        hit.services.len() - 1, plural(hit.services.len() - 1), business.len(),
                        hit.offerings.len(), plural(hit.offerings.len()),
                        hit.agreements.len(), plural(hit.agreements.len()),
                        hit.consumers.len(), plural(hit.consumers.len()))}
                </p>
                <p>{service_link(&l, &failed.id)}</p>
            </header>
            <section aria-labelledby="graph-title">
                <h2 id="graph-title">"Dependency graph"</h2>
                <p class="note">"Left to right: the failing service, then what depends on it. Scroll or pinch to zoom, drag to pan, click or tap a service to open it."</p>
                {graph(&l, &hit)}
            </section>
            <section aria-labelledby="business-title">
                <h2 id="business-title">{format!("Business services hit ({})", business.len())}</h2>
                {if business.is_empty() { view! { <p class="empty">"No business service depends on it."</p> }.into_any() } else { view! {
                    <ul class="impact-list">{business.iter().map(|h| view! {
                        <li>{service_link(&l, &l.cat.services[h.service].id)}<span class="path">{format!(" via {}", path_text(&l, &h.path))}</span></li>
                    }).collect_view()}</ul>
                }.into_any() }}
            </section>
            <section aria-labelledby="services-hit-title">
                <h2 id="services-hit-title">{format!("All services hit ({})", hit.services.len() - 1)}</h2>
                {crate::components::table_scroll::table_scroll("Services hit", view! { <table class="impact-table">
                    <thead><tr><th scope="col">"Service"</th><th scope="col">"View"</th><th scope="col">"Tier"</th><th scope="col">"Hops"</th><th scope="col">"Path"</th></tr></thead>
                    <tbody>{hit.services.iter().skip(1).map(|h| {
                        let s = &l.cat.services[h.service];
                        view! { <tr>
                            <td>{service_link(&l, &s.id)}</td><td>{s.view.label()}</td><td>{s.tier}</td><td>{h.depth()}</td>
                            <td class="path">{path_text(&l, &h.path)}</td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table> })}
            </section>
            <div class="two-columns">
                <section aria-labelledby="offerings-hit-title">
                    <h2 id="offerings-hit-title">{format!("Offerings hit ({})", hit.offerings.len())}</h2>
                    <ul class="impact-list">{hit.offerings.iter().map(|&(o, via)| {
                        let o = &l.cat.offerings[o];
                        view! { <li>{link(RecordKind::Offering, &o.id, &o.name)}<span class="path">{format!(" via {}", path_text(&l, &hit.services[via].path))}</span></li> }
                    }).collect_view()}</ul>
                </section>
                <section aria-labelledby="agreements-hit-title">
                    <h2 id="agreements-hit-title">{format!("Agreements at risk ({})", hit.agreements.len())}</h2>
                    <ul class="impact-list">{hit.agreements.iter().map(|&(a, via)| {
                        let a = &l.cat.agreements[a];
                        view! { <li><span class="badge">{a.kind.label()}</span>" "{link(RecordKind::Agreement, &a.id, &a.name)}
                            <span class="path">{format!(" via {}", l.cat.services[hit.services[via].service].name)}</span></li> }
                    }).collect_view()}</ul>
                </section>
            </div>
            <section aria-labelledby="consumers-title">
                <h2 id="consumers-title">{format!("Consumer groups hit ({})", hit.consumers.len())}</h2>
                <ul class="impact-list">{hit.consumers.iter().map(|(group, offerings)| view! {
                    <li><strong>{group.clone()}</strong>" — "{offerings.iter().map(|&o| view! { <span class="sep">{record_link(&l, RecordKind::Offering, &l.cat.offerings[o].id)}</span> }).collect_view()}</li>
                }).collect_view()}</ul>
            </section>
        </article>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The hit services in columns by distance from the failing one, edges from each service
/// to those depending on it. Zoom with the wheel, the buttons or two fingers, pan by
/// dragging with the mouse or a finger.
fn graph(l: &Loaded, hit: &Impact) -> impl IntoView {
    let navigate = use_navigate();
    let mut per_column: Vec<usize> = Vec::new();
    let mut place = std::collections::HashMap::new();
    for h in &hit.services {
        let col = h.depth();
        if per_column.len() <= col {
            per_column.resize(col + 1, 0);
        }
        place.insert(h.service, (col as f64 * COLUMN, per_column[col] as f64 * ROW));
        per_column[col] += 1;
    }
    let width = per_column.len() as f64 * COLUMN;
    let height = (per_column.iter().copied().max().unwrap_or(1) as f64 * ROW).max(ROW);
    let initial = (-20.0, -20.0, width + 20.0, height + 20.0);
    let view_box = RwSignal::new(initial);
    // The pointers down on the graph (id and where): one pans, two zoom.
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let zoom = move |factor: f64| {
        view_box.update(|(x, y, w, h)| {
            let (cx, cy) = (*x + *w / 2.0, *y + *h / 2.0);
            *w *= factor;
            *h *= factor;
            *x = cx - *w / 2.0;
            *y = cy - *h / 2.0;
        })
    };
    let edges = hit
        .edges
        .iter()
        .filter_map(|(a, b)| {
            let (&(x1, y1), &(x2, y2)) = (place.get(a)?, place.get(b)?);
            let (sx, sy, ex, ey) = (x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0);
            let mid = (sx + ex) / 2.0;
            Some(view! { <path class="edge" d=format!("M{sx},{sy} C{mid},{sy} {mid},{ey} {ex},{ey}") /> })
        })
        .collect_view();
    let nodes = hit.services.iter().map(|h| {
        let s = &l.cat.services[h.service];
        let (x, y) = place[&h.service];
        let target = href(RecordKind::Service, &s.id);
        let target_key = target.clone();
        let navigate = navigate.clone();
        let navigate_key = navigate.clone();
        let class = format!("node {}{}", if s.view == ServiceView::Business { "business" } else { "technical" }, if h.depth() == 0 { " failed" } else { "" });
        let label = if s.name.chars().count() > 26 { format!("{}…", s.name.chars().take(25).collect::<String>()) } else { s.name.clone() };
        view! {
            <g class=class transform=format!("translate({x},{y})") role="link" tabindex="0"
                aria-label=format!("{} ({} service, {} hop{})", s.name, s.view.label(), h.depth(), plural(h.depth()))
                on:click=move |_| navigate(&target, Default::default())
                on:keydown=move |ev| if ev.key() == "Enter" { navigate_key(&target_key, Default::default()) }>
                <title>{s.name.clone()}</title>
                <rect width=NODE_W height=NODE_H rx="6" />
                <text x="10" y="24">{label}</text>
            </g>
        }
    }).collect_view();
    view! {
        <div class="graph">
            <div class="graph-tools" role="group" aria-label="Graph zoom">
                <button type="button" class="secondary small" on:click=move |_| zoom(0.8) aria-label="Zoom in">"+"</button>
                <button type="button" class="secondary small" on:click=move |_| zoom(1.25) aria-label="Zoom out">"−"</button>
                <button type="button" class="secondary small" on:click=move |_| view_box.set(initial)>"Fit"</button>
                <span class="legend"><span class="swatch business"></span>"business "<span class="swatch technical"></span>"technical "<span class="swatch failed"></span>"failing"</span>
            </div>
            <svg class="impact-graph" role="group" aria-label="Dependency graph of the impact"
                style=format!("height:{}px", (height + 40.0).clamp(160.0, 640.0))
                viewBox=move || { let (x, y, w, h) = view_box.get(); format!("{x} {y} {w} {h}") }
                on:wheel=move |ev| { ev.prevent_default(); zoom(if ev.delta_y() < 0.0 { 0.9 } else { 1.1 }); }
                on:pointerdown=move |ev| {
                    let at = (ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y()));
                    pointers.update_value(|p| { p.retain(|q| q.0 != at.0); p.push(at); });
                }
                on:pointerup=move |ev| pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()))
                on:pointercancel=move |ev| pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()))
                on:pointerleave=move |ev| pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()))
                on:pointermove=move |ev| {
                    let before = pointers.get_value();
                    let Some(i) = before.iter().position(|q| q.0 == ev.pointer_id()) else { return };
                    let mut after = before.clone();
                    after[i] = (ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y()));
                    pointers.set_value(after.clone());
                    match (before.as_slice(), after.as_slice()) {
                        // One finger or the mouse pans.
                        ([(_, px, py)], [(_, cx, cy)]) => {
                            let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                            let scale = view_box.with_untracked(|v| v.2) / f64::from(el.client_width().max(1));
                            view_box.update(|v| { v.0 -= (cx - px) * scale; v.1 -= (cy - py) * scale; });
                        }
                        // Two fingers zoom as they spread or pinch.
                        ([a, b], [c, d]) => {
                            let (was, is) = (distance(a, b), distance(c, d));
                            if was > 0.0 && is > 0.0 { zoom(was / is); }
                        }
                        _ => {}
                    }
                }>
                {edges}
                {nodes}
            </svg>
        </div>
    }
}

fn distance(a: &(i32, f64, f64), b: &(i32, f64, f64)) -> f64 {
    (a.1 - b.1).hypot(a.2 - b.2)
}
