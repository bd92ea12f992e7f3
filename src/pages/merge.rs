//! Settling a merge of a newer catalogue (published, or an imported file) with local
//! changes: every conflict side by side, a choice for each, and the result validated
//! before anything is written.

use catalogue_core::edit::Conflict;
use catalogue_core::merge::{Choice, RecordConflict};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::changes::{change_list, shown, ChangeRow};
use crate::links;
use crate::state::{AppState, PendingMerge, PUBLISHED};
use catalogue_store::StoreError;

fn initial(conflicts: &[RecordConflict]) -> Vec<Choice> {
    conflicts
        .iter()
        .map(|c| match c {
            RecordConflict::Fields { conflicts, .. } => Choice::Fields(vec![true; conflicts.len()]),
            RecordConflict::DeleteEdit { .. } => Choice::KeepRecord(true),
        })
        .collect()
}

#[component]
pub fn MergePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = RwSignal::new(Vec::<Choice>::new());
    // What the page was opened for: its heading stays once the merge is applied.
    let opened_for_set = state.pending_merge.with_untracked(|p| p.as_ref().is_some_and(|p| p.change_set.is_some()));
    // What became of the last merge or replace: done, or refused with why.
    let message = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| {
        if let Some(p) = state.pending_merge.get() {
            choices.set(initial(&p.merge.conflicts));
        }
    });
    // The settled merge and what would be invalid in it, as the choices change.
    let settled = Memo::new(move |_| {
        let p = state.pending_merge.get()?;
        let mut merge = p.merge.clone();
        choices.with(|c| merge.settle(c));
        let problems = catalogue_core::validate(&merge.merged);
        Some((merge, problems))
    });
    let apply = move |_| {
        let Some(p) = state.pending_merge.get_untracked() else { return };
        let Some((merge, _)) = settled.get_untracked() else { return };
        spawn_local(async move {
            if let Some(set) = &p.change_set {
                message.set(Some(match state.apply_change_set(set, &merge).await {
                    Ok(n) => {
                        Ok(format!("Applied the change set from {}: {n} record(s) saved as your changes.", p.source))
                    }
                    Err(e) => Err(e.to_string()),
                }));
                return;
            }
            message.set(Some(match state.apply_merge(&p.theirs, &merge, p.based_on, p.whats_new.clone()).await {
                Ok(()) => Ok(format!(
                    "Merged: the catalogue is now revision {} with your changes.",
                    p.theirs.catalogue.revision
                )),
                Err(e) => Err(refused(state, &p, e)),
            }));
        });
    };
    let replace = move |_| {
        let Some(p) = state.pending_merge.get_untracked() else { return };
        let sure = web_sys::window().and_then(|w| w.confirm_with_message("Drop your local changes to these records and take the other version? Export the catalogue first if you may need them.").ok()).unwrap_or(false);
        if !sure {
            return;
        }
        spawn_local(async move {
            let mut plain = p.merge.clone();
            plain.merged = p.theirs.clone();
            message.set(Some(match state.apply_merge(&p.theirs, &plain, p.based_on, p.whats_new.clone()).await {
                Ok(()) => Ok("Replaced by the other version; your local changes were dropped.".to_owned()),
                Err(e) => Err(refused(state, &p, e)),
            }));
        });
    };
    view! {
        <article aria-labelledby="merge-title">
            <header class="record-header">
                <h1 id="merge-title">{if opened_for_set { "Apply a change set" } else { "Merge a newer catalogue" }}</h1>
            </header>
            {move || message.get().map(|m| match m {
                Ok(done) => view! { <p class="notice success" role="status">{done}</p> }.into_any(),
                Err(why) => view! { <p class="notice warning" role="alert">{why}</p> }.into_any(),
            })}
            {move || {
                let p = state.pending_merge.get();
                let Some(p) = p else {
                    return view! { <p class="muted">"Nothing to merge: your catalogue is up to date."</p> }.into_any();
                };
                let count = p.merge.conflicts.len();
                let from_set = p.change_set.is_some();
                let lede = match &p.change_set {
                    None => format!(
                        "Revision {} from {} and your local changes: {} change(s) merge by themselves, {} need your choice.",
                        p.theirs.catalogue.revision, p.source, p.merge.kept, count
                    ),
                    Some(set) => format!(
                        "The change set {}{}, made on revision {}: {} change(s) apply by themselves, {} need your choice.",
                        p.source,
                        by(&set.author, &set.message),
                        set.catalogue.revision,
                        p.merge.kept,
                        count
                    ),
                };
                view! {
                    <p class="lede">{lede}</p>
                    {p.change_set.as_ref().map(|set| change_list(set.changes.iter().map(|c| ChangeRow {
                        kind: c.kind,
                        title: c.title().to_owned(),
                        what: c.what(),
                        fields: c.fields(),
                        link: p.theirs.record_value(c.kind, &c.id).map(|_| links::href(c.kind, &c.id)),
                    }).collect()))}
                    <ol class="merge-conflicts">
                        {p.merge.conflicts.iter().enumerate().map(|(i, c)| conflict_view(state, i, c.clone(), choices, from_set)).collect_view()}
                    </ol>
                    {move || settled.with(|s| s.as_ref().map(|(_, problems)| (!problems.is_empty()).then(|| view! {
                        <div class="form-problems" role="status">
                            <p>"With these choices the catalogue would not be valid:"</p>
                            <ul>{problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                        </div>
                    })))}
                    <div class="form-actions">
                        <button type="button" class="primary" on:click=apply
                            disabled=move || settled.with(|s| s.as_ref().is_none_or(|(_, p)| !p.is_empty()))>"Merge"</button>
                        {(!from_set).then(|| view! { <button type="button" class="secondary" on:click=replace>"Take the other version, drop my changes"</button> })}
                        <button type="button" class="secondary" on:click=move |_| state.pending_merge.set(None)>"Not now"</button>
                    </div>
                }
                .into_any()
            }}
        </article>
    }
}

