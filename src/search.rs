//! Search as the app sees it: the query and facets live in the URL (`/search?q=…&tier=1`),
//! so every search is a deep link and back/forward step through searches.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use catalogue_core::facets::{Facet, Selection};
use catalogue_core::search::{Brief, DocKey, Finder, Hit};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::state::AppState;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub text: String,
    pub selection: Selection,
}

impl Query {
    pub fn from_params(p: &ParamsMap) -> Query {
        let mut selection = Selection::new();
        for f in Facet::ALL {
            let chosen: std::collections::BTreeSet<String> =
                p.get_all(f.param()).unwrap_or_default().into_iter().filter(|v| !v.is_empty()).collect();
            if !chosen.is_empty() {
                selection.insert(f, chosen);
            }
        }
        Query { text: p.get("q").unwrap_or_default(), selection }
    }

    /// The app URL of this search.
    pub fn url(&self) -> String {
        let mut p = ParamsMap::new();
        if !self.text.is_empty() {
            p.insert("q", self.text.clone());
        }
        for (f, values) in &self.selection {
            for v in values {
                p.insert(f.param(), v.clone());
            }
        }
        format!("/search{}", p.to_query_string())
    }

    /// The same search with one facet value switched on or off.
    pub fn toggled(&self, facet: Facet, value: &str) -> Query {
        let mut q = self.clone();
        let set = q.selection.entry(facet).or_default();
        if !set.remove(value) {
            set.insert(value.to_owned());
        }
        if set.is_empty() {
            q.selection.remove(&facet);
        }
        q
    }
}

/// Results ranked on each keystroke: about what the first screens show. The rest are
/// ranked when the reader scrolls past them.
const RANKED_AT_ONCE: usize = 100;

/// What a search shows: the matching records in order, the facet counts and the terms
/// to highlight.
#[derive(Default)]
pub struct Outcome {
    /// The query text these results are for.
    pub query: String,
    /// The finder the hits came from; `None` until the search index is ready.
    finder: Option<Arc<Finder>>,
    /// With words, the first [`RANKED_AT_ONCE`] in order and the rest in no order until
    /// `all` ranks them; without words, every record in the order listed.
    hits: Vec<Hit>,
    ranked: bool,
    all: OnceLock<Vec<Hit>>,
    pub counts: std::collections::BTreeMap<Facet, Vec<(String, usize)>>,
    pub terms: HashSet<String>,
    /// How many of the hits have every word of the query (they come first); the others
    /// have some of them.
    pub complete: usize,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        let same_finder = match (&self.finder, &other.finder) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_finder && self.query == other.query && self.hits == other.hits && self.counts == other.counts
    }
}

impl Outcome {
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The `i`th record listed, with what its result shows.
    pub fn row(&self, i: usize) -> Option<(DocKey, Brief)> {
        let finder = self.finder.as_ref()?;
        let hits = if i < RANKED_AT_ONCE || !self.ranked {
            &self.hits
        } else {
            self.all.get_or_init(|| {
                let mut all = self.hits.clone();
                finder.index().rank(&mut all);
                all
            })
        };
        let doc = hits.get(i)?.doc;
        Some((finder.key(doc).clone(), finder.brief(doc).clone()))
    }
}

pub fn run(state: AppState, query: &Query) -> Arc<Outcome> {
    let Some(finder) = state.index.get() else { return Arc::new(Outcome::default()) };
    let ranked = !query.text.trim().is_empty();
    let found = if ranked {
        let mut found = finder.find(&query.text, &query.selection);
        finder.index().rank_top(&mut found.hits, RANKED_AT_ONCE);
        found
    } else {
        finder.list(&query.selection)
    };
    let complete = if ranked { found.hits.iter().filter(|h| h.words == found.words).count() } else { found.hits.len() };
    Arc::new(Outcome {
        complete,
        query: query.text.clone(),
        finder: Some(finder),
        hits: found.hits,
        ranked,
        all: OnceLock::new(),
        counts: found.counts,
        terms: found.terms,
    })
}

