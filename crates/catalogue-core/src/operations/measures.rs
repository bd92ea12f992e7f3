//! The figures that answer the service-operation questions, over a period and for the
//! services a caller chooses (one service, an owner's, the whole catalogue).
//!
//! Service hours are those of the SLA covering the incident's service (its calendar),
//! counted with the SLA calculator's calendar code (`hours`, `sla`) on the wall clock of
//! the calendar's zone: a clock change does not move business hours. Without such an
//! SLA, service hours are every hour.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::SignedDuration;
use serde::Serialize;

use super::{Incident, Operations};
use crate::catalogue::Catalogue;
use crate::feasibility::ZoneRules;
use crate::hours::{is_open, open_periods};
use crate::lookup::Lookup;
use crate::model::*;
use crate::sla::due;

/// What the figures are computed from.
pub struct Scope<'a> {
    pub cat: &'a Catalogue,
    pub lookup: &'a Lookup,
    pub zones: &'a dyn ZoneRules,
}

/// The answers over a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Incidents opened in the period.
    pub incidents: usize,
    pub resolved: usize,
    /// Resolved without being passed on (first-time fix).
    pub first_time_fixed: usize,
    /// Mean times to acknowledge and to resolve, in minutes: on the wall clock, and
    /// counted in service hours.
    pub mtta_minutes: Option<f64>,
    pub mttr_minutes: Option<f64>,
    pub mtta_service_minutes: Option<f64>,
    pub mttr_service_minutes: Option<f64>,
    /// Changes started in the period, and those followed by an incident on the changed
    /// service or anything depending on it within the window (or named as its cause).
    pub changes: usize,
    pub changes_followed: usize,
    /// Incidents opened inside and outside the service's support hours.
    pub inside_hours: usize,
    pub outside_hours: usize,
    /// Incidents on services under an underpinning contract (a partner delivers part).
    pub on_partner_services: usize,
}

impl Figures {
    pub fn first_time_fix_rate(&self) -> Option<f64> {
        (self.resolved > 0).then(|| self.first_time_fixed as f64 / self.resolved as f64)
    }

    pub fn change_failure_rate(&self) -> Option<f64> {
        (self.changes > 0).then(|| self.changes_followed as f64 / self.changes as f64)
    }
}

/// How one agreement's response or resolution target was kept.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attainment {
    pub agreement: String,
    pub metric: Metric,
    pub priority: Option<Priority>,
    /// Incidents it applied to that were answered (or resolved), or fell due, in the period.
    pub total: usize,
    pub met: usize,
    /// Incidents that missed it, by id.
    pub breaches: Vec<String>,
}

impl Attainment {
    pub fn rate(&self) -> Option<f64> {
        (self.total > 0).then(|| self.met as f64 / self.total as f64)
    }
}

/// A share as the report and the command write it: `64 %`.
pub fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0} %", r * 100.0)).unwrap_or_else(|| "none to count".into())
}

/// Minutes as the report and the command write them: `2 h 35 min`.
pub fn duration(m: Option<f64>) -> String {
    match m.map(|m| m.round() as i64) {
        None => "none to count".into(),
        Some(m) if m < 60 => format!("{m} min"),
        Some(m) => format!("{} h {} min", m / 60, m % 60),
    }
}

/// The period of `days` days ending with the day `until` (UTC): `[from, to)`.
pub fn period(until: Date, days: i64) -> (Timestamp, Timestamp) {
    let midnight = |d: Date| d.to_zoned(TimeZone::UTC).map(|z| z.timestamp());
    let to = until.tomorrow().ok().and_then(|d| midnight(d).ok()).unwrap_or(Timestamp::MAX);
    let from = to.checked_sub(SignedDuration::from_hours(days.max(1) * 24)).unwrap_or(Timestamp::MIN);
    (from, to)
}

/// `at` on the wall clock of `zone` (UTC when the zone is unknown).
pub(super) fn civil(zones: &dyn ZoneRules, zone: &str, at: Timestamp) -> DateTime {
    let offset = zones.offset_seconds(zone, at).and_then(|s| Offset::from_seconds(s).ok()).unwrap_or(Offset::UTC);
    at.to_zoned(TimeZone::fixed(offset)).datetime()
}

/// Minutes `cal` is open between two instants.
pub fn open_minutes(cal: &Calendar, zones: &dyn ZoneRules, from: Timestamp, to: Timestamp) -> i64 {
    open_minutes_between(cal, civil(zones, &cal.time_zone, from), civil(zones, &cal.time_zone, to))
}

/// Minutes `cal` is open between two times on its wall clock.
pub(super) fn open_minutes_between(cal: &Calendar, a: DateTime, b: DateTime) -> i64 {
    if b <= a {
        return 0;
    }
    let days = a.date().until(b.date()).map(|s| s.get_days()).unwrap_or(0) + 2;
    open_periods(cal, a.date(), days)
        .into_iter()
        .map(|(s, e)| (s.max(a), e.min(b)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| s.duration_until(e).as_secs() / 60)
        .sum()
}

pub(super) fn minutes(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 60.0
}

/// What the measures need of a service: found once per service, not per incident (a
/// period of a large file has over a hundred thousand, each costing several lookups).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ServiceFacts {
    /// The calendar (its number) of the SLA covering it, if it has one.
    pub(super) sla: Option<usize>,
    /// Its support hours (their calendar's number), if it names them.
    pub(super) support: Option<usize>,
    /// Under an underpinning contract.
    pub(super) partner: bool,
}

