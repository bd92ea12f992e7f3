//! A table that may be wider than a phone's screen scrolls sideways in its own box rather
//! than the page. The box can be focused, so that it scrolls from the keyboard too (WCAG
//! 2.1.1; axe's `scrollable-region-focusable`), and is a named region, so that a screen
//! reader says what the stop is (the pattern of Adrian Roselli's "Under-Engineered
//! Responsive Tables").

use leptos::prelude::*;

/// `table` in its box; `label` says what it holds ("Targets", "Roles").
pub fn table_scroll(label: &'static str, table: impl IntoView) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {table}
        </div>
    }
}
