//! Support hours in time: is a calendar open at a given wall-clock time, and when does
//! that change. Times are civil (wall-clock) times in the calendar's own time zone; the
//! caller converts from the reader's clock, so the domain needs no time-zone database.

use jiff::civil::{Date, DateTime};
use jiff::ToSpan;

use crate::model::{parse_clock, Calendar, Weekday};

fn weekday_of(d: Date) -> Weekday {
    use jiff::civil::Weekday as W;
    match d.weekday() {
        W::Monday => Weekday::Monday,
        W::Tuesday => Weekday::Tuesday,
        W::Wednesday => Weekday::Wednesday,
        W::Thursday => Weekday::Thursday,
        W::Friday => Weekday::Friday,
        W::Saturday => Weekday::Saturday,
        W::Sunday => Weekday::Sunday,
    }
}

fn at_minute(d: Date, minute: u32) -> DateTime {
    // 24:00 is midnight at the start of the next day.
    let (d, minute) = if minute >= 1440 { (d.tomorrow().unwrap_or(d), minute - 1440) } else { (d, minute) };
    d.at((minute / 60) as i8, (minute % 60) as i8, 0, 0)
}

/// The open periods that start on `from` and the `days - 1` days after it (and the
/// overnight ranges of the day before that run into `from`), merged and in order.
/// A holiday closes the ranges that start on it.
pub fn open_periods(cal: &Calendar, from: Date, days: i32) -> Vec<(DateTime, DateTime)> {
    let mut periods = Vec::new();
    for offset in -1..days {
        let Ok(d) = from.checked_add(offset.days()) else { continue };
        if cal.holidays.iter().any(|h| h.date == d) {
            continue;
        }
        let wd = weekday_of(d);
        for r in cal.hours.iter().filter(|r| r.days.contains(&wd)) {
            let (Some(start), Some(end)) = (parse_clock(&r.start), parse_clock(&r.end)) else { continue };
            let end = if end <= start { end + 1440 } else { end };
            periods.push((at_minute(d, start), at_minute(d, end)));
        }
    }
    periods.sort();
    let mut merged: Vec<(DateTime, DateTime)> = Vec::new();
    for (s, e) in periods {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Whether `cal` is open at `at`: [`status_at`] without looking for the next change.
pub fn is_open(cal: &Calendar, at: DateTime) -> bool {
    open_periods(cal, at.date(), 1).iter().any(|&(s, e)| s <= at && at < e)
}

/// Whether support is open at wall-clock time `at`, and when that next changes (within
/// the coming two weeks).
pub fn status_at(cal: &Calendar, at: DateTime) -> (bool, Option<DateTime>) {
    const DAYS: i32 = 15;
    let periods = open_periods(cal, at.date(), DAYS);
    // An open period reaching the end of the days looked at has no known end.
    let horizon = at.date().checked_add(DAYS.days()).map(|d| d.at(0, 0, 0, 0)).unwrap_or(DateTime::MAX);
    match periods.iter().find(|(_, e)| *e > at) {
        Some(&(s, e)) if s <= at => (true, (e < horizon).then_some(e)),
        Some(&(s, _)) => (false, Some(s)),
        None => (false, None),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Holiday, WeeklyRange};
    use jiff::civil::date;

    /// A calendar in Europe/Berlin with the given weekly ranges and holidays (also used by
    /// the SLA tests).
    pub(crate) fn cal(ranges: &[(&[Weekday], &str, &str)], holidays: &[Date]) -> Calendar {
        Calendar {
            id: "c".into(),
            revision: 1,
            updated_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            name: "c".into(),
            time_zone: "Europe/Berlin".into(),
            hours: ranges
                .iter()
                .map(|(d, s, e)| WeeklyRange { days: d.to_vec(), start: (*s).into(), end: (*e).into() })
                .collect(),
            holidays: holidays.iter().map(|&d| Holiday { date: d, name: "h".into() }).collect(),
        }
    }

    pub(crate) const WEEKDAYS: &[Weekday] =
        &[Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday];

    #[test]
    fn office_hours_open_and_close() {
        let c = cal(&[(WEEKDAYS, "08:00", "18:00")], &[]);
        // 2026-11-23 is a Monday.
        assert_eq!(status_at(&c, date(2026, 11, 23).at(9, 0, 0, 0)), (true, Some(date(2026, 11, 23).at(18, 0, 0, 0))));
        assert_eq!(status_at(&c, date(2026, 11, 23).at(18, 0, 0, 0)), (false, Some(date(2026, 11, 24).at(8, 0, 0, 0))));
        // Friday evening: next opening is Monday.
        assert_eq!(status_at(&c, date(2026, 11, 27).at(19, 0, 0, 0)), (false, Some(date(2026, 11, 30).at(8, 0, 0, 0))));
    }

    #[test]
    fn overnight_ranges_run_into_the_next_day() {
        let c = cal(&[(&[Weekday::Sunday], "22:00", "06:00")], &[]);
        // Monday 03:00 belongs to Sunday's range.
        assert_eq!(status_at(&c, date(2026, 11, 23).at(3, 0, 0, 0)), (true, Some(date(2026, 11, 23).at(6, 0, 0, 0))));
    }

    #[test]
    fn around_the_clock_is_always_open_and_holidays_close() {
        let all = &[
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        let c = cal(&[(all, "00:00", "24:00")], &[]);
        assert_eq!(status_at(&c, date(2026, 12, 25).at(12, 0, 0, 0)).0, true);
        assert_eq!(status_at(&c, date(2026, 12, 25).at(12, 0, 0, 0)).1, None, "never closes in the next two weeks");
        let c = cal(&[(WEEKDAYS, "08:00", "18:00")], &[date(2026, 12, 25)]);
        assert_eq!(status_at(&c, date(2026, 12, 25).at(12, 0, 0, 0)), (false, Some(date(2026, 12, 28).at(8, 0, 0, 0))));
    }
}
