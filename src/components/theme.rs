//! The theme selector in the header (the themes themselves: `crate::theme`).

use leptos::prelude::*;

use crate::platform;
use crate::theme::{apply, saved, KEY, THEMES};

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(saved());
    Effect::new(move |_| apply(&theme.get()));
    view! {
        <label class="theme-toggle">
            <span class="visually-hidden">"Theme"</span>
            <select prop:value=theme on:change=move |ev| {
                let t = event_target_value(&ev);
                platform::local_set(KEY, &t);
                theme.set(t);
            }>
                {THEMES.map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
            </select>
        </label>
    }
}
