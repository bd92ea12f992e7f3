//! SLA arithmetic: how much downtime an availability target allows in a period, and when
//! a response or resolution target falls due, either around the clock or counted only
//! inside a calendar's support hours (its weekly ranges, overnight ones included, minus
//! holidays).
//!
//! Times are wall-clock times in the calendar's zone, like `hours`: business hours are
//! defined on the wall clock, so a DST change does not move them. Around-the-clock
//! durations are counted on the wall clock too, so across a DST change the real elapsed
//! time differs by the hour the clocks moved.

use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, ToSpan};

use crate::hours::open_periods;
use crate::model::{Calendar, TargetUnit};

/// A reporting period, starting on the first day of the month, quarter or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    pub fn label(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The period containing `day`: its first day and the first day after it.
    pub fn around(self, day: Date) -> (Date, Date) {
        let (start, months) = match self {
            Period::Month => (day.first_of_month(), 1),
            Period::Quarter => (Date::new(day.year(), (day.month() - 1) / 3 * 3 + 1, 1).expect("a valid month"), 3),
            Period::Year => (day.first_of_year(), 12),
        };
        (start, start.checked_add(months.months()).unwrap_or(Date::MAX))
    }
}

/// Minutes of service in `[from, to)`: every minute without a calendar, otherwise the
/// minutes inside its open periods.
pub fn service_minutes(cal: Option<&Calendar>, from: Date, to: Date) -> i64 {
    let (start, end) = (from.at(0, 0, 0, 0), to.at(0, 0, 0, 0));
    match cal {
        None => start.duration_until(end).as_secs() / 60,
        Some(cal) => {
            let days = from.until(to).map(|s| s.get_days()).unwrap_or(0);
            open_periods(cal, from, days)
                .into_iter()
                .map(|(s, e)| (s.max(start), e.min(end)))
                .filter(|(s, e)| s < e)
                .map(|(s, e)| s.duration_until(e).as_secs() / 60)
                .sum()
        }
    }
}

/// The downtime an availability of `percent` allows over `[from, to)`.
pub fn downtime_budget(percent: f64, cal: Option<&Calendar>, from: Date, to: Date) -> SignedDuration {
    let minutes = service_minutes(cal, from, to) as f64 * (100.0 - percent.clamp(0.0, 100.0)) / 100.0;
    SignedDuration::from_secs_f64(minutes * 60.0)
}

/// `start` plus `minutes` counted only inside the calendar's open periods; `None` when
/// the calendar is not open for that long within the coming three years.
pub fn add_open_minutes(cal: &Calendar, start: DateTime, minutes: i64) -> Option<DateTime> {
    const WINDOW: i32 = 62;
    let mut remaining = minutes;
    let mut from = start.date();
    for _ in 0..18 {
        for (s, e) in open_periods(cal, from, WINDOW) {
            if e <= start {
                continue;
            }
            let s = s.max(start);
            let available = s.duration_until(e).as_secs() / 60;
            if remaining <= available {
                return s.checked_add(remaining.minutes()).ok();
            }
            remaining -= available;
        }
        from = from.checked_add(WINDOW.days()).ok()?;
    }
    None
}

/// The same wall-clock time `days` open days after `start` (days with support hours and
/// no holiday), moved to the end of that day's hours if it is later than they last.
fn add_open_days(cal: &Calendar, start: DateTime, days: i64) -> Option<DateTime> {
    let mut left = days;
    let mut day = start.date();
    for _ in 0..(days * 7 + 400) {
        day = day.tomorrow().ok()?;
        let periods: Vec<_> = open_periods(cal, day, 1).into_iter().filter(|(s, _)| s.date() == day).collect();
        if periods.is_empty() {
            continue;
        }
        left -= 1;
        if left == 0 {
            let at = day.to_datetime(start.time());
            let last_end = periods.iter().map(|(_, e)| *e).max()?;
            return Some(at.min(last_end));
        }
    }
    None
}

