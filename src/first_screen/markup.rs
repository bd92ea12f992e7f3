//! What the first screen writes of its markup in Rust: the lists its template leaves
//! empty, and the list's rows.

use catalogue_core::model::{Lifecycle, RecordKind, Service, ServiceView};
use catalogue_core::Catalogue;
use web_sys::{Document, Element};

use crate::listing::{self, ROW_HEIGHT};

/// Fills the lists the template leaves empty from where the app takes them: the main
/// navigation, the theme choices, the "New:" links and the list's view and lifecycle
/// choices. Written once, they cannot drift apart.
pub(super) fn fill_lists(doc: &Document, root: &Element) -> Option<()> {
    let add = |parent: &Element, tag: &str, attr: Option<(&str, &str)>, text: &str| -> Option<()> {
        let e = doc.create_element(tag).ok()?;
        if let Some((k, v)) = attr {
            e.set_attribute(k, v).ok()?;
        }
        e.set_text_content(Some(text));
        parent.append_child(&e).ok().map(|_| ())
    };
    let find = |selector: &str| root.query_selector(selector).ok().flatten();
    let nav = find("nav[aria-label='Main']")?;
    for (path, label) in crate::links::MAIN_NAV {
        add(&nav, "a", Some(("data-path", path)), label)?;
    }
    let themes = find(".theme-toggle select")?;
    for (value, label) in crate::theme::THEMES {
        add(&themes, "option", Some(("value", value)), label)?;
    }
    let create = find("nav.create")?;
    for kind in RecordKind::ALL {
        add(&create, "a", Some(("data-path", &crate::links::new_record(kind))), kind.label())?;
        create.append_with_str_1(" ").ok()?;
    }
    let views = find("#view-filter")?;
    for view in ServiceView::ALL {
        add(&views, "option", Some(("value", view.label())), view.label())?;
    }
    let lifecycles = find("#lifecycle-filter")?;
    for lifecycle in Lifecycle::ALL {
        add(&lifecycles, "option", Some(("value", lifecycle.label())), lifecycle.label())?;
    }
    Some(())
}

/// Row `i` of the list: the markup of `pages::services`' rows.
pub(super) fn row(doc: &Document, cat: &Catalogue, s: &Service, i: usize) -> Option<Element> {
    // An element with attributes and either a text or children.
    let el = |tag: &str, attrs: &[(&str, &str)], text: Option<&str>, children: &[Element]| -> Option<Element> {
        let e = doc.create_element(tag).ok()?;
        for (k, v) in attrs {
            e.set_attribute(k, v).ok()?;
        }
        if text.is_some() {
            e.set_text_content(text);
        }
        for c in children {
            e.append_child(c).ok()?;
        }
        Some(e)
    };
    let cell = |text: &str| el("div", &[("role", "cell")], Some(text), &[]);
    let badge = |kind: &str, label: &str| {
        let badge = el("span", &[("class", &format!("badge {kind}-{label}"))], Some(label), &[])?;
        el("div", &[("role", "cell")], None, &[badge])
    };
    let owner = cat
        .parties
        .binary_search_by(|p| p.id.as_str().cmp(&s.owner))
        .map(|p| cat.parties[p].name.as_str())
        .unwrap_or(&s.owner);
    let href = crate::links::at(crate::links::href(RecordKind::Service, &s.id));
    let name = el(
        "div",
        &[("role", "cell"), ("class", "cell-name")],
        None,
        &[el("a", &[("href", &href)], Some(&s.name), &[])?, el("div", &[("class", "summary")], Some(&s.summary), &[])?],
    )?;
    let cells = [
        name,
        badge("view", s.view.label())?,
        badge("lifecycle", s.lifecycle.label())?,
        cell(&format!("Tier {}", s.tier))?,
        cell(owner)?,
        el("div", &[("role", "cell"), ("class", "muted")], Some(&listing::updated(s)), &[])?,
    ];
    let r =
        el("div", &[("class", "service-row"), ("role", "row"), ("aria-rowindex", &(i + 2).to_string())], None, &cells)?;
    el("li", &[("style", &listing::row_style(i, ROW_HEIGHT)), ("role", "none")], None, &[r])
}
