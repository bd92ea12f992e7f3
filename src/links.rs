//! Where each record lives in the app, and what a list shows of it.

use catalogue_core::model::RecordKind;
use catalogue_core::search::DocKey;

use crate::state::Loaded;

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

/// Title and one-line summary of a record, for lists and search results.
pub fn brief(l: &Loaded, key: &DocKey) -> Option<(String, String)> {
    let c = &l.cat;
    let lk = &l.lookup;
    Some(match key.kind {
        RecordKind::Service => {
            c.services.get(*lk.service.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Offering => {
            c.offerings.get(*lk.offering.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Agreement => {
            c.agreements.get(*lk.agreement.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
        RecordKind::Article => {
            c.articles.get(*lk.article.get(&key.id)?).map(|r| (r.title.clone(), r.summary.clone()))?
        }
        RecordKind::Party => c.parties.get(*lk.party.get(&key.id)?).map(|r| (r.name.clone(), r.description.clone()))?,
        RecordKind::Calendar => {
            c.calendars.get(*lk.calendar.get(&key.id)?).map(|r| (r.name.clone(), r.time_zone.clone()))?
        }
        RecordKind::Scorecard => {
            c.scorecards.get(*lk.scorecard.get(&key.id)?).map(|r| (r.name.clone(), r.summary.clone()))?
        }
    })
}
