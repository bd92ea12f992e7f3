//! Deleting a record from its editor, with everything the deletion changes shown first.

use catalogue_core::edit::{self, DeleteBlocked, DeletePlan};
use catalogue_core::model::RecordKind;
use catalogue_store::Write;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::{revision, stamped};
use crate::platform;
use crate::state::AppState;

/// Deleting: shows exactly what references the record and what happens to each, asks
/// for a replacement where one is needed, and refuses while the result would be invalid.
pub(super) fn delete_panel(state: AppState, kind: RecordKind, id: String, draft: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let replacement = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let plan = {
        let id = id.clone();
        Memo::new(move |_| {
            let r = replacement.get();
            state.catalogue.with(|c| {
                let l = c.as_ref()?;
                let plan = edit::plan_delete(&l.cat, kind, &id, (!r.is_empty()).then_some(r.as_str()));
                let problems = plan.as_ref().map(|p| p.problems(&l.cat)).unwrap_or_default();
                Some((plan, problems))
            })
        })
    };
    let title_of = move |k: RecordKind, i: &str| {
        state
            .catalogue
            .with_untracked(|c| c.as_ref().and_then(|l| l.cat.record_title(k, i)).unwrap_or_else(|| i.to_owned()))
    };
    let planned_id = id.clone();
    let confirm = move |shown: DeletePlan| {
        let navigate = navigate.clone();
        let draft = draft.clone();
        let id = planned_id.clone();
        spawn_local(async move {
            // The records the delete changes are written whole: planned again on the
            // stored catalogue, since the one in memory may hold them without their texts.
            let r = replacement.get_untracked();
            let planned = match state.whole().await {
                Ok(whole) => {
                    edit::plan_delete(&whole, kind, &id, (!r.is_empty()).then_some(r.as_str())).map(|p| (whole, p))
                }
                Err(e) => return error.set(Some(e.to_string())),
            };
            let Ok((whole, plan)) = planned else {
                return error.set(Some(
                    "The catalogue changed meanwhile: this record cannot be deleted as planned. Reload the page."
                        .into(),
                ));
            };
            if plan.deleted != shown.deleted || plan.updated.len() != shown.updated.len() {
                return error.set(Some(
                    "The catalogue changed meanwhile: check what the delete changes and confirm again.".into(),
                ));
            }
            let writes = {
                let mut writes: Vec<Write> = plan
                    .deleted
                    .iter()
                    .map(|(k, i)| Write {
                        kind: *k,
                        id: i.clone(),
                        expected: whole.record_revision(*k, i),
                        record: None,
                    })
                    .collect();
                writes.extend(plan.updated.iter().map(|(k, v)| {
                    let i = v["id"].as_str().unwrap_or_default().to_owned();
                    let current = whole.record_value(*k, &i);
                    Write {
                        kind: *k,
                        id: i,
                        expected: current.as_ref().and_then(revision),
                        record: Some(stamped(v.clone(), current.as_ref())),
                    }
                }));
                writes
            };
            match state.save(writes).await {
                Ok(()) => {
                    platform::local_remove(&draft);
                    navigate(&format!("/?deleted={}", kind.label()), Default::default());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let options = state.catalogue.with_untracked(|c| c.as_ref().map(|l| l.cat.record_names(kind)).unwrap_or_default());
    view! {
        <section class="danger-zone" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete"</h2>
            {move || (!open.get()).then(|| view! {
                <button type="button" class="danger" on:click=move |_| open.set(true)>{format!("Delete this {}…", kind.label())}</button>
            })}
            {move || open.get().then(|| {
                let (plan, problems) = plan.get()?;
                Some(match plan {
                    Err(DeleteBlocked::NeedsReplacement(refs)) => view! {
                        <div class="delete-plan" role="alert">
                            <p>{format!("{} record(s) need another {} in its place:", refs.len(), kind.label())}</p>
                            <ul>{refs.iter().map(|r| view! { <li>{format!("{} \u{201c}{}\u{201d}: {}", r.kind.label(), r.title, r.path)}</li> }).collect_view()}</ul>
                            {replacement_select(kind, &id, options.clone(), replacement)}
                            <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                        </div>
                    }.into_any(),
                    Err(DeleteBlocked::BadReplacement(why)) => view! { <p class="field-error">{why}</p> }.into_any(),
                    Ok(plan) => {
                        let blocked = !problems.is_empty();
                        let confirm = confirm.clone();
                        let p2 = plan.clone();
                        view! {
                            <div class="delete-plan" role="alert">
                                <p><strong>{format!("Deleting \u{201c}{}\u{201d}", title_of(kind, &id))}</strong></p>
                                {(plan.deleted.len() > 1).then(|| view! {
                                    <p>"Also deleted, because they cannot exist without it:"</p>
                                    <ul>{plan.deleted[1..].iter().map(|(k, i)| view! { <li>{format!("{} \u{201c}{}\u{201d}", k.label(), title_of(*k, i))}</li> }).collect_view()}</ul>
                                })}
                                {(!plan.updated.is_empty()).then(|| view! {
                                    <p>"References removed from (or replaced in):"</p>
                                    <ul>{plan.updated.iter().map(|(k, v)| { let i = v["id"].as_str().unwrap_or_default(); view! { <li>{format!("{} \u{201c}{}\u{201d}", k.label(), title_of(*k, i))}</li> } }).collect_view()}</ul>
                                })}
                                {(plan.deleted.len() == 1 && plan.updated.is_empty()).then(|| view! { <p>"Nothing else refers to it."</p> })}
                                {blocked.then(|| view! {
                                    <p class="field-error">"It cannot be deleted yet: afterwards these would be invalid. Edit or delete them first."</p>
                                    <ul>{problems.iter().map(|p| view! { <li>{match &p.record {
                                        Some(r) => format!("{} \u{201c}{}\u{201d}: {}", r.kind.label(), title_of(r.kind, &r.id), p.message),
                                        None => p.to_string(),
                                    }}</li> }).collect_view()}</ul>
                                })}
                                <div class="form-actions">
                                    <button type="button" class="danger" disabled=blocked on:click=move |_| confirm(p2.clone())>"Delete"</button>
                                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                                </div>
                            </div>
                        }.into_any()
                    }
                })
            })}
            {move || error.get().map(|e| view! { <p class="notice warning" role="alert">{e}</p> })}
        </section>
    }
}

fn replacement_select(
    kind: RecordKind,
    id: &str,
    options: Vec<(String, String)>,
    replacement: RwSignal<String>,
) -> impl IntoView {
    let id = id.to_owned();
    view! {
        <label for="replacement">{format!("Use this {} instead", kind.label())}</label>
        <select id="replacement" on:change=move |ev| replacement.set(event_target_value(&ev))>
            <option value="">"Choose…"</option>
            {options.into_iter().filter(|(i, _)| *i != id).map(|(i, t)| view! { <option value=i.clone()>{format!("{t} ({i})")}</option> }).collect_view()}
        </select>
    }
}
