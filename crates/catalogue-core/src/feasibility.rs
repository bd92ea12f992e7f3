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
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::*;
use crate::sla::due;

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

fn format_percent(p: f64) -> String {
    let s = format!("{:.3}", (p * 1000.0).floor() / 1000.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} %")
}

fn availability(cat: &Catalogue, lookup: &Lookup, sla: &Agreement, today: Date) -> Vec<Finding> {
    let Some(promised) = availability_of(sla) else { return Vec::new() };
    let promise = format!("availability {}", format_percent(promised));
    // The strongest availability promised for a service by an agreement in force (not this SLA).
    let backing = |service: &str| -> Option<(&Agreement, f64)> {
        lookup
            .agreements_of_service
            .get(service)?
            .iter()
            .map(|&i| &cat.agreements[i])
            .filter(|a| a.id != sla.id && in_force(a, today))
            .filter_map(|a| Some((a, availability_of(a)?)))
            .max_by(|x, y| x.1.total_cmp(&y.1))
    };
    let mut factors: Vec<(&Service, &Agreement, f64)> = Vec::new();
    let mut unbacked: Vec<&Service> = Vec::new();
    let mut retired: Vec<(&Service, &Service)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let covered = covered_services(cat, lookup, sla);
    let mut stack: Vec<&Service> = covered.iter().rev().copied().collect();
    let covered_ids: HashSet<&str> = covered.iter().map(|s| s.id.as_str()).collect();
    while let Some(s) = stack.pop() {
        for dep in s.depends_on.iter().rev().filter_map(|d| cat.services.get(*lookup.service.get(d)?)) {
            if covered_ids.contains(dep.id.as_str()) || !seen.insert(&dep.id) {
                continue;
            }
            if dep.lifecycle == Lifecycle::Retired {
                retired.push((s, dep));
            }
            match backing(&dep.id) {
                Some((a, v)) => factors.push((dep, a, v)),
                None => {
                    unbacked.push(dep);
                    stack.push(dep);
                }
            }
        }
    }
    let mut out = Vec::new();
    let head = || link(RecordKind::Agreement, &sla.id, format!("promises {}", format_percent(promised)));
    let composed = factors.iter().map(|(_, _, v)| v / 100.0).product::<f64>() * 100.0;
    if !factors.is_empty() && composed < promised - 1e-9 {
        let mut weakest = factors.clone();
        weakest.sort_by(|x, y| x.2.total_cmp(&y.2));
        let mut chain = vec![head()];
        for (service, agreement, v) in &weakest {
            chain.push(link(RecordKind::Service, &service.id, "a dependency"));
            chain.push(link(RecordKind::Agreement, &agreement.id, format!("promises {}", format_percent(*v))));
        }
        let names: Vec<String> = weakest.iter().map(|(s, _, v)| format!("{} {}", s.name, format_percent(*v))).collect();
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Breaks,
            promise: promise.clone(),
            message: format!(
                "promises {} but the services it depends on, in series, are promised at most {} ({})",
                format_percent(promised),
                format_percent(composed),
                names.join(" × ")
            ),
            chain,
        });
    }
    for (user, dep) in retired {
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Breaks,
            promise: promise.clone(),
            message: format!("{} depends on {}, which is retired", user.name, dep.name),
            chain: vec![
                head(),
                link(RecordKind::Service, &user.id, "depends on"),
                link(RecordKind::Service, &dep.id, "retired"),
            ],
        });
    }
    if !unbacked.is_empty() {
        let names: Vec<&str> = unbacked.iter().map(|s| s.name.as_str()).collect();
        let mut chain = vec![head()];
        chain.extend(unbacked.iter().map(|s| link(RecordKind::Service, &s.id, "no availability promised")));
        out.push(Finding {
            sla: sla.id.clone(),
            severity: Severity::Unbacked,
            promise,
            message: format!("no OLA or contract in force promises the availability of {}", names.join(", ")),
            chain,
        });
    }
    out
}

/// A target and the calendar it is counted in.
#[derive(Clone, Copy)]
struct Clock<'c> {
    target: &'c Target,
    calendar: Option<&'c Calendar>,
}

