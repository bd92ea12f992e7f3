//! The Operations report in one pass over the period's records: the figures of the
//! period and of each of its months, and the records behind each figure, so that a page
//! computes nothing twice.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::followers::Followers;
use super::measures::{minutes, Figures, Scope, ServiceFacts};
use super::service_hours::ServiceHours;
use super::Operations;

pub use fixedbitset::FixedBitSet;

/// What the report shows. Records are indexes into the file's `incidents` and `changes`;
/// the incidents behind a figure are a bit set of them (in the file's order with `ones`):
/// a list of a period's hundred thousand indexes, four times over, took megabytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub total: Figures,
    /// The first day of each calendar month (UTC) of the period, with its figures (the
    /// first and last month cut at the period's ends).
    pub months: Vec<(Date, Figures)>,
    /// The period's incidents.
    pub incidents: FixedBitSet,
    /// Resolved after being passed on.
    pub passed_on: FixedBitSet,
    pub outside_hours: FixedBitSet,
    pub on_partner_services: FixedBitSet,
    /// Changes followed by incidents, with those incidents.
    pub followed: Vec<(usize, Vec<usize>)>,
}

/// Figures being counted: the means as sums and counts until the end.
#[derive(Default)]
struct Tally {
    f: Figures,
    /// (sum, count) of minutes to acknowledge and resolve, on the clock and in service hours.
    sums: [(f64, usize); 4],
}

impl Tally {
    fn add(&mut self, which: usize, value: f64) {
        self.sums[which].0 += value;
        self.sums[which].1 += 1;
    }

    fn finish(self) -> Figures {
        let mean = |(sum, n): (f64, usize)| (n > 0).then(|| sum / n as f64);
        Figures {
            mtta_minutes: mean(self.sums[0]),
            mtta_service_minutes: mean(self.sums[1]),
            mttr_minutes: mean(self.sums[2]),
            mttr_service_minutes: mean(self.sums[3]),
            ..self.f
        }
    }
}

/// The months of `[from, to)`: their first days and the instants each piece starts at.
fn months(from: Timestamp, to: Timestamp) -> Vec<(Date, Timestamp)> {
    let mut out = Vec::new();
    let mut month = from.to_zoned(TimeZone::UTC).date().first_of_month();
    while let Ok(start) = month.to_zoned(TimeZone::UTC).map(|z| z.timestamp()) {
        if start >= to {
            break;
        }
        out.push((month, start.max(from)));
        let Ok(next) = month.checked_add(jiff::Span::new().months(1)) else { break };
        month = next;
    }
    out
}

impl Scope<'_> {
    /// The report of incidents opened and changes started in `[from, to)` on the
    /// services `chosen` selects; a change counts as followed by an incident opened
    /// within `window` after it ends, or naming it as its cause.
    pub fn report(
        &self,
        ops: &Operations,
        from: Timestamp,
        to: Timestamp,
        chosen: &dyn Fn(&str) -> bool,
        window: SignedDuration,
    ) -> Report {
        let months = months(from, to);
        let month_of = |t: Timestamp| months.partition_point(|(_, start)| *start <= t).saturating_sub(1);
        let mut total = Tally::default();
        let mut tallies: Vec<Tally> = months.iter().map(|_| Tally::default()).collect();
        let none = FixedBitSet::with_capacity(ops.incidents.len());
        let mut r = Report {
            incidents: none.clone(),
            passed_on: none.clone(),
            outside_hours: none.clone(),
            on_partner_services: none,
            ..Report::default()
        };
        let all_facts = self.all_facts();
        let mut hours = ServiceHours::new(self, from, to);
        for (i, x) in ops.incidents.iter().enumerate() {
            if x.opened < from || x.opened >= to || !chosen(&x.service) {
                continue;
            }
            let facts = match self.lookup.service.get(&x.service) {
                Some(&n) => all_facts[n],
                None => ServiceFacts::default(),
            };
            r.incidents.insert(i);
            let month = month_of(x.opened);
            let mut both = |f: &dyn Fn(&mut Tally)| {
                f(&mut total);
                f(&mut tallies[month]);
            };
            both(&|t| t.f.incidents += 1);
            if let Some(a) = x.acknowledged {
                let (clock, service) = (minutes(x.opened.duration_until(a)), hours.minutes(&facts, x.opened, a));
                both(&|t| {
                    t.add(0, clock);
                    t.add(1, service);
                });
            }
            if let Some(done) = x.resolved {
                let (clock, service) = (minutes(x.opened.duration_until(done)), hours.minutes(&facts, x.opened, done));
                let first_time = x.reassignments == 0;
                both(&|t| {
                    t.f.resolved += 1;
                    t.f.first_time_fixed += usize::from(first_time);
                    t.add(2, clock);
                    t.add(3, service);
                });
                if !first_time {
                    r.passed_on.insert(i);
                }
            }
            if hours.supported_at(&facts, x.opened) {
                both(&|t| t.f.inside_hours += 1);
            } else {
                both(&|t| t.f.outside_hours += 1);
                r.outside_hours.insert(i);
            }
            if facts.partner {
                both(&|t| t.f.on_partner_services += 1);
                r.on_partner_services.insert(i);
            }
        }
        let followers = Followers::new(self, ops, from, to, window);
        for (i, c) in ops.changes.iter().enumerate() {
            if c.start < from || c.start >= to || !chosen(&c.service) {
                continue;
            }
            let after = followers.of(c);
            let followed = !after.is_empty();
            for t in [&mut total, &mut tallies[month_of(c.start)]] {
                t.f.changes += 1;
                t.f.changes_followed += usize::from(followed);
            }
            if followed {
                r.followed.push((i, after));
            }
        }
        r.total = total.finish();
        r.months = months.iter().zip(tallies).map(|((day, _), t)| (*day, t.finish())).collect();
        r
    }
}