/// " by Dana: “Faster dashboards”", or less when the change set does not say.
fn by(author: &str, message: &str) -> String {
    let author = if author.is_empty() { String::new() } else { format!(" by {author}") };
    let message = if message.is_empty() { String::new() } else { format!(": \u{201c}{message}\u{201d}") };
    author + &message
}

/// The two sides of a merge as the reader is told them: a newer catalogue is the other
/// version of their own changes; a change set's changes meet what is here.
fn sides(from_set: bool) -> (&'static str, &'static str) {
    if from_set {
        ("The change set", "Here")
    } else {
        ("Mine", "Other version")
    }
}

fn conflict_view(
    state: AppState,
    i: usize,
    c: RecordConflict,
    choices: RwSignal<Vec<Choice>>,
    from_set: bool,
) -> impl IntoView {
    let (kind, id) = c.key();
    let title = state
        .catalogue
        .with_untracked(|l| l.as_ref().and_then(|l| l.cat.record_title(kind, id)))
        .unwrap_or_else(|| id.to_owned());
    let heading = format!("{} \u{201c}{title}\u{201d}", kind.label());
    let link = links::at(links::href(kind, id));
    let body = match c {
        RecordConflict::Fields { conflicts, .. } => conflicts
            .into_iter()
            .enumerate()
            .map(|(j, f)| field_choice(i, j, f, choices, sides(from_set)))
            .collect_view()
            .into_any(),
        RecordConflict::DeleteEdit { deleted_locally, .. } => {
            let (keep_label, delete_label, what) = if from_set {
                if deleted_locally {
                    (
                        "Keep it, as it is here",
                        "Delete it, as the change set does",
                        "The change set deletes this record; it was edited here since.",
                    )
                } else {
                    (
                        "Keep it, with the change set's edits",
                        "Leave it deleted, as it is here",
                        "The change set edits this record; it was deleted here since.",
                    )
                }
            } else if deleted_locally {
                (
                    "Keep it, with the published edits",
                    "Delete it, as I did",
                    "You deleted this record; the other version edited it.",
                )
            } else {
                (
                    "Keep it, with my edits",
                    "Delete it, as the other version did",
                    "You edited this record; the other version deleted it.",
                )
            };
            let name = format!("choice-{i}");
            view! {
                <p>{what}</p>
                <label><input type="radio" name=name.clone() checked=true on:change=move |_| set(choices, i, Choice::KeepRecord(true))/>" "{keep_label}</label>
                <label><input type="radio" name=name on:change=move |_| set(choices, i, Choice::KeepRecord(false))/>" "{delete_label}</label>
            }
            .into_any()
        }
    };
    view! {
        <li class="conflict" role="group" aria-label=heading.clone()>
            <h2><a href=link>{heading.clone()}</a></h2>
            {body}
        </li>
    }
}

fn set(choices: RwSignal<Vec<Choice>>, i: usize, choice: Choice) {
    choices.update(|c| {
        if let Some(slot) = c.get_mut(i) {
            *slot = choice;
        }
    });
}

fn field_choice(
    i: usize,
    j: usize,
    f: Conflict,
    choices: RwSignal<Vec<Choice>>,
    (mine, theirs): (&'static str, &'static str),
) -> impl IntoView {
    let name = format!("choice-{i}-{j}");
    let pick = move |mine: bool| {
        choices.update(|c| {
            if let Some(Choice::Fields(v)) = c.get_mut(i) {
                if let Some(slot) = v.get_mut(j) {
                    *slot = mine;
                }
            }
        })
    };
    view! {
        <fieldset class="field-conflict">
            <legend><code>{f.field.clone()}</code></legend>
            <div class="sides">
                <label><input type="radio" name=name.clone() checked=true on:change=move |_| pick(true)/>" "{mine}": "<span class="value">{shown(&f.mine)}</span></label>
                <label><input type="radio" name=name on:change=move |_| pick(false)/>" "{theirs}": "<span class="value">{shown(&f.theirs)}</span></label>
            </div>
            <p class="help">{format!("Before both changes: {}", shown(&f.base))}</p>
        </fieldset>
    }
}

/// Why a merge was not applied. One made before another write would undo it: it is
/// dropped, to be made again from what is stored now.
fn refused(state: AppState, p: &PendingMerge, e: StoreError) -> String {
    match e {
        StoreError::Stale => {
            state.pending_merge.set(None);
            let again = if p.source == PUBLISHED {
                "reload the page to merge it with what is stored now"
            } else {
                "import the file again to merge it with what is stored now"
            };
            format!("Something was saved since this merge was prepared (an import, or a save here or in another tab), so it was not applied and nothing changed: {again}.")
        }
        e => e.to_string(),
    }
}
