//! What the first screen and the app's service list share: the list's order, the filter's
//! match, the date column, the row height and the virtual list's geometry. It names no
//! Leptos item, so the first screen (the main module, painted before Leptos is fetched)
//! can use it; a test checks that.

use std::cmp::Ordering;

use catalogue_core::model::Service;

/// The height of a service row, in CSS pixels (on phones its cells stack within it).
pub const ROW_HEIGHT: f64 = 60.0;

/// The list's order when no other is chosen (also the first screen's).
pub fn by_name(a: &Service, b: &Service) -> Ordering {
    a.name.to_lowercase().cmp(&b.name.to_lowercase())
}

/// Whether the filter's text (lowercased) is in a service's name, summary, id, family
/// or tags (also the first screen's filter).
pub fn matches(s: &Service, needle: &str) -> bool {
    needle.is_empty()
        || s.name.to_lowercase().contains(needle)
        || s.summary.to_lowercase().contains(needle)
        || s.id.contains(needle)
        || s.family.to_lowercase().contains(needle)
        || s.tags.iter().any(|t| t.to_lowercase().contains(needle))
}

/// The list's "Updated" column.
pub fn updated(s: &Service) -> String {
    jiff::tz::Offset::UTC.to_datetime(s.updated_at).date().to_string()
}

/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;

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
