use std::collections::HashSet;

use catalogue_core::search::highlight;
use leptos::prelude::*;

/// `text` with the words a search matched in `<mark>`.
pub fn highlighted(text: &str, terms: &HashSet<String>) -> impl IntoView {
    if terms.is_empty() {
        return text.to_owned().into_any();
    }
    highlight(text, terms)
        .into_iter()
        .map(
            |s| {
                if s.hit {
                    view! { <mark>{s.text.to_owned()}</mark> }.into_any()
                } else {
                    s.text.to_owned().into_any()
                }
            },
        )
        .collect_view()
        .into_any()
}
