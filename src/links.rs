//! Where each record lives in the app.

use catalogue_core::model::RecordKind;

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
