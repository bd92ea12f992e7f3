//! Handing a party's records over to another party at once (owner of services and
//! articles, provider of agreements): one edit, one transaction.

use catalogue_core::edit::{owned_by, reassign};
use catalogue_core::model::RecordKind;
use catalogue_store::Write;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

use crate::links;
use crate::platform;
use crate::state::AppState;

#[component]
pub fn HandoverPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let from = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let to = RwSignal::new(String::new());
    let unchecked = RwSignal::new(Vec::<(RecordKind, String)>::new());
    let message = RwSignal::new(None::<String>);
    let owned = Memo::new(move |_| {
        state.catalogue.with(|c| c.as_ref().map(|l| owned_by(&l.cat, &from.get())).unwrap_or_default())
    });
    let chosen = move || {
        owned.with(|o| {
            o.iter().map(|(k, i, _)| (*k, i.clone())).filter(|r| !unchecked.with(|u| u.contains(r))).collect::<Vec<_>>()
        })
    };
    let hand_over = move |_| {
        let records = chosen();
        let target = to.get_untracked();
        spawn_local(async move {
            // Written whole: the catalogue in memory may hold records without their texts.
            let cat = match state.whole().await {
                Ok(cat) => cat,
                Err(e) => return message.set(Some(e.to_string())),
            };
            let writes: Vec<Write> = {
                reassign(&cat, &records, &target)
                    .into_iter()
                    .map(|(kind, mut v)| {
                        let id = v["id"].as_str().unwrap_or_default().to_owned();
                        let current = cat.record_revision(kind, &id);
                        v["revision"] = Value::from(current.unwrap_or(0) + 1);
                        v["updated_at"] = Value::String(platform::now().to_string());
                        Write { kind, id, expected: current, record: Some(v) }
                    })
                    .collect()
            };
            let n = writes.len();
            message.set(Some(match state.save(writes).await {
                Ok(()) => format!("{n} record(s) handed over."),
                Err(e) => e.to_string(),
            }));
            unchecked.set(Vec::new());
        });
    };
    let parties = Memo::new(move |_| {
        state.catalogue.with(|c| c.as_ref().map(|l| l.cat.record_names(RecordKind::Party)).unwrap_or_default())
    });
    move || {
        let from_id = from.get();
        let name =
            state.catalogue.with(|c| c.as_ref().and_then(|l| l.cat.record_title(RecordKind::Party, &from_id)))?;
        Some(view! {
            <article aria-labelledby="handover-title">
                <header class="record-header">
                    <p class="kind">"Hand over records"</p>
                    <h1 id="handover-title">{format!("Records of {name}")}</h1>
                    <p class="record-actions"><a href=links::at(links::href(RecordKind::Party, &from_id))>"Back to the party"</a></p>
                </header>
                {move || message.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                {move || owned.with(|o| o.is_empty()).then(|| view! { <p class="muted">"This party owns no services, articles or agreements."</p> })}
                <ul class="handover">
                    {move || owned.get().into_iter().map(|(kind, id, title)| {
                        let key = (kind, id.clone());
                        let key2 = key.clone();
                        view! {
                            <li><label>
                                <input type="checkbox" prop:checked=move || !unchecked.with(|u| u.contains(&key))
                                    on:change=move |_| unchecked.update(|u| match u.iter().position(|r| *r == key2) { Some(i) => { u.remove(i); } None => u.push(key2.clone()) })/>
                                " "{kind.label()}" "{title}
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
                <div class="field">
                    <label for="handover-to">"New owner"</label>
                    <select id="handover-to" on:change=move |ev| to.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || parties.get().into_iter().filter(|(i, _)| *i != from.get()).map(|(i, t)| view! { <option value=i.clone()>{format!("{t} ({i})")}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-actions">
                    <button type="button" class="primary" disabled=move || to.with(String::is_empty) || chosen().is_empty() on:click=hand_over>
                        {move || format!("Hand over {} record(s)", chosen().len())}
                    </button>
                </div>
            </article>
        })
    }
}
