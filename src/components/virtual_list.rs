//! A list that renders only the rows in view, so that tens of thousands of rows scroll
//! as smoothly as ten. Rows have one fixed height.

use leptos::prelude::*;

use crate::listing::{list_style, row_style, rows_style, window};

#[component]
pub fn VirtualList<F, V>(
    /// Number of rows.
    #[prop(into)]
    len: Signal<usize>,
    /// Height of every row, in CSS pixels.
    row_height: f64,
    /// Renders row `i`.
    row: F,
    /// Id of the scrolling element.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// Set to scroll a row into view.
    #[prop(optional, into)]
    scroll_to: Option<Signal<Option<usize>>>,
    /// The rows are `role="row"`s of an ARIA table around the list: the list's own
    /// elements then step aside (a row group holding plain boxes).
    #[prop(optional)]
    in_table: bool,
) -> impl IntoView
where
    F: Fn(usize) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            viewport.set(f64::from(el.client_height()).max(200.0));
        }
    });
    if let Some(target) = scroll_to {
        Effect::new(move |_| {
            let (Some(i), Some(el)) = (target.get(), container.get_untracked()) else { return };
            let top = i as f64 * row_height;
            let view = f64::from(el.client_height());
            let current = f64::from(el.scroll_top());
            if top < current {
                el.set_scroll_top(top as i32);
            } else if top + row_height > current + view {
                el.set_scroll_top((top + row_height - view) as i32);
            }
        });
    }
    let window = move || window(scroll_top.get(), viewport.get(), row_height, len.get());
    view! {
        <div class="virtual-list" id=id node_ref=container tabindex="-1" role=in_table.then_some("rowgroup")
            style=move || list_style(len.get(), row_height)
            on:scroll=move |ev| {
                let el: web_sys::HtmlElement = event_target(&ev);
                scroll_top.set(f64::from(el.scroll_top()));
                viewport.set(f64::from(el.client_height()));
            }>
            <ol class="virtual-rows" aria-label=(!in_table).then_some(label) role=in_table.then_some("none") style=move || rows_style(len.get(), row_height)>
                {move || {
                    let row = row.clone();
                    let n = len.get();
                    window().map(move |i| view! {
                        <li style=row_style(i, row_height)
                            role=in_table.then_some("none")
                            aria-setsize=(!in_table).then_some(n) aria-posinset=(!in_table).then_some(i + 1)>{row(i)}</li>
                    }).collect_view()
                }}
            </ol>
        </div>
    }
}
