//! A list that renders only the rows in view, so that tens of thousands of rows scroll
//! as smoothly as ten. Rows have one fixed height.

use leptos::prelude::*;

/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;

// The geometry, shared with the first screen's list (which is painted before Leptos runs).

/// The rows to render when the list is scrolled to `scroll_top` and shows `viewport` pixels.
pub fn window(scroll_top: f64, viewport: f64, row_height: f64, n: usize) -> std::ops::Range<usize> {
    let first = ((scroll_top / row_height) as usize).saturating_sub(OVERSCAN);
    let visible = (viewport / row_height).ceil() as usize + 2 * OVERSCAN;
    first.min(n)..(first + visible).min(n)
}

/// The scrolling element's height: all rows, up to about a screen.
pub fn list_style(n: usize, row_height: f64) -> String {
    format!("height:min({}px, max(20rem, calc(100vh - 14rem)))", (n.max(1) as f64 * row_height) + 2.0)
}

pub fn rows_style(n: usize, row_height: f64) -> String {
    format!("height:{}px", n as f64 * row_height)
}

pub fn row_style(i: usize, row_height: f64) -> String {
    format!("top:{}px;height:{row_height}px", i as f64 * row_height)
}

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
