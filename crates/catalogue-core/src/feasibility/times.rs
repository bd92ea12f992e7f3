//! Response and resolution targets against those of the agreements beneath an SLA, each
//! counted in its own calendar and time zone, at sampled opening times.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::*;
use crate::sla::due;

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

pub(super) fn times(
    cat: &Catalogue,
    lookup: &Lookup,
    sla: &Agreement,
    today: Date,
    zones: &dyn ZoneRules,
) -> Vec<Finding> {
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
