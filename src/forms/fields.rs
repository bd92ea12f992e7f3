//! The form engine: renders a [`Field`] list over a record's JSON value in a signal.
//!
//! Every input reads its own field through a memo (so typing in one field does not
//! re-render the others) and writes the field back on input. Problems from the domain's
//! validation are shown under the field whose path they name.

use catalogue_core::path::FieldPath;
use catalogue_core::Problem;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::pickers::{chips, picker};
use super::spec::{Field, Input};

/// What every field of one form shares.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub value: RwSignal<Value>,
    pub problems: Memo<Vec<Problem>>,
}

impl FormCtx {
    pub(super) fn read(self, path: &str) -> Option<Value> {
        let path: FieldPath = path.parse().ok()?;
        self.value.with(|v| path.get(v).cloned())
    }
    pub(super) fn write(self, path: &str, new: Option<Value>) {
        if let Ok(path) = path.parse::<FieldPath>() {
            self.value.update(|v| path.set(v, new));
        }
    }
}

/// `base.key`, or `key` at the top.
fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

/// The DOM id of the input for a field path.
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' });
    }
    id
}

/// The fields, each at `base.key`.
pub fn render(fields: &'static [Field], base: String, cx: FormCtx) -> impl IntoView {
    fields.iter().map(|f| field(f, join(&base, f.key), cx)).collect_view()
}

fn messages(cx: FormCtx, path: String) -> impl IntoView {
    let id = format!("{}-error", dom_id(&path));
    move || {
        let here: Vec<String> =
            cx.problems.with(|ps| ps.iter().filter(|p| p.path == path).map(|p| p.message.clone()).collect());
        (!here.is_empty()).then(|| view! { <p class="field-error" id=id.clone()>{here.join("; ")}</p> })
    }
}

pub(super) fn has_problem(cx: FormCtx, path: &str) -> impl Fn() -> bool + Send + Sync + 'static {
    let path = path.to_owned();
    move || cx.problems.with(|ps| ps.iter().any(|p| p.path == path))
}

fn field(f: &'static Field, path: String, cx: FormCtx) -> AnyView {
    let help = (!f.help.is_empty()).then(|| view! { <p class="help">{f.help}</p> });
    match &f.input {
        Input::Group(sub) => view! {
            <fieldset class="group">
                <legend>{f.label}</legend>
                {help}
                {messages(cx, path.clone())}
                {render(sub, path, cx)}
            </fieldset>
        }
        .into_any(),
        Input::List { item, fields, template } => list(f, item, fields, template, path, cx).into_any(),
        _ => {
            let id = dom_id(&path);
            let invalid = has_problem(cx, &path);
            view! {
                <div class="field" class:invalid=invalid>
                    <label for=id.clone()>{f.label}{f.required.then_some(" *")}</label>
                    {input(f, id, path.clone(), cx)}
                    {help}
                    {messages(cx, path)}
                </div>
            }
            .into_any()
        }
    }
}

pub(super) fn event_value(ev: &web_sys::Event) -> String {
    let target = ev.target();
    if let Some(i) = target.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>()) {
        return i.value();
    }
    if let Some(t) = target.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>()) {
        return t.value();
    }
    target.and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

