//! The first screen: the layout and the service list, painted by the app's first wasm
//! module with plain DOM calls while the rest of the app (Leptos, the state, the pages) is
//! fetched, so that a reader sees the catalogue after the smallest download. The app then
//! replaces it with the same markup, live (`hand_over`).
//!
//! Its markup is the `first-screen` template in `index.html`, the skeleton of what the
//! shell (`lib.rs`) and the list page (`pages/services.rs`) render, whose lists (the
//! navigation, the choices, the "New:" links) are filled from where the app takes them;
//! end-to-end tests check that it has the app's markup and that the list does not move
//! when the app takes over. While it is shown, the list
//! scrolls, its links work (a click records the page in the address bar, and the app
//! opens it when it starts), the filter narrows it, the search box takes text (`/`
//! focuses it), and the app receives what was typed as typed; the quick jump's Ctrl-K
//! or ⌘-K opens it once the app is there. Sorting and the view and lifecycle choices
//! wait for the app. Nothing here may use Leptos, or Leptos moves into
//! the first module.

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use catalogue_core::Catalogue;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

mod markup;

use crate::listing::{self, ROW_HEIGHT};
use crate::platform;

pub struct FirstScreen {
    doc: Document,
    root: Element,
    /// The list's rows, once shown; shared with the scroll listener.
    list: Rc<RefCell<Option<List>>>,
    /// Cleared when the app could not be fetched: links then load pages the usual way.
    intercept: Rc<Cell<bool>>,
    /// Ctrl-K or ⌘-K was pressed (with ⌘ when true): the app opens its quick jump.
    quick_jump: Rc<Cell<Option<bool>>>,
    listeners: RefCell<Vec<(web_sys::EventTarget, &'static str, Closure<dyn FnMut(web_sys::Event)>)>>,
}

struct List {
    cat: Catalogue,
    /// Indexes into `cat.services`, in the list's first order (by name).
    by_name: Vec<usize>,
    /// Those the filter keeps.
    order: Vec<usize>,
    count: Element,
    table: Element,
    scroller: HtmlElement,
    rows: Element,
    shown: Range<usize>,
}

impl FirstScreen {
    /// Paints the layout with the status "Opening the catalogue…".
    pub fn show() -> Option<FirstScreen> {
        let doc = web_sys::window()?.document()?;
        let template: web_sys::HtmlTemplateElement = doc.get_element_by_id("first-screen")?.dyn_into().ok()?;
        let root = doc.create_element("div").ok()?;
        root.set_id("first-screen-shown");
        root.append_child(&template.content().clone_node_with_deep(true).ok()?).ok()?;
        markup::fill_lists(&doc, &root)?;
        let links = root.query_selector_all("a[data-path]").ok()?;
        for i in 0..links.length() {
            let Some(a) = links.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let path = a.get_attribute("data-path").unwrap_or_default();
            let _ = a.set_attribute("href", &if path.starts_with('#') { path } else { crate::links::at(path) });
        }
        crate::theme::apply_saved();
        doc.body()?.append_child(&root).ok()?;
        let screen = FirstScreen {
            doc,
            root,
            list: Rc::default(),
            intercept: Rc::new(Cell::new(true)),
            quick_jump: Rc::default(),
            listeners: RefCell::default(),
        };
        screen.open_links_when_started();
        screen.take_text();
        Some(screen)
    }

    fn listen(&self, target: &web_sys::EventTarget, event: &'static str, f: impl FnMut(web_sys::Event) + 'static) {
        let f = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        self.listeners.borrow_mut().push((target.clone(), event, f));
    }

