//! Light and dark themes: follow the system until the reader picks one; the choice is
//! kept in this browser. Names no Leptos item: the first screen applies the theme.

use crate::platform;

pub const KEY: &str = "theme";

/// The themes offered, as (value, label): the toggle and the first screen list them.
pub const THEMES: [(&str, &str); 3] = [("system", "System theme"), ("light", "Light"), ("dark", "Dark")];

/// Applies the theme kept in this browser (the first screen, before the toggle is there).
pub fn apply_saved() {
    apply(&saved());
}

pub fn saved() -> String {
    platform::local_get(KEY).filter(|t| THEMES.iter().any(|(v, _)| v == t)).unwrap_or_else(|| "system".to_owned())
}

pub fn apply(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if theme == "system" {
            root.remove_attribute("data-theme")
        } else {
            root.set_attribute("data-theme", theme)
        };
    }
}