impl<'c> Scope<'c> {
    // Looked up through the lookup's maps: the catalogue's own finders scan every record.
    pub(super) fn service(&self, id: &str) -> Option<&'c Service> {
        self.lookup.service.get(id).map(|&i| &self.cat.services[i])
    }

    fn calendar(&self, id: &str) -> Option<&'c Calendar> {
        self.lookup.calendar.get(id).map(|&i| &self.cat.calendars[i])
    }

    fn calendar_number(&self, id: &str) -> Option<usize> {
        self.lookup.calendar.get(id).copied()
    }

    /// The facts of `service` (none for a service the catalogue does not know).
    pub(super) fn facts(&self, service: &str) -> ServiceFacts {
        let agreements =
            || self.lookup.agreements_of_service.get(service).into_iter().flatten().map(|&i| &self.cat.agreements[i]);
        ServiceFacts {
            sla: agreements()
                .filter(|a| a.kind == AgreementKind::Sla)
                .find_map(|a| a.calendar.as_deref().and_then(|c| self.calendar_number(c))),
            support: self
                .service(service)
                .and_then(|s| s.support.calendar.as_deref())
                .and_then(|c| self.calendar_number(c)),
            partner: agreements().any(|a| a.kind == AgreementKind::UnderpinningContract),
        }
    }

    /// The facts of every service of the catalogue, by its number.
    pub(super) fn all_facts(&self) -> Vec<ServiceFacts> {
        self.cat.services.iter().map(|s| self.facts(&s.id)).collect()
    }

    /// Whether support of `service` is open at `at` (always, without support hours).
    pub fn in_support_hours(&self, service: &str, at: Timestamp) -> bool {
        let cal = self.facts(service).support.map(|n| &self.cat.calendars[n]);
        cal.is_none_or(|cal| is_open(cal, civil(self.zones, &cal.time_zone, at)))
    }

    /// The figures for incidents opened and changes started in `[from, to)` on the
    /// services `chosen` selects; a change counts as followed by an incident opened
    /// within `window` after it ends (see [`Scope::report`]).
    pub fn figures(
        &self,
        ops: &Operations,
        from: Timestamp,
        to: Timestamp,
        chosen: &dyn Fn(&str) -> bool,
        window: SignedDuration,
    ) -> Figures {
        self.report(ops, from, to, chosen, window).total
    }

    /// Per SLA response and resolution target: incidents of the period on the services it
    /// covers (of its priority, when it names one) answered or resolved in time, counted
    /// in the SLA's calendar; one still open past its due time at `to` is a breach.
    pub fn attainment(&self, ops: &Operations, from: Timestamp, to: Timestamp) -> Vec<Attainment> {
        let mut out: Vec<Attainment> = Vec::new();
        self.outcomes(ops, from, to, &mut |a, t, x, met| {
            let same = |o: &Attainment| o.agreement == a.id && o.metric == t.metric && o.priority == t.priority;
            if !out.last().is_some_and(same) {
                out.push(Attainment {
                    agreement: a.id.clone(),
                    metric: t.metric,
                    priority: t.priority,
                    total: 0,
                    met: 0,
                    breaches: vec![],
                });
            }
            let Some(x) = x else { return };
            let at = out.last_mut().expect("pushed above");
            at.total += 1;
            match met {
                true => at.met += 1,
                false => at.breaches.push(x.id.clone()),
            }
        });
        out
    }

    /// Per service, of the SLA targets its incidents of the period fell under, how many
    /// were met and how many counted (see [`Scope::attainment`]).
    pub fn attainment_by_service(
        &self,
        ops: &Operations,
        from: Timestamp,
        to: Timestamp,
    ) -> HashMap<String, (usize, usize)> {
        let mut out: HashMap<String, (usize, usize)> = HashMap::new();
        self.outcomes(ops, from, to, &mut |_, _, x, met| {
            if let Some(x) = x {
                let entry = out.entry(x.service.clone()).or_default();
                entry.0 += usize::from(met);
                entry.1 += 1;
            }
        });
        out
    }

    /// Calls `each` once per SLA response or resolution target with `None` (in order), then
    /// for each incident it decides, with whether the target was met.
    fn outcomes(
        &self,
        ops: &Operations,
        from: Timestamp,
        to: Timestamp,
        each: &mut dyn FnMut(&Agreement, &Target, Option<&Incident>, bool),
    ) {
        // The period's incidents by service, so each SLA looks only at its services'.
        let mut by_service: HashMap<&str, Vec<&Incident>> = HashMap::new();
        for x in ops.incidents.iter().filter(|x| x.opened >= from && x.opened < to) {
            by_service.entry(&x.service).or_default().push(x);
        }
        for a in self.cat.agreements.iter().filter(|a| a.kind == AgreementKind::Sla) {
            let cal = a.calendar.as_deref().and_then(|c| self.calendar(c));
            let zone = cal.map(|c| c.time_zone.as_str()).unwrap_or("UTC");
            let mut covered: Vec<&Incident> =
                a.services.iter().flat_map(|s| by_service.get(s.as_str()).into_iter().flatten().copied()).collect();
            covered.sort_by_key(|x| (x.opened, &x.id));
            covered.dedup_by_key(|x| &x.id);
            for t in a.targets.iter().filter(|t| matches!(t.metric, Metric::ResponseTime | Metric::ResolutionTime)) {
                each(a, t, None, false);
                for &x in &covered {
                    if t.priority.is_some() && x.priority != t.priority {
                        continue;
                    }
                    let Some(due) = due(cal, civil(self.zones, zone, x.opened), t.value, t.unit) else { continue };
                    let done = if t.metric == Metric::ResponseTime { x.acknowledged } else { x.resolved };
                    match done.map(|d| civil(self.zones, zone, d)) {
                        Some(done) => each(a, t, Some(x), done <= due),
                        None if civil(self.zones, zone, to) > due => each(a, t, Some(x), false),
                        None => continue,
                    }
                }
            }
        }
    }
}
