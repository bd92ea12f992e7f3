//! Quick jump (Ctrl-K or ⌘-K): a dialog that finds any record by name and opens it with
//! Enter, without leaving the page you are on.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::highlight::highlighted;
use crate::links::href;
use crate::state::AppState;

const SHOWN: usize = 8;

#[component]
pub fn Palette() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let results = Memo::new(move |_| {
        let q = text.get();
        state.index.with(|finder| {
            let Some(f) = finder else { return Default::default() };
            let (docs, terms) = f.best(&q, SHOWN);
            (docs.into_iter().map(|d| (f.key(d).clone(), f.brief(d).title.clone())).collect::<Vec<_>>(), terms)
        })
    });

    window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key().eq_ignore_ascii_case("k") && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            if let (Some(d), Some(i)) = (dialog.get_untracked(), input.get_untracked()) {
                if !d.open() {
                    text.set(String::new());
                    active.set(0);
                    let _ = d.show_modal();
                }
                let _ = i.focus();
            }
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let open_result = move |i: usize| {
        if let Some((key, _)) = results.with_untracked(|(k, _)| k.get(i).cloned()) {
            close();
            navigate(&href(key.kind, &key.id), Default::default());
        }
    };

    view! {
        <dialog class="palette" node_ref=dialog aria-labelledby="palette-title"
            on:click=move |ev| {
                // A click on the backdrop (the dialog itself, not its content) closes it.
                if event_target::<web_sys::Element>(&ev).tag_name() == "DIALOG" { close(); }
            }>
            <div class="palette-body">
                <h2 id="palette-title" class="visually-hidden">"Jump to"</h2>
                <input node_ref=input type="search" autocomplete="off" spellcheck="false" role="combobox"
                    aria-label="Jump to a service, article, agreement or party" aria-controls="palette-results"
                    aria-expanded=move || (!results.with(|(k, _)| k.is_empty())).to_string()
                    aria-activedescendant=move || format!("palette-{}", active.get())
                    placeholder="Jump to…"
                    prop:value=text
                    on:input=move |ev| { text.set(event_target_value(&ev)); active.set(0); }
                    on:keydown={
                        let open_result = open_result.clone();
                        move |ev| {
                            let n = results.with_untracked(|(k, _)| k.len());
                            match ev.key().as_str() {
                                "ArrowDown" if n > 0 => { ev.prevent_default(); active.update(|a| *a = (*a + 1) % n); }
                                "ArrowUp" if n > 0 => { ev.prevent_default(); active.update(|a| *a = (*a + n - 1) % n); }
                                "Enter" => { ev.prevent_default(); open_result(active.get_untracked()); }
                                _ => {}
                            }
                        }
                    } />
                <ul id="palette-results" role="listbox" aria-label="Matches">
                    {move || {
                        let (found, terms) = results.get();
                        found.into_iter().enumerate().map(|(i, (key, title))| {
                            let open_result = open_result.clone();
                            view! {
                                <li id=format!("palette-{i}") role="option" aria-selected=move || (active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    on:click=move |_| open_result(i)>
                                    <span class="badge">{key.kind.label()}</span>" "{highlighted(&title, &terms)}
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
                <p class="note">"↑ ↓ to choose, Enter to open, Esc to close"</p>
            </div>
        </dialog>
    }
}
