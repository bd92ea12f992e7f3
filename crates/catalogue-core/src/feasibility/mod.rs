//! Feasibility: can each SLA keep its promises, given what supports it?
//!
//! - **Availability** composes in series: a service is up only while the services it
//!   depends on are up, so the availability an SLA can promise is at most the product of
//!   the availabilities promised for its dependencies (by the agreements in force that
//!   cover them). A dependency without such a promise is followed to its own
//!   dependencies, and reported as unbacked.
//! - **Response and resolution** targets are compared with those of the OLAs and
//!   underpinning contracts beneath the SLA (its `supports` tree), each counted in its
//!   own calendar and time zone. An underpinning target breaks the promise when, for some
//!   moment a request is opened, it falls due later than the target it underpins. The
//!   moments tried: every half hour of two weeks (the weekly pattern), and every hour
//!   around each holiday and each clock change of the coming year.
//!
//! Time-zone rules come from the caller ([`ZoneRules`]): the web app asks the browser,
//! so no time-zone database ships with it.

use std::collections::HashSet;

use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, Timestamp};

mod availability;
mod times;

use availability::availability;
use times::times;

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::*;

/// UTC offsets of IANA time zones.
pub trait ZoneRules {
    /// The offset from UTC, in seconds, in `zone` at `at`; `None` for an unknown zone.
    fn offset_seconds(&self, zone: &str, at: Timestamp) -> Option<i32>;
}

/// Around-the-clock SLAs (without a calendar) are shown in UTC.
const UTC: &str = "UTC";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The supports cannot deliver what the SLA promises.
    Breaks,
    /// Part of the promise rests on nothing: a dependency without an agreement.
    Unbacked,
}

/// One record in a chain of support, with what it contributes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainLink {
    pub kind: RecordKind,
    pub id: String,
    pub note: String,
}

/// One problem with an SLA.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The SLA (an agreement id).
    pub sla: String,
    pub severity: Severity,
    /// The promise concerned, e.g. `availability 99.95 %` or `P1 time to resolve 4 business h`.
    pub promise: String,
    pub message: String,
    /// From the SLA down to what breaks it.
    pub chain: Vec<ChainLink>,
}

/// Every finding for every SLA in force on `today`, SLAs in catalogue order.
pub fn check_all(cat: &Catalogue, lookup: &Lookup, today: Date, zones: &dyn ZoneRules) -> Vec<Finding> {
    cat.agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Sla && in_force(a, today))
        .flat_map(|a| check(cat, lookup, a, today, zones))
        .collect()
}

/// The findings for one SLA.
pub fn check(cat: &Catalogue, lookup: &Lookup, sla: &Agreement, today: Date, zones: &dyn ZoneRules) -> Vec<Finding> {
    let mut out = availability(cat, lookup, sla, today);
    out.extend(times(cat, lookup, sla, today, zones));
    out
}

pub fn in_force(a: &Agreement, today: Date) -> bool {
    a.valid_from <= today && a.valid_until.is_none_or(|u| today <= u)
}

fn availability_of(a: &Agreement) -> Option<f64> {
    a.targets.iter().find(|t| t.metric == Metric::Availability && t.unit == TargetUnit::Percent).map(|t| t.value)
}

fn link(kind: RecordKind, id: &str, note: impl Into<String>) -> ChainLink {
    ChainLink { kind, id: id.to_owned(), note: note.into() }
}

/// Services an agreement covers, directly or through its offerings, in order, once each.
pub fn covered_services<'c>(cat: &'c Catalogue, lookup: &Lookup, a: &Agreement) -> Vec<&'c Service> {
    let via_offerings =
        a.offerings.iter().filter_map(|o| cat.offerings.get(*lookup.offering.get(o)?)).map(|o| &o.service);
    let mut seen = HashSet::new();
    a.services
        .iter()
        .chain(via_offerings)
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| cat.services.get(*lookup.service.get(id)?))
        .collect()
}

/// The wall-clock time in `zone` at `at`.
pub fn civil_in(zones: &dyn ZoneRules, zone: &str, at: Timestamp) -> Option<DateTime> {
    let offset = if zone == UTC { 0 } else { zones.offset_seconds(zone, at)? };
    let utc = jiff::tz::Offset::UTC.to_datetime(at);
    utc.checked_add(SignedDuration::from_secs(i64::from(offset))).ok()
}

/// The instant a wall-clock time in `zone` names (the later offset's reading in a fold,
/// shifted forward in a gap), found by correcting a first guess with the offset there.
pub fn instant_of(zones: &dyn ZoneRules, zone: &str, local: DateTime) -> Option<Timestamp> {
    let as_utc = jiff::tz::Offset::UTC.to_timestamp(local).ok()?;
    if zone == UTC {
        return Some(as_utc);
    }
    let first = zones.offset_seconds(zone, as_utc)?;
    let guess = as_utc.checked_sub(SignedDuration::from_secs(i64::from(first))).ok()?;
    let second = zones.offset_seconds(zone, guess)?;
    as_utc.checked_sub(SignedDuration::from_secs(i64::from(second))).ok()
}
