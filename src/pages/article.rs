//! A knowledge article: Markdown body, known-error sections, runbook steps to tick off.

use std::sync::Arc;

use catalogue_core::facets::Facet;
use catalogue_core::model::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::markdown::Markdown;
use crate::components::records::{not_found, party_link, record_actions, service_link};
use crate::platform;
use crate::state::{AppState, Loaded};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let l = state.catalogue.get()?;
        Some(match l.lookup.article.get(&id) {
            Some(&i) => article_view(state, l.clone(), i).into_any(),
            None => not_found(RecordKind::Article, &id).into_any(),
        })
    }
}

fn article_view(state: AppState, l: Arc<Loaded>, index: usize) -> impl IntoView {
    let a = &l.cat.articles[index];
    // The catalogue in memory holds articles without their texts: they are read from
    // the store while the rest of the page is already on screen.
    let texts = {
        let id = a.id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move {
                let value = state.record(RecordKind::Article, &id).await.map_err(|e| e.to_string())?;
                let article: Option<Article> =
                    value.map(serde_json::from_value).transpose().map_err(|e| e.to_string())?;
                Ok::<_, String>(article)
            }
        })
    };
    let due = a.review_due();
    let overdue = due.is_some_and(|d| d < platform::today());
    view! {
        <article class="article" aria-labelledby="article-title">
            <header class="record-header">
                <p class="kind">{a.kind.label()}</p>
                <h1 id="article-title">{a.title.clone()}</h1>
                {record_actions(RecordKind::Article, &a.id)}
                {(!a.summary.is_empty()).then(|| view! { <p class="lede">{a.summary.clone()}</p> })}
                <p class="badges">
                    {(a.status != ArticleStatus::Published).then(|| view! { <span class="badge status">{a.status.label()}</span> })}
                    {overdue.then(|| view! { <span class="badge overdue" title="The review date has passed">"Overdue for review"</span> })}
                    {a.tags.iter().map(|t| {
                        let url = crate::search::Query::default().toggled(Facet::Kind, "article").toggled(Facet::Tag, t).url();
                        let t = t.clone();
                        view! { <A href=crate::links::at(url) attr:class="tag">{t}</A> }
                    }).collect_view()}
                </p>
                <dl class="facts">
                    <dt>"Owner"</dt><dd>{party_link(&l, &a.owner)}</dd>
                    {(!a.services.is_empty()).then(|| view! {
                        <dt>"Services"</dt>
                        <dd class="inline-list">{a.services.iter().map(|s| view! { <span>{service_link(&l, s)}</span> }).collect_view()}</dd>
                    })}
                    {a.last_reviewed.map(|d| view! { <dt>"Last reviewed"</dt><dd>{d.to_string()}</dd> })}
                    {due.map(|d| view! { <dt>"Next review"</dt><dd class:overdue=overdue>{d.to_string()}</dd> })}
                    <dt>"Updated"</dt><dd>{a.updated_at.strftime("%Y-%m-%d %H:%M UTC").to_string()}" · revision "{a.revision}</dd>
                </dl>
            </header>
            {move || match texts.get() {
                None => None,
                Some(Ok(Some(a))) => Some(texts_view(&a).into_any()),
                // Deleted meanwhile: the catalogue read back shows that.
                Some(Ok(None)) => None,
                Some(Err(why)) => Some(view! {
                    <p class="notice warning" role="alert">{format!("The text of this article could not be read: {why}. Reload the page to try again.")}</p>
                }.into_any()),
            }}
        </article>
    }
}

/// The texts of an article (`Article::TEXTS`), from the whole record.
fn texts_view(a: &Article) -> impl IntoView {
    view! {
        {a.known_error.as_ref().map(|k| view! {
            <section class="known-error" aria-label="Known error">
                <div class="ke-part"><h2>"Symptom"</h2><Markdown text=k.symptom.clone()/></div>
                <div class="ke-part"><h2>"Cause"</h2><Markdown text=k.cause.clone()/></div>
                <div class="ke-part workaround"><h2>"Workaround"</h2><Markdown text=k.workaround.clone()/></div>
            </section>
        })}
        {(!a.body.is_empty()).then(|| view! { <Markdown text=a.body.clone() class="body"/> })}
        {(!a.steps.is_empty()).then(|| steps_view(&a.id, &a.steps))}
    }
}

/// Runbook steps with boxes to tick while following along. The ticks are kept in this
/// browser only (they are a working aid, not catalogue data).
fn steps_view(article: &str, steps: &[RunbookStep]) -> impl IntoView {
    let key = format!("runbook-progress:{article}");
    let done = RwSignal::new(
        platform::local_get(&key)
            .map(|s| s.split(',').filter_map(|n| n.parse::<usize>().ok()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let save = {
        let key = key.clone();
        move || {
            let v = done.get_untracked().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",");
            platform::local_set(&key, &v);
        }
    };
    let total = steps.len();
    let save_reset = save.clone();
    view! {
        <section class="runbook" aria-labelledby="steps-title">
            <h2 id="steps-title">"Steps"</h2>
            <p class="progress" role="status">{move || format!("{} of {total} steps done", done.with(Vec::len))}
                " "<button type="button" class="secondary small" on:click=move |_| { done.set(Vec::new()); save_reset(); }>"Start over"</button>
            </p>
            <ol class="steps">
                {steps.iter().enumerate().map(|(i, s)| {
                    let save = save.clone();
                    let id = format!("step-{}", i + 1);
                    view! {
                        <li class="step" class:done=move || done.with(|d| d.contains(&i))>
                            <div class="step-head">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || done.with(|d| d.contains(&i))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        done.update(|d| { d.retain(|&x| x != i); if on { d.push(i); d.sort_unstable(); } });
                                        save();
                                    }/>
                                <label for=id><span class="step-number">{format!("Step {}", i + 1)}</span>" "{s.title.clone()}</label>
                            </div>
                            {(!s.body.is_empty()).then(|| view! { <Markdown text=s.body.clone()/> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