fn describe(t: &Target) -> String {
    let priority = t.priority.map(|p| format!("{} ", p.label())).unwrap_or_default();
    format!("{priority}{} {}", t.metric.label(), t.unit.amount(t.value))
}

fn times(cat: &Catalogue, lookup: &Lookup, sla: &Agreement, today: Date, zones: &dyn ZoneRules) -> Vec<Finding> {
    let calendar_of = |a: &Agreement| a.calendar.as_deref().and_then(|c| cat.calendar(c));
    let timed =
        |t: &&Target| matches!(t.metric, Metric::ResponseTime | Metric::ResolutionTime) && t.unit.time_unit().is_some();
    // Every agreement beneath the SLA with the path to it (SLA first), breadth first.
    let mut tree: Vec<Vec<&Agreement>> = Vec::new();
    let mut queue = vec![vec![sla]];
    let mut seen: HashSet<&str> = HashSet::from([sla.id.as_str()]);
    while let Some(path) = queue.pop() {
        let last = *path.last().expect("paths are never empty");
        for &i in lookup.underpinned_by.get(&last.id).map(Vec::as_slice).unwrap_or_default() {
            let under = &cat.agreements[i];
            if in_force(under, today) && seen.insert(&under.id) {
                let mut next = path.clone();
                next.push(under);
                tree.push(next.clone());
                queue.insert(0, next);
            }
        }
    }
    if tree.is_empty() {
        return Vec::new();
    }
    let calendars: Vec<&Calendar> =
        std::iter::once(sla).chain(tree.iter().map(|p| *p.last().unwrap())).filter_map(calendar_of).collect();
    let zones_used: Vec<&str> = calendars.iter().map(|c| c.time_zone.as_str()).collect();
    let holidays: Vec<Date> = calendars.iter().flat_map(|c| c.holidays.iter().map(|h| h.date)).collect();
    let starts = sample_starts(today, &zones_used, &holidays, zones);
    let sla_zone = calendar_of(sla).map(|c| c.time_zone.as_str()).unwrap_or(UTC);

    let mut out = Vec::new();
    for sla_target in sla.targets.iter().filter(timed) {
        for path in &tree {
            let under = *path.last().unwrap();
            let Some(under_target) = under
                .targets
                .iter()
                .filter(timed)
                .find(|t| t.metric == sla_target.metric && compatible(t.priority, sla_target.priority))
            else {
                continue;
            };
            // The nearest target above it on the path: if every agreement fits inside the
            // one above, the whole chain fits inside the SLA.
            let above = path[..path.len() - 1].iter().rev().find_map(|a| {
                a.targets
                    .iter()
                    .filter(timed)
                    .find(|t| t.metric == sla_target.metric && compatible(t.priority, sla_target.priority))
                    .map(|t| (*a, t))
            });
            let Some((above_agreement, above_target)) = above else { continue };
            let upper = Clock { target: above_target, calendar: calendar_of(above_agreement) };
            let lower = Clock { target: under_target, calendar: calendar_of(under) };
            let Some(worst) = latest_beyond(upper, lower, &starts, zones) else { continue };
            let mut chain = vec![link(RecordKind::Agreement, &sla.id, describe(sla_target))];
            for a in &path[1..] {
                let t = a
                    .targets
                    .iter()
                    .filter(timed)
                    .find(|t| t.metric == sla_target.metric && compatible(t.priority, sla_target.priority));
                chain.push(link(RecordKind::Agreement, &a.id, t.map(describe).unwrap_or_else(|| "underpins".into())));
            }
            let show = |at: Timestamp| {
                civil_in(zones, sla_zone, at)
                    .map(|d| d.strftime("%a %-d %b %Y %H:%M").to_string())
                    .unwrap_or_else(|| at.to_string())
            };
            let late = worst.lower_due.map(show).unwrap_or_else(|| "never (its calendar has no hours)".into());
            out.push(Finding {
                sla: sla.id.clone(),
                severity: Severity::Breaks,
                promise: describe(sla_target),
                message: format!(
                    "{} ({}) can fall due after {} ({}): a request opened {} ({sla_zone}) is due under {} at {} but under {} at {}; {} of {} opening times tried are late",
                    under.name,
                    describe(under_target),
                    above_agreement.name,
                    describe(above_target),
                    show(worst.start),
                    above_agreement.name,
                    show(worst.upper_due),
                    under.name,
                    late,
                    worst.late,
                    starts.len(),
                ),
                chain,
            });
        }
    }
    out
}

