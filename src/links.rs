//! Where each record lives in the app.

use catalogue_core::model::RecordKind;

/// The main navigation, as (app path, label), in order: the shell and the first screen
/// both draw it from here.
pub const MAIN_NAV: [(&str, &str); 8] = [
    ("/", "Services"),
    (KNOWLEDGE, "Knowledge"),
    ("/health", "Health"),
    ("/scorecards", "Scorecards"),
    ("/feasibility", "Feasibility"),
    ("/operations", "Operations"),
    (CHANGES, "My changes"),
    ("/data", "Import & export"),
];
/// The knowledge base: the search, showing articles alone.
pub const KNOWLEDGE: &str = "/search?kind=article";
pub const CHANGES: &str = "/changes";
/// What changed in the published catalogue since the reader's previous version.
pub const WHATS_NEW: &str = "/whats-new";

/// The app path of the form that creates a record of `kind`.
pub fn new_record(kind: RecordKind) -> String {
    format!("/new/{}", kind.collection())
}

/// The URL path of an app path, for `<A href>`: leptos_router 0.8 takes an absolute
/// `href` as it is, without the router's base, so links under a GitHub Pages project
/// path (`/<repository>/…`) must carry the base themselves. `navigate` adds the base on
/// its own and takes app paths.
pub fn at(path: impl AsRef<str>) -> String {
    thread_local!(static BASE: String = crate::platform::base_path());
    BASE.with(|b| format!("{b}{}", path.as_ref()))
}

/// The app path of a record's page.
pub fn href(kind: RecordKind, id: &str) -> String {
    format!("/{}/{id}", kind.collection())
}