    /// `/` focuses the search box, as in the app; the search form submits nowhere.
    fn take_text(&self) {
        let doc = self.doc.clone();
        let quick_jump = Rc::clone(&self.quick_jump);
        self.listen(&self.doc, "keydown", move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if ev.key().eq_ignore_ascii_case("k") && (ev.ctrl_key() || ev.meta_key()) {
                ev.prevent_default();
                quick_jump.set(Some(ev.meta_key()));
                return;
            }
            let typing =
                doc.active_element().is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() {
                ev.prevent_default();
                if let Some(input) = doc.get_element_by_id("search-box").and_then(|e| e.dyn_into::<HtmlElement>().ok())
                {
                    let _ = input.focus();
                }
            }
        });
        if let Ok(Some(form)) = self.root.query_selector("form") {
            self.listen(&form, "submit", |ev| ev.prevent_default());
        }
    }

    /// Shows the list, on the list's own page (without a filter or sort in the URL, which
    /// only the app applies), and returns once it is painted.
    pub async fn show_list(&self, list: &Catalogue, next: &str) {
        if !on_list_page() {
            return;
        }
        let Some(list) = self.fill(list.clone()) else { return };
        status(next);
        let scroller = list.scroller.clone();
        *self.list.borrow_mut() = Some(list);
        render(&self.list);
        let shared = Rc::clone(&self.list);
        self.listen(&scroller, "scroll", move |_| render(&shared));
        if let Ok(Some(filter)) = self.root.query_selector("#service-filter") {
            let shared = Rc::clone(&self.list);
            self.listen(&filter.clone(), "input", move |_| {
                let text = filter.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
                if let Some(list) = shared.borrow_mut().as_mut() {
                    list.filter(&text.to_lowercase());
                }
                render(&shared);
            });
        }
        platform::mark_next_frame("catalogue:list-ready");
        platform::after_next_paint().await;
    }

    fn fill(&self, mut cat: Catalogue) -> Option<List> {
        // The order the app's list starts in: by id, then by name, stably.
        cat.sort();
        let mut by_name: Vec<usize> = (0..cat.services.len()).collect();
        by_name.sort_by(|&a, &b| listing::by_name(&cat.services[a], &cat.services[b]));
        let name = if cat.catalogue.name.is_empty() { "Service catalogue" } else { &cat.catalogue.name };
        self.root.query_selector(".brand").ok()??.set_text_content(Some(name));
        let section = self.root.query_selector("section").ok()??;
        section.remove_attribute("hidden").ok()?;
        let scroller: HtmlElement = section.query_selector(".virtual-list").ok()??.dyn_into().ok()?;
        let mut list = List {
            cat,
            order: by_name.clone(),
            by_name,
            count: section.query_selector(".result-count").ok()??,
            table: section.query_selector(".service-table").ok()??,
            rows: scroller.query_selector("ol").ok()??,
            scroller,
            shown: 0..0,
        };
        list.filter("");
        Some(list)
    }