/// When a target of `value` `unit` counted from `start` falls due. Business units count
/// inside `cal` (around the clock without one); other units around the clock.
pub fn due(cal: Option<&Calendar>, start: DateTime, value: f64, unit: TargetUnit) -> Option<DateTime> {
    let clock = |minutes: f64| start.checked_add(SignedDuration::from_secs_f64(minutes * 60.0)).ok();
    match (unit, cal) {
        (TargetUnit::Minutes, _) => clock(value),
        (TargetUnit::Hours, _) | (TargetUnit::BusinessHours, None) => clock(value * 60.0),
        (TargetUnit::Days, _) | (TargetUnit::BusinessDays, None) => clock(value * 1440.0),
        (TargetUnit::Seconds, _) => clock(value / 60.0),
        (TargetUnit::BusinessHours, Some(cal)) => add_open_minutes(cal, start, (value * 60.0).round() as i64),
        (TargetUnit::BusinessDays, Some(cal)) => add_open_days(cal, start, value.round() as i64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::tests::{cal, WEEKDAYS};
    use crate::model::Weekday;
    use jiff::civil::date;

    #[test]
    fn downtime_budgets_around_the_clock_and_in_business_hours() {
        let (from, to) = Period::Month.around(date(2026, 11, 23));
        assert_eq!((from, to), (date(2026, 11, 1), date(2026, 12, 1)));
        // 30 days × 24 h × 0.1 % = 43.2 minutes.
        assert_eq!(downtime_budget(99.9, None, from, to), SignedDuration::from_secs(43 * 60 + 12));
        // November 2026 has 21 weekdays; one is a holiday: 20 × 10 h × 0.5 % = 60 minutes.
        let office = cal(&[(WEEKDAYS, "08:00", "18:00")], &[date(2026, 11, 11)]);
        assert_eq!(downtime_budget(99.5, Some(&office), from, to), SignedDuration::from_secs(3600));
        let (q, q_end) = Period::Quarter.around(date(2026, 11, 23));
        assert_eq!((q, q_end), (date(2026, 10, 1), date(2027, 1, 1)));
        assert_eq!(Period::Year.around(date(2026, 11, 23)), (date(2026, 1, 1), date(2027, 1, 1)));
    }

    #[test]
    fn business_hours_skip_nights_weekends_and_holidays() {
        let office = cal(&[(WEEKDAYS, "08:00", "18:00")], &[date(2026, 11, 30)]);
        // Friday 16:00 + 4 business hours: 2 h on Friday, Monday is a holiday, 2 h on Tuesday.
        let due_at = due(Some(&office), date(2026, 11, 27).at(16, 0, 0, 0), 4.0, TargetUnit::BusinessHours);
        assert_eq!(due_at, Some(date(2026, 12, 1).at(10, 0, 0, 0)));
        // Opened at night: the clock starts at 08:00.
        assert_eq!(
            due(Some(&office), date(2026, 11, 24).at(2, 0, 0, 0), 1.5, TargetUnit::BusinessHours),
            Some(date(2026, 11, 24).at(9, 30, 0, 0))
        );
        // Two business days from Thursday 10:00: Friday, then Tuesday (Monday is a holiday).
        assert_eq!(
            due(Some(&office), date(2026, 11, 26).at(10, 0, 0, 0), 2.0, TargetUnit::BusinessDays),
            Some(date(2026, 12, 1).at(10, 0, 0, 0))
        );
    }

    #[test]
    fn overnight_ranges_count_across_midnight() {
        let night = cal(&[(&[Weekday::Monday, Weekday::Tuesday], "22:00", "06:00")], &[]);
        // Monday 23:00 + 3 h: 23:00–02:00 Tuesday.
        assert_eq!(
            due(Some(&night), date(2026, 11, 23).at(23, 0, 0, 0), 3.0, TargetUnit::BusinessHours),
            Some(date(2026, 11, 24).at(2, 0, 0, 0))
        );
        // Tuesday 05:00 + 2 h: one hour left of Monday's night, then from Tuesday 22:00.
        assert_eq!(
            due(Some(&night), date(2026, 11, 24).at(5, 0, 0, 0), 2.0, TargetUnit::BusinessHours),
            Some(date(2026, 11, 24).at(23, 0, 0, 0))
        );
    }

    #[test]
    fn business_hours_are_wall_clock_hours_across_a_daylight_saving_change() {
        // Europe/Berlin moves to winter time on Sunday 2026-10-25; office hours stay 08–18.
        let office = cal(&[(WEEKDAYS, "08:00", "18:00")], &[]);
        let due_at = due(Some(&office), date(2026, 10, 23).at(17, 0, 0, 0), 3.0, TargetUnit::BusinessHours);
        assert_eq!(due_at, Some(date(2026, 10, 26).at(10, 0, 0, 0)));
    }

    #[test]
    fn a_calendar_never_open_has_no_due_date() {
        let never = cal(&[], &[]);
        assert_eq!(due(Some(&never), date(2026, 11, 23).at(9, 0, 0, 0), 1.0, TargetUnit::BusinessHours), None);
    }
}
