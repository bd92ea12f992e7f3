use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section>
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. "<A href=crate::links::at("/")>"Back to the catalogue"</A></p>
        </section>
    }
}