/// How long the URL waits for typing to pause before it follows the search box. A write
/// to the browser's history costs about as much as a whole search of a large catalogue,
/// and Chromium refuses more than 200 of them in 10 seconds.
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The current search, shared by the search box in the header and the results page.
#[derive(Clone, Copy)]
pub struct SearchCtx {
    pub query: Memo<Query>,
    pub outcome: Memo<Arc<Outcome>>,
    /// The result that has keyboard focus.
    pub active: RwSignal<Option<usize>>,
    /// What was typed on the search page and is not in the URL yet.
    typed: RwSignal<Option<Query>>,
    /// The last query the box wrote to the URL, to tell its own writes from navigation.
    written: StoredValue<Option<Query>>,
    /// Counts keystrokes: a delayed URL write that is no longer the latest does nothing.
    keystrokes: StoredValue<u64>,
    path: Memo<String>,
    navigate: StoredValue<Box<dyn Fn(&str, NavigateOptions)>, LocalStorage>,
}

/// Id of the search box in the header.
pub const SEARCH_BOX_ID: &str = "search-box";

impl SearchCtx {
    /// Creates the context; must run inside the router.
    pub fn provide(state: AppState) -> SearchCtx {
        let params = use_query_map();
        let in_url = Memo::new(move |_| params.with(Query::from_params));
        let typed = RwSignal::new(None::<Query>);
        let query = Memo::new(move |_| typed.get().unwrap_or_else(|| in_url.get()));
        let outcome = Memo::new(move |_| run(state, &query.get()));
        let navigate = use_navigate();
        let ctx = SearchCtx {
            query,
            outcome,
            active: RwSignal::new(None),
            typed,
            written: StoredValue::new(None),
            keystrokes: StoredValue::new(0),
            path: use_location().pathname,
            navigate: StoredValue::new_local(Box::new(move |url: &str, options| navigate(url, options))),
        };
        // The URL changed. Navigation (a facet, a link, back and forward) wins over what
        // was typed; the box's own write only catches up with it.
        Effect::new(move |_| {
            let url = in_url.get();
            let own = ctx.written.with_value(|w| w.as_ref() == Some(&url));
            if !own || typed.with_untracked(|t| t.as_ref() == Some(&url)) {
                typed.set(None);
            }
        });
        Effect::new(move |_| {
            query.track();
            ctx.active.set(None);
        });
        provide_context(ctx);
        ctx
    }

    /// Searches for what is typed in the box on the search page at once; the URL follows
    /// when typing pauses.
    pub fn type_text(self, text: String) {
        let selection = self.query.with_untracked(|q| q.selection.clone());
        self.typed.set(Some(Query { text, selection }));
        self.keystrokes.update_value(|k| *k += 1);
        let this = self.keystrokes.get_value();
        set_timeout(
            move || {
                if self.keystrokes.get_value() == this {
                    self.write_url();
                }
            },
            URL_DELAY,
        );
    }

    /// Writes what was typed to the URL now: before a result is opened, so that going
    /// back returns to this search.
    pub fn write_url(self) {
        let Some(q) = self.typed.get_untracked() else { return };
        if !self.path.with_untracked(|p| p.ends_with("/search")) {
            return;
        }
        self.keystrokes.update_value(|k| *k += 1);
        self.written.set_value(Some(q.clone()));
        self.navigate
            .with_value(|navigate| navigate(&q.url(), NavigateOptions { replace: true, ..Default::default() }));
    }

    /// Moves keyboard focus to result `i` (scrolling it into view first).
    pub fn focus_result(self, i: usize) {
        self.active.set(Some(i));
        request_animation_frame(move || focus_element(&format!("result-{i}")));
    }

    /// Arrow keys on a result: next, previous, or back to the search box.
    pub fn move_focus(self, ev: &leptos::ev::KeyboardEvent, i: usize) {
        let n = self.outcome.with_untracked(|o| o.len());
        match ev.key().as_str() {
            "Enter" => return self.write_url(),
            "ArrowDown" if i + 1 < n => self.focus_result(i + 1),
            "ArrowUp" if i > 0 => self.focus_result(i - 1),
            "ArrowUp" => {
                self.active.set(None);
                focus_element(SEARCH_BOX_ID);
            }
            "Home" => self.focus_result(0),
            "End" if n > 0 => self.focus_result(n - 1),
            _ => return,
        }
        ev.prevent_default();
    }
}

pub fn focus_element(id: &str) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
