//! Light and dark themes: follow the system until the reader picks one; the choice is
//! kept in this browser.

use leptos::prelude::*;

use crate::platform;

const KEY: &str = "theme";

/// Applies the theme kept in this browser (the first screen, before the toggle is there).
pub fn apply_saved() {
    apply(&saved());
}

fn saved() -> String {
    platform::local_get(KEY).filter(|t| t == "light" || t == "dark").unwrap_or_else(|| "system".to_owned())
}

fn apply(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if theme == "system" {
            root.remove_attribute("data-theme")
        } else {
            root.set_attribute("data-theme", theme)
        };
    }
}

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
                <option value="system">"System theme"</option>
                <option value="light">"Light"</option>
                <option value="dark">"Dark"</option>
            </select>
        </label>
    }
}
