//! Which incidents follow a change: those naming it as their cause, and those opened on
//! the changed service or anything depending on it (directly or not) within a window
//! after it ended. Indexed once per file: incidents by time, and the direct dependents of
//! every service by number. A change's service and everything depending on it is walked
//! into a bit set when that change is asked about, so a large catalogue's shared services
//! (on which thousands depend) cost a bit test per incident; the sets are not kept, as one
//! per changed service took more memory (5 MB for 90 days of a large file) than the
//! period's incidents allowed.

use std::collections::{HashMap, VecDeque};

use fixedbitset::FixedBitSet;
use jiff::{SignedDuration, Timestamp};

use super::measures::Scope;
use super::{ChangeRecord, Operations};

pub struct Followers<'o> {
    ops: &'o Operations,
    window: SignedDuration,
    /// Incidents (indexes into `ops.incidents`) by the time they were opened; each
    /// incident's service number in the catalogue.
    by_time: Vec<usize>,
    service_of: Vec<Option<usize>>,
    caused: HashMap<&'o str, Vec<usize>>,
    /// Per changed service, its number.
    changed: HashMap<&'o str, usize>,
    /// Per service number, the numbers of the services depending on it directly.
    direct: Vec<Vec<usize>>,
}

impl<'o> Followers<'o> {
    /// For changes starting in `[from, to)`: only incidents opened from `from` to the
    /// window after `to` can follow one in time (any can name one as its cause).
    pub fn new(
        scope: &Scope,
        ops: &'o Operations,
        from: Timestamp,
        to: Timestamp,
        window: SignedDuration,
    ) -> Followers<'o> {
        let until = to.checked_add(window).unwrap_or(Timestamp::MAX);
        let mut caused: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_time = Vec::new();
        let mut service_of = vec![None; ops.incidents.len()];
        for (i, x) in ops.incidents.iter().enumerate() {
            if let Some(c) = &x.caused_by {
                caused.entry(c).or_default().push(i);
            }
            if x.opened >= from && x.opened <= until {
                by_time.push(i);
                service_of[i] = scope.lookup.service.get(&x.service).copied();
            }
        }
        by_time.sort_by_key(|&i| ops.incidents[i].opened);
        // Direct dependents by service number, so each walk below hashes no id.
        let direct: Vec<Vec<usize>> = scope
            .cat
            .services
            .iter()
            .map(|s| scope.lookup.dependents.get(&s.id).cloned().unwrap_or_default())
            .collect();
        let changed = ops
            .changes
            .iter()
            .filter_map(|c| scope.lookup.service.get(&c.service).map(|&s| (c.service.as_str(), s)))
            .collect();
        Followers { ops, window, by_time, service_of, caused, changed, direct }
    }

    /// The incidents following `change`, in the order they were opened (as indexes into
    /// the file's incidents).
    pub fn of(&self, change: &ChangeRecord) -> Vec<usize> {
        let mut out: Vec<usize> = self.caused.get(change.id.as_str()).cloned().unwrap_or_default();
        let after = change.end.unwrap_or(change.start);
        let until = after.checked_add(self.window).unwrap_or(Timestamp::MAX);
        let incidents = &self.ops.incidents;
        let not_named = |i: &&usize| incidents[**i].caused_by.as_deref() != Some(&change.id);
        let first = self.by_time.partition_point(|&i| incidents[i].opened < after);
        let last = self.by_time.partition_point(|&i| incidents[i].opened <= until).max(first);
        let window = self.by_time[first..last].iter().filter(not_named);
        match self.changed.get(change.service.as_str()) {
            Some(&s) => {
                let services = dependents(&self.direct, s);
                out.extend(window.filter(|&&i| self.service_of[i].is_some_and(|s| services.contains(s))))
            }
            // A service the catalogue lacks: its own incidents only.
            None => out.extend(window.filter(|&&i| incidents[i].service == change.service)),
        }
        out.sort_by_key(|&i| (incidents[i].opened, i));
        out
    }
}

/// Service `s` and every service depending on it, directly or not, as service numbers.
fn dependents(direct: &[Vec<usize>], s: usize) -> FixedBitSet {
    let mut seen = FixedBitSet::with_capacity(direct.len());
    seen.insert(s);
    let mut queue = VecDeque::from([s]);
    while let Some(s) = queue.pop_front() {
        for &d in &direct[s] {
            if !seen.put(d) {
                queue.push_back(d);
            }
        }
    }
    seen
}
