//! Deterministic operational records for a catalogue: incidents and changes over a period,
//! shaped like a service desk's (most incidents opened in office hours, minor ones far
//! more common than major ones, acknowledgement and resolution times that grow as the
//! priority falls, some passed on between groups, some following changes).

use catalogue_core::model::{Priority, Timestamp};
use catalogue_core::operations::{ChangeOutcome, ChangeRecord, Incident, Operations, SCHEMA_REF, VERSION};
use catalogue_core::Catalogue;
use jiff::SignedDuration;

/// Minutes in a day.
const DAY: i64 = 24 * 60;

/// (priority, share of incidents, mean minutes to acknowledge, mean minutes to resolve).
const PRIORITIES: [(Priority, f64, f64, f64); 4] = [
    (Priority::P1, 0.05, 8.0, 180.0),
    (Priority::P2, 0.15, 25.0, 480.0),
    (Priority::P3, 0.50, 120.0, 2.0 * DAY as f64),
    (Priority::P4, 0.30, 360.0, 5.0 * DAY as f64),
];

struct Draw(fastrand::Rng);

impl Draw {
    /// An exponentially distributed number of minutes with the given mean.
    fn minutes(&mut self, mean: f64) -> i64 {
        (-mean * (1.0 - self.0.f64()).ln()).round().max(1.0) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.0.f64() < p
    }

    /// A moment of the `days` before `until`: with `office` chance on a weekday between
    /// 08:00 and 18:00 UTC, otherwise at any time.
    fn moment(&mut self, until: Timestamp, days: i64, office: f64) -> Timestamp {
        let start = until - SignedDuration::from_mins(days * DAY);
        loop {
            let minute = self.0.i64(0..days * DAY);
            let at = start + SignedDuration::from_mins(minute);
            let civil = at.to_zoned(jiff::tz::TimeZone::UTC).datetime();
            let weekday = civil.weekday().to_monday_one_offset() <= 5;
            let open = weekday && (8..18).contains(&civil.hour());
            if open || !self.chance(office) {
                return at;
            }
        }
    }
}

/// About `incidents` incidents and `changes` changes on the catalogue's services over the
/// `days` before `until`, the same for the same arguments.
pub fn operations(
    cat: &Catalogue,
    until: Timestamp,
    days: i64,
    incidents: usize,
    changes: usize,
    seed: u64,
) -> Operations {
    let mut d = Draw(fastrand::Rng::with_seed(seed));
    let mut services: Vec<&str> = cat.services.iter().map(|s| s.id.as_str()).collect();
    services.sort_unstable();
    let mut out = Operations { schema: SCHEMA_REF.to_owned(), version: VERSION, ..Operations::default() };
    if services.is_empty() {
        return out;
    }
    // Critical services (tier 1) see more incidents than tier 4 ones: they are more used.
    let weight = |id: &str| 5 - cat.service(id).map(|s| s.tier.clamp(1, 4)).unwrap_or(3) as usize;
    let weighted: Vec<&str> = services.iter().flat_map(|s| std::iter::repeat_n(*s, weight(s))).collect();
    for n in 0..changes {
        let start = d.moment(until, days, 0.3);
        let outcome = match d.0.u8(0..100) {
            0..90 => ChangeOutcome::Successful,
            90..95 => ChangeOutcome::Failed,
            _ => ChangeOutcome::BackedOut,
        };
        out.changes.push(ChangeRecord {
            id: format!("CHG{:07}", n + 1),
            service: weighted[d.0.usize(..weighted.len())].to_owned(),
            start,
            end: Some(start + SignedDuration::from_mins(d.0.i64(15..180))),
            outcome,
        });
    }
    for n in 0..incidents {
        let roll = d.0.f64();
        let mut share = 0.0;
        let &(priority, _, ack_mean, resolve_mean) = PRIORITIES
            .iter()
            .find(|(_, s, _, _)| {
                share += s;
                roll < share
            })
            .unwrap_or(&PRIORITIES[3]);
        // One incident in twenty follows a failed or backed-out change, on its service.
        let after = out.changes.iter().filter(|c| c.outcome != ChangeOutcome::Successful).nth(d.0.usize(..20));
        let following = after
            .filter(|_| d.chance(0.5))
            .map(|c| {
                (
                    c.service.clone(),
                    c.end.unwrap_or(c.start) + SignedDuration::from_mins(d.0.i64(5..360)),
                    Some(c.id.clone()),
                )
            })
            .filter(|(_, opened, _)| *opened < until);
        let (service, opened, caused_by) = match following {
            Some(f) => f,
            None => (weighted[d.0.usize(..weighted.len())].to_owned(), d.moment(until, days, 0.7), None),
        };
        let acknowledged = opened + SignedDuration::from_mins(d.minutes(ack_mean));
        let resolved = acknowledged + SignedDuration::from_mins(d.minutes(resolve_mean));
        let reassignments = match d.0.u8(0..100) {
            0..65 => 0,
            65..90 => 1,
            _ => d.0.u32(2..5),
        };
        out.incidents.push(Incident {
            id: format!("INC{:07}", n + 1),
            service,
            priority: Some(priority),
            opened,
            acknowledged: (acknowledged < until && !d.chance(0.02)).then_some(acknowledged),
            resolved: (resolved < until).then_some(resolved),
            reassignments,
            resolved_by: String::new(),
            caused_by,
        });
    }
    // Numbered in the order they were opened, as a service desk numbers them.
    out.incidents.sort_by_key(|x| x.opened);
    for (n, x) in out.incidents.iter_mut().enumerate() {
        x.id = format!("INC{:07}", n + 1);
    }
    out
}
