use catalogue_core::Problem;
use leptos::prelude::*;

/// The error panel: every problem of a file with where it is.
#[component]
pub fn ProblemList(title: String, problems: Vec<Problem>) -> impl IntoView {
    let count = problems.len();
    view! {
        <section class="error-panel" role="alert" aria-labelledby="problems-title">
            <h2 id="problems-title">{title}</h2>
            <p>{format!("{count} problem{} found. Nothing was changed.", if count == 1 { "" } else { "s" })}</p>
            <ol class="problems">
                {problems.into_iter().map(|p| view! {
                    <li>
                        {p.line.map(|l| view! { <span class="where">{format!("line {l}, column {}", p.column.unwrap_or(1))}</span> })}
                        {(!p.path.is_empty()).then(|| view! { <code class="path">{p.path.clone()}</code> })}
                        {p.record.as_ref().map(|r| view! { <span class="record">{format!("{} \"{}\"", r.kind.label(), r.id)}</span> })}
                        <span class="message">{p.message.clone()}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