fn input(f: &'static Field, id: String, path: String, cx: FormCtx) -> AnyView {
    let required = f.required;
    let text = {
        let path = path.clone();
        Memo::new(move |_| match cx.read(&path) {
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        })
    };
    let write_text = {
        let path = path.clone();
        move |s: String| cx.write(&path, if s.is_empty() && !required { None } else { Some(Value::String(s)) })
    };
    let described = format!("{id}-error");
    match &f.input {
        Input::Line | Input::Date => {
            let kind = if matches!(f.input, Input::Date) { "date" } else { "text" };
            view! { <input id=id type=kind aria-describedby=described prop:value=text on:input=move |ev| write_text(event_value(&ev))/> }.into_any()
        }
        Input::Lines => view! { <textarea id=id rows="3" aria-describedby=described prop:value=text on:input=move |ev| write_text(event_value(&ev))></textarea> }.into_any(),
        Input::Markdown => view! {
            <div class="markdown-editor">
                <textarea id=id rows="8" aria-describedby=described prop:value=text on:input=move |ev| write_text(event_value(&ev))></textarea>
                <div class="preview" aria-label="Preview" aria-live="off">
                    {move || view! { <crate::components::markdown::Markdown text=text.get()/> }}
                </div>
            </div>
        }
        .into_any(),
        Input::Int | Input::Number => {
            let int = matches!(f.input, Input::Int);
            let path = path.clone();
            let on_input = move |ev: web_sys::Event| {
                let s = event_value(&ev);
                let parsed = if int { s.trim().parse::<i64>().ok().map(Value::from) } else { s.trim().parse::<f64>().ok().and_then(|n| serde_json::Number::from_f64(n)).map(Value::Number) };
                cx.write(&path, parsed.or(if required { Some(Value::Null) } else { None }));
            };
            view! { <input id=id type="number" step=if int { "1" } else { "any" } aria-describedby=described prop:value=text on:input=on_input/> }.into_any()
        }
        Input::Choice(options) => view! {
            <select id=id aria-describedby=described prop:value=text on:change=move |ev| write_text(event_value(&ev))>
                {(!required).then(|| view! { <option value="">"—"</option> })}
                {options().into_iter().map(|(v, label)| view! { <option value=v selected=move || text.get() == v>{label}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Input::TimeZone => {
            let list = format!("{id}-zones");
            view! {
                <input id=id type="text" list=list.clone() aria-describedby=described prop:value=text on:input=move |ev| write_text(event_value(&ev))/>
                <datalist id=list>{catalogue_core::time_zones::NAMES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
            }
            .into_any()
        }
        Input::Ref(kind) => picker(*kind, id, path, required, cx).into_any(),
        Input::Refs(kind) => chips(Some(*kind), id, path, cx).into_any(),
        Input::Words => chips(None, id, path, cx).into_any(),
        Input::Days => days(id, path, cx).into_any(),
        Input::Group(_) | Input::List { .. } => unreachable!("rendered by field()"),
    }
}

fn days(id: String, path: String, cx: FormCtx) -> impl IntoView {
    use catalogue_core::model::Weekday;
    let chosen = {
        let path = path.clone();
        Memo::new(move |_| cx.read(&path).and_then(|v| v.as_array().cloned()).unwrap_or_default())
    };
    view! {
        <div class="days" id=id role="group">
            {Weekday::ALL.into_iter().map(|d| {
                let key = serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let path = path.clone();
                let key2 = key.clone();
                view! {
                    <label class="day">
                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.iter().any(|v| v.as_str() == Some(&key)))
                            on:change=move |_| {
                                let mut now: Vec<String> = chosen.get_untracked().iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
                                if let Some(i) = now.iter().position(|k| *k == key2) { now.remove(i); } else { now.push(key2.clone()); }
                                let ordered: Vec<Value> = Weekday::ALL.iter()
                                    .filter_map(|w| serde_json::to_value(w).ok())
                                    .filter(|v| now.iter().any(|k| v.as_str() == Some(k)))
                                    .collect();
                                cx.write(&path, Some(Value::Array(ordered)));
                            }/>
                        {d.short()}
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

fn list(
    f: &'static Field,
    item: &'static str,
    fields: &'static [Field],
    template: &'static str,
    path: String,
    cx: FormCtx,
) -> impl IntoView {
    let len = {
        let path: Option<FieldPath> = path.parse().ok();
        Memo::new(move |_| {
            cx.value.with(|v| path.as_ref().and_then(|p| p.get(v)).and_then(Value::as_array).map_or(0, Vec::len))
        })
    };
    let required = f.required;
    let edit = {
        let path = path.clone();
        move |change: &dyn Fn(&mut Vec<Value>)| {
            let mut items = cx.read(&path).and_then(|v| v.as_array().cloned()).unwrap_or_default();
            change(&mut items);
            cx.write(&path, (!items.is_empty() || required).then_some(Value::Array(items)));
        }
    };
    let items = {
        let path = path.clone();
        let edit = edit.clone();
        move || {
            let n = len.get();
            (0..n)
                .map(|i| {
                    let (up, down, remove) = (edit.clone(), edit.clone(), edit.clone());
                    view! {
                        <div class="list-item" role="group" aria-label=format!("{item} {}", i + 1)>
                            {render(fields, format!("{path}[{i}]"), cx)}
                            <div class="item-actions">
                                <button type="button" disabled=i == 0 aria-label=format!("Move {item} {} up", i + 1) on:click=move |_| up(&|v| v.swap(i - 1, i))>"↑"</button>
                                <button type="button" disabled=i + 1 == n aria-label=format!("Move {item} {} down", i + 1) on:click=move |_| down(&|v| v.swap(i, i + 1))>"↓"</button>
                                <button type="button" class="danger" aria-label=format!("Remove {item} {}", i + 1) on:click=move |_| remove(&|v| { v.remove(i); })>"Remove"</button>
                            </div>
                        </div>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset class="list" id=dom_id(&path)>
            <legend>{f.label}</legend>
            {(!f.help.is_empty()).then(|| view! { <p class="help">{f.help}</p> })}
            {messages(cx, path.clone())}
            {items}
            <button type="button" class="add" on:click=move |_| {
                let new: Value = serde_json::from_str(template).expect("templates are JSON");
                edit(&|v| v.push(new.clone()));
            }>{format!("Add {item}")}</button>
        </fieldset>
    }
}
