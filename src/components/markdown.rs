use leptos::prelude::*;

/// Markdown from the catalogue, rendered and sanitized by the domain
/// (`catalogue_core::markdown`), so the HTML set here carries no script.
#[component]
pub fn Markdown(#[prop(into)] text: String, #[prop(optional, into)] class: String) -> impl IntoView {
    let html = catalogue_core::markdown::render(&text).html;
    view! { <div class=format!("prose {class}") inner_html=html></div> }
}