fn compatible(a: Option<Priority>, b: Option<Priority>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The worst opening time for which `lower` falls due after `upper`, if any.
struct Late {
    start: Timestamp,
    upper_due: Timestamp,
    /// `None`: never (the calendar is never open long enough).
    lower_due: Option<Timestamp>,
    late: usize,
}

fn latest_beyond(upper: Clock, lower: Clock, starts: &[Timestamp], zones: &dyn ZoneRules) -> Option<Late> {
    let mut worst: Option<(Late, SignedDuration)> = None;
    let mut late = 0;
    for &start in starts {
        let Some(upper_due) = due_at(upper, start, zones) else { continue };
        let lower_due = due_at(lower, start, zones);
        let by = match lower_due {
            Some(d) if d <= upper_due => continue,
            Some(d) => upper_due.duration_until(d),
            None => SignedDuration::MAX,
        };
        late += 1;
        if worst.as_ref().is_none_or(|(_, w)| by > *w) {
            worst = Some((Late { start, upper_due, lower_due, late: 0 }, by));
        }
    }
    worst.map(|(w, _)| Late { late, ..w })
}

/// When a target counted from `start` falls due, as an instant.
fn due_at(clock: Clock, start: Timestamp, zones: &dyn ZoneRules) -> Option<Timestamp> {
    let t = clock.target;
    let business = matches!(t.unit, TargetUnit::BusinessHours | TargetUnit::BusinessDays);
    match clock.calendar {
        Some(cal) if business => {
            let local = civil_in(zones, &cal.time_zone, start)?;
            instant_of(zones, &cal.time_zone, due(Some(cal), local, t.value, t.unit)?)
        }
        _ => {
            let minutes = match t.unit.time_unit()? {
                TimeUnit::Milliseconds => t.value / 60_000.0,
                TimeUnit::Seconds => t.value / 60.0,
                TimeUnit::Minutes => t.value,
                TimeUnit::Hours | TimeUnit::BusinessHours => t.value * 60.0,
                TimeUnit::Days | TimeUnit::BusinessDays => t.value * 1440.0,
            };
            start.checked_add(SignedDuration::from_secs_f64(minutes * 60.0)).ok()
        }
    }
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

/// Opening times to try: every half hour of the two weeks from `today` (UTC midnight),
/// and every hour of the three days before each holiday and clock change in the coming
/// year, through the day itself.
fn sample_starts(today: Date, zone_names: &[&str], holidays: &[Date], zones: &dyn ZoneRules) -> Vec<Timestamp> {
    let Ok(origin) = jiff::tz::Offset::UTC.to_timestamp(today.at(0, 0, 0, 0)) else { return Vec::new() };
    let mut starts: Vec<Timestamp> = (0..14 * 48).filter_map(|i| origin.checked_add((i * 30).minutes()).ok()).collect();
    let horizon = today.checked_add(1.year()).unwrap_or(Date::MAX);
    let mut special: Vec<Date> = holidays.iter().copied().filter(|d| *d >= today && *d < horizon).collect();
    let mut unique_zones: Vec<&str> = zone_names.to_vec();
    unique_zones.sort_unstable();
    unique_zones.dedup();
    for zone in unique_zones {
        let mut previous = zones.offset_seconds(zone, origin);
        for day in 1..=366 {
            let Ok(at) = origin.checked_add((day * 24).hours()) else { break };
            let offset = zones.offset_seconds(zone, at);
            if offset != previous {
                special.extend(today.checked_add((day - 1).days()).ok());
            }
            previous = offset;
        }
    }
    special.sort_unstable();
    special.dedup();
    for day in special {
        let Ok(from) = jiff::tz::Offset::UTC.to_timestamp(day.at(0, 0, 0, 0)) else { continue };
        starts.extend((-72..24).filter_map(|h| from.checked_add(h.hours()).ok()));
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}
