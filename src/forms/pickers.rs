//! Fields that refer to other records: a single reference chosen by name from a list of
//! suggestions, and a list of references as removable chips.

use catalogue_core::model::RecordKind;
use leptos::prelude::*;

use serde_json::Value;
use wasm_bindgen::JsCast;

use super::fields::{event_value, FormCtx};
use crate::state::AppState;

/// `Title (id)`: what pickers show and match.
fn option_label(title: &str, id: &str) -> String {
    format!("{title} ({id})")
}

/// The records of a kind as picker options, current as the catalogue changes.
fn options_of(kind: RecordKind) -> Memo<Vec<(String, String)>> {
    let state = expect_context::<AppState>();
    Memo::new(move |_| state.catalogue.with(|c| c.as_ref().map(|l| l.cat.record_names(kind)).unwrap_or_default()))
}

/// The id an entry in a picker means: an option's label, an id, or a unique title.
fn resolve(options: &[(String, String)], text: &str) -> Option<String> {
    let text = text.trim();
    options
        .iter()
        .find(|(id, title)| option_label(title, id) == text || id == text)
        .or_else(|| {
            let mut by_title = options.iter().filter(|(_, t)| t.eq_ignore_ascii_case(text));
            by_title.next().filter(|_| by_title.next().is_none())
        })
        .map(|(id, _)| id.clone())
}

fn datalist(id: String, options: Memo<Vec<(String, String)>>) -> impl IntoView {
    view! {
        <datalist id=id>
            {move || options.with(|o| o.iter().map(|(id, title)| view! { <option value=option_label(title, id)></option> }).collect_view())}
        </datalist>
    }
}

/// A searchable picker for one reference: type part of a name, choose a suggestion.
pub(super) fn picker(kind: RecordKind, id: String, path: String, required: bool, cx: FormCtx) -> impl IntoView {
    let options = options_of(kind);
    let current = {
        let path = path.clone();
        Memo::new(move |_| cx.read(&path).and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
    };
    let shown = move || {
        let id = current.get();
        options.with(|o| o.iter().find(|(i, _)| *i == id).map(|(i, t)| option_label(t, i))).unwrap_or(id)
    };
    let unresolved = RwSignal::new(false);
    let list = format!("{id}-options");
    let on_change = move |ev: web_sys::Event| {
        let text = event_value(&ev);
        if text.trim().is_empty() {
            unresolved.set(false);
            cx.write(&path, if required { Some(Value::String(String::new())) } else { None });
            return;
        }
        match options.with(|o| resolve(o, &text)) {
            Some(chosen) => {
                unresolved.set(false);
                cx.write(&path, Some(Value::String(chosen)));
            }
            None => unresolved.set(true),
        }
    };
    view! {
        <input id=id type="text" list=list.clone() autocomplete="off"
            placeholder=format!("Type to find a {}", kind.label())
            prop:value=shown on:change=on_change/>
        {datalist(list, options)}
        {move || unresolved.get().then(|| view! { <p class="field-error">{format!("Choose a {} from the suggestions.", kind.label())}</p> })}
    }
}

/// A list of short texts, or of references when `kind` is given: chips with a remove
/// button, and an input that adds one (Enter or a chosen suggestion).
pub(super) fn chips(kind: Option<RecordKind>, id: String, path: String, cx: FormCtx) -> impl IntoView {
    let options = kind.map(options_of);
    let items = {
        let path = path.clone();
        Memo::new(move |_| cx.read(&path).and_then(|v| v.as_array().cloned()).unwrap_or_default())
    };
    let set_items = {
        let path = path.clone();
        move |list: Vec<Value>| cx.write(&path, (!list.is_empty()).then_some(Value::Array(list)))
    };
    let unresolved = RwSignal::new(false);
    let add = {
        let set_items = set_items.clone();
        move |input: web_sys::HtmlInputElement| {
            let text = input.value().trim().to_owned();
            if text.is_empty() {
                return;
            }
            let entry = match options {
                Some(o) => match o.with(|o| resolve(o, &text)) {
                    Some(id) => id,
                    None => return unresolved.set(true),
                },
                None => text,
            };
            unresolved.set(false);
            let mut list = items.get_untracked();
            if !list.iter().any(|v| v.as_str() == Some(entry.as_str())) {
                list.push(Value::String(entry));
                set_items(list);
            }
            input.set_value("");
        }
    };
    let list = format!("{id}-options");
    let label_of = move |entry: &str| match options {
        Some(o) => o
            .with(|o| o.iter().find(|(i, _)| i == entry).map(|(i, t)| option_label(t, i)))
            .unwrap_or_else(|| entry.to_owned()),
        None => entry.to_owned(),
    };
    let add_on_change = add.clone();
    view! {
        <ul class="chips">
            {move || items.get().into_iter().enumerate().map(|(i, v)| {
                let entry = v.as_str().unwrap_or_default().to_owned();
                let label = label_of(&entry);
                let set_items = set_items.clone();
                view! {
                    <li class="chip">
                        {label.clone()}
                        <button type="button" class="chip-remove" aria-label=format!("Remove {label}") on:click=move |_| {
                            let mut list = items.get_untracked();
                            list.remove(i);
                            set_items(list);
                        }>"×"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <input id=id type="text" autocomplete="off" list=options.map(|_| list.clone())
            placeholder=if kind.is_some() { "Type to find, then choose" } else { "Type and press Enter" }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" || (kind.is_none() && ev.key() == ",") {
                    ev.prevent_default();
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        add(input);
                    }
                }
            }
            on:change=move |ev: web_sys::Event| {
                // A suggestion chosen from the list arrives as a change.
                if options.is_some() {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        add_on_change(input);
                    }
                }
            }/>
        {options.map(|o| datalist(list, o))}
        {move || unresolved.get().then(|| view! { <p class="field-error">"Choose one of the suggestions."</p> })}
    }
}
