//! A figure month by month as bars (SVG), each value written above its bar, so the
//! trend reads without hovering and prints as it shows.

use leptos::prelude::*;

/// One bar per `(month label, value)`; a month without a value has no bar and says so.
/// `show` writes a value as the figure beside the chart does.
pub fn trend(name: &str, points: Vec<(String, Option<f64>)>, show: fn(Option<f64>) -> String) -> impl IntoView {
    const W: f64 = 56.0;
    const H: f64 = 48.0;
    let max = points.iter().filter_map(|(_, v)| *v).fold(0.0_f64, f64::max).max(f64::EPSILON);
    let described: Vec<String> = points.iter().map(|(m, v)| format!("{m}: {}", show(*v))).collect();
    let width = W * points.len().max(1) as f64;
    view! {
        <svg class="trend" viewBox=format!("0 0 {width} {}", H + 30.0) role="img"
            aria-label=format!("{name} by month: {}", described.join("; "))>
            {points.into_iter().enumerate().map(|(i, (month, value))| {
                let x = i as f64 * W;
                let height = value.map(|v| (v / max * H).max(1.0)).unwrap_or(0.0);
                view! {
                    <g class="trend-month">
                        <rect class="trend-bar" x=format!("{:.1}", x + 12.0) y=format!("{:.1}", 14.0 + H - height)
                            width=format!("{:.1}", W - 24.0) height=format!("{height:.1}")></rect>
                        <text class="trend-value" x=format!("{:.1}", x + W / 2.0) y=format!("{:.1}", 10.0 + H - height)
                            text-anchor="middle">{value.map(|v| show(Some(v))).unwrap_or_else(|| "–".into())}</text>
                        <text class="trend-label" x=format!("{:.1}", x + W / 2.0) y=format!("{:.1}", H + 28.0)
                            text-anchor="middle">{month}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
