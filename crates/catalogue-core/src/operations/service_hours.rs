//! Service hours for the many incidents of one period: each calendar's open periods over
//! the period (and a month after it, for the later acknowledgements and resolutions) are
//! found once, with the whole minutes of those before each, so an incident costs a few
//! binary searches instead of walking its days through the calendar. A period of a large
//! file asks this three times for each of over a hundred thousand incidents. Instants
//! outside that span are counted as [`open_minutes`](super::measures::open_minutes) does.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::measures::{civil, minutes, open_minutes_between, Scope, ServiceFacts};
use crate::hours::{is_open, open_periods};
use crate::model::Calendar;

/// How long after a period its incidents' later times are answered from the span.
const AFTER_DAYS: i64 = 31;

/// A calendar's merged open periods over the dates `first..=last`, on its wall clock.
struct OpenSpan {
    first: Date,
    last: Date,
    periods: Vec<(DateTime, DateTime)>,
    /// Per period, the whole minutes of the periods before it (one more at the end).
    before: Vec<i64>,
}

fn whole_minutes(s: DateTime, e: DateTime) -> i64 {
    s.duration_until(e).as_secs() / 60
}

impl OpenSpan {
    fn new(cal: &Calendar, first: Date, last: Date) -> OpenSpan {
        // The days on each side of the span are walked too (`open_periods` and the
        // ranges running past midnight), so its periods merge as a single incident's do.
        let days = first.until(last).map(|s| s.get_days()).unwrap_or(0) + 2;
        let periods = open_periods(cal, first, days);
        let mut before = Vec::with_capacity(periods.len() + 1);
        before.push(0);
        for &(s, e) in &periods {
            before.push(before.last().copied().unwrap_or(0) + whole_minutes(s, e));
        }
        OpenSpan { first, last, periods, before }
    }

    fn covers(&self, a: DateTime, b: DateTime) -> bool {
        a.date() >= self.first && b.date() <= self.last
    }

    /// Whole minutes open between `a` and `b`, each period's share rounded down as
    /// `open_minutes` rounds it; `a` and `b` within the span.
    fn minutes(&self, a: DateTime, b: DateTime) -> i64 {
        // The first period ending after `a` and the first starting at or after `b`:
        // those between are whole, the two at the ends may be cut.
        let i = self.periods.partition_point(|p| p.1 <= a);
        let j = self.periods.partition_point(|p| p.0 < b);
        let cut = |k: usize| {
            let (s, e) = (self.periods[k].0.max(a), self.periods[k].1.min(b));
            if s < e {
                whole_minutes(s, e)
            } else {
                0
            }
        };
        match j.saturating_sub(i) {
            0 => 0,
            1 => cut(i),
            _ => cut(i) + (self.before[j - 1] - self.before[i + 1]) + cut(j - 1),
        }
    }

    fn is_open(&self, at: DateTime) -> bool {
        let i = self.periods.partition_point(|p| p.1 <= at);
        self.periods.get(i).is_some_and(|p| p.0 <= at)
    }
}

/// Service hours over one period, each calendar's span made when first needed.
pub(super) struct ServiceHours<'s, 'c> {
    scope: &'s Scope<'c>,
    first: Date,
    last: Date,
    spans: Vec<Option<OpenSpan>>,
}

impl<'s, 'c> ServiceHours<'s, 'c> {
    /// For incidents opened in `[from, to)`.
    pub(super) fn new(scope: &'s Scope<'c>, from: Timestamp, to: Timestamp) -> Self {
        // A day's margin: a wall clock may be a day behind or ahead of UTC.
        let date = |t: Timestamp, days: i64| {
            let t = t.checked_add(SignedDuration::from_hours(days * 24)).unwrap_or(t);
            t.to_zoned(TimeZone::UTC).date()
        };
        let spans = scope.cat.calendars.iter().map(|_| None).collect();
        ServiceHours { scope, first: date(from, -1), last: date(to, AFTER_DAYS), spans }
    }

    fn span(&mut self, n: usize) -> (&'c Calendar, &OpenSpan) {
        let cal = &self.scope.cat.calendars[n];
        let (first, last) = (self.first, self.last);
        (cal, self.spans[n].get_or_insert_with(|| OpenSpan::new(cal, first, last)))
    }

    /// Minutes from `from` to `to` in the service's hours: those of the SLA covering it,
    /// or every minute without one.
    pub(super) fn minutes(&mut self, facts: &ServiceFacts, from: Timestamp, to: Timestamp) -> f64 {
        let Some(n) = facts.sla else { return minutes(from.duration_until(to)) };
        let zones = self.scope.zones;
        let (cal, span) = self.span(n);
        let (a, b) = (civil(zones, &cal.time_zone, from), civil(zones, &cal.time_zone, to));
        let open = match b <= a {
            true => 0,
            false if span.covers(a, b) => span.minutes(a, b),
            false => open_minutes_between(cal, a, b),
        };
        open as f64
    }

    /// Whether the service's support is open at `at` (always, without support hours).
    pub(super) fn supported_at(&mut self, facts: &ServiceFacts, at: Timestamp) -> bool {
        let Some(n) = facts.support else { return true };
        let zones = self.scope.zones;
        let (cal, span) = self.span(n);
        let at = civil(zones, &cal.time_zone, at);
        match span.covers(at, at) {
            true => span.is_open(at),
            false => is_open(cal, at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::tests::cal;
    use crate::model::Weekday::*;
    use jiff::civil::date;
    use jiff::ToSpan;

    /// Every pair of instants of a fortnight, every 50 minutes, counted both ways, on a
    /// calendar with a holiday, an overnight range and ranges that overlap.
    #[test]
    fn a_span_counts_what_each_incident_would_count_alone() {
        let cal = cal(
            &[
                (&[Monday, Tuesday, Wednesday, Thursday, Friday], "08:00", "18:00"),
                (&[Friday], "22:00", "02:00"),
                (&[Tuesday], "17:00", "19:30"),
            ],
            &[date(2026, 12, 8)],
        );
        let (first, last) = (date(2026, 12, 1), date(2026, 12, 14));
        let span = OpenSpan::new(&cal, first, last);
        let instants: Vec<DateTime> =
            (0..13 * 24 * 60 / 50).map(|k| first.at(0, 0, 0, 0).checked_add((k * 50 + 7).minutes()).unwrap()).collect();
        for &a in &instants {
            assert_eq!(span.is_open(a), is_open(&cal, a), "open at {a}");
            for &b in instants.iter().filter(|&&b| b > a) {
                assert_eq!(span.minutes(a, b), open_minutes_between(&cal, a, b), "from {a} to {b}");
            }
        }
    }
}