    /// The app could not be fetched: the list stays, and says so; its inputs, which
    /// nothing would read, take no more text.
    pub fn app_not_fetched(&self) {
        self.intercept.set(false);
        status("Part of the app could not be downloaded, so only the list of services is shown. Check the connection and reload the page.");
        if let Ok(Some(p)) = self.root.query_selector("main > .loading") {
            let _ = p.set_attribute("class", "error-panel");
            let _ = p.set_attribute("role", "alert");
        }
        if let Ok(inputs) = self.root.query_selector_all("input") {
            for i in 0..inputs.length() {
                if let Some(input) = inputs.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = input.set_attribute("disabled", "");
                }
            }
        }
    }

    /// Leaves the page to the app, mounted meanwhile: the app's list takes the scroll
    /// position this one had, and its inputs the text typed here and the focus.
    pub async fn hand_over(self) {
        for (target, event, f) in self.listeners.take() {
            let _ = target.remove_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        }
        let scrolled = self.list.borrow().as_ref().map(|l| l.scroller.scroll_top());
        let focused = self.doc.active_element().filter(|e| self.root.contains(Some(e))).map(|e| e.id());
        let typed: Vec<(String, String)> = ["search-box", "service-filter"]
            .into_iter()
            .filter_map(|id| {
                let input: web_sys::HtmlInputElement =
                    self.root.query_selector(&format!("#{id}")).ok()??.dyn_into().ok()?;
                Some((id.to_owned(), input.value())).filter(|(_, v)| !v.is_empty())
            })
            .collect();
        // The router renders the page a few microtasks after the app is mounted: this
        // screen stays until the app's list is there, so no frame is painted with neither.
        let app_list = || self.doc.query_selector("body > main #service-rows").ok().flatten();
        let mut waited = 0;
        while scrolled.is_some() && on_list_page() && app_list().is_none() && waited < 1000 {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
            waited += 1;
        }
        self.root.remove();
        if let (Some(top), Some(el)) = (scrolled, app_list()) {
            el.set_scroll_top(top);
        }
        // Given as typed: the app searches or filters as it does on each keystroke.
        let input =
            |id: &str| self.doc.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        for (id, text) in typed {
            if let Some(el) = input(&id) {
                el.set_value(&text);
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &init) {
                    let _ = el.dispatch_event(&ev);
                }
            }
        }
        if let Some(el) =
            focused.and_then(|id| self.doc.get_element_by_id(&id)).and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        if let Some(meta) = self.quick_jump.get() {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key("k");
            init.set_ctrl_key(!meta);
            init.set_meta_key(meta);
            init.set_bubbles(true);
            if let Ok(ev) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
                let _ = self.doc.dispatch_event(&ev);
            }
        }
    }

    /// A click on a link records its page in the address bar instead of loading it: the
    /// app, which reads the address when it starts, opens it a moment later.
    fn open_links_when_started(&self) {
        let intercept = Rc::clone(&self.intercept);
        self.listen(&self.root, "click", move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else { return };
            if !intercept.get() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()
            {
                return;
            }
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            let Some(href) = link.and_then(|a| a.get_attribute("href")).filter(|h| !h.starts_with('#')) else { return };
            ev.prevent_default();
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
            }
            status("Opening…");
        });
    }
}

impl List {
    /// Keeps the services whose text holds `needle` (lowercased), as the app's filter does.
    fn filter(&mut self, needle: &str) {
        self.order =
            self.by_name.iter().copied().filter(|&i| listing::matches(&self.cat.services[i], needle)).collect();
        let n = self.order.len();
        self.count.set_text_content(Some(&format!("{n} shown")));
        let _ = self.table.set_attribute("aria-rowcount", &(n + 1).to_string());
        let _ = self.scroller.set_attribute("style", &listing::list_style(n, ROW_HEIGHT));
        let _ = self.rows.set_attribute("style", &listing::rows_style(n, ROW_HEIGHT));
        // Every row may differ: all are rendered again.
        self.shown = 0..0;
    }
}

/// Shows `text` as the first screen's status.
pub fn status(text: &str) {
    let p = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#first-screen-shown main > .loading").ok().flatten());
    if let Some(p) = p {
        p.set_text_content(Some(text));
    }
}

/// Whether the address is the list's page with nothing in its query.
fn on_list_page() -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return false };
    let path = location.pathname().unwrap_or_default();
    let path = path.strip_prefix(&platform::base_path()).unwrap_or(&path);
    matches!(path, "" | "/") && location.search().unwrap_or_default().is_empty()
}

/// Renders the rows in view (and a few around), as the app's virtual list does.
fn render(list: &Rc<RefCell<Option<List>>>) {
    let mut list = list.borrow_mut();
    let Some(list) = list.as_mut() else { return };
    let viewport = f64::from(list.scroller.client_height()).max(200.0);
    let window = listing::window(f64::from(list.scroller.scroll_top()), viewport, ROW_HEIGHT, list.order.len());
    if window == list.shown {
        return;
    }
    list.rows.set_text_content(None);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    for i in window.clone() {
        let s = &list.cat.services[list.order[i]];
        if let Some(li) = markup::row(&doc, &list.cat, s, i) {
            let _ = list.rows.append_child(&li);
        }
    }
    list.shown = window;
}
