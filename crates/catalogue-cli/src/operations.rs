//! `catalogue ops`: the operations figures of a file of incidents and changes, against
//! the catalogue their services are in.

use std::path::PathBuf;
use std::process::ExitCode;

use catalogue_core::operations::measures::{duration, percent, period, Figures, Scope};
use catalogue_core::operations::Operations;
use catalogue_core::Lookup;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use crate::{load, read, Tzdb};

pub struct Options {
    pub days: i64,
    pub until: Option<jiff::civil::Date>,
    pub window_hours: i64,
    pub json: bool,
}

pub fn ops(file: &PathBuf, catalogue: &PathBuf, o: &Options) -> ExitCode {
    let cat = match load(catalogue) {
        Ok(Some((_, _, cat))) => cat,
        Ok(None) => return ExitCode::from(1),
        Err(code) => return code,
    };
    let name = file.display().to_string();
    let records = match read(file).map(|b| Operations::parse(&String::from_utf8_lossy(&b))) {
        Ok(Ok(records)) => records,
        Ok(Err(p)) => {
            eprintln!("{name}: {p}");
            return ExitCode::from(1);
        }
        Err(code) => return code,
    };
    let problems = records.check(&cat);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{name}: {p}");
        }
        return ExitCode::from(1);
    }
    let until = o.until.unwrap_or_else(|| Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date());
    let (from, to) = period(until, o.days);
    let lookup = Lookup::build(&cat);
    let scope = Scope { cat: &cat, lookup: &lookup, zones: &Tzdb(Default::default()) };
    let window = SignedDuration::from_hours(o.window_hours);
    let f = scope.figures(&records, from, to, &|_| true, window);
    let attainment = scope.attainment(&records, from, to);
    if o.json {
        println!("{}", json!({ "from": from, "to": to, "figures": f, "attainment": attainment }));
        return ExitCode::SUCCESS;
    }
    print!("{}", text(&f, from, to, o));
    for a in attainment.iter().filter(|a| a.total > 0) {
        let priority = a.priority.map(|p| format!(" {}", p.label())).unwrap_or_default();
        let breaches =
            if a.breaches.is_empty() { String::new() } else { format!("; missed by {}", a.breaches.join(", ")) };
        println!(
            "  {} {}{priority}: {} ({} of {}){breaches}",
            a.agreement,
            a.metric.label(),
            percent(a.rate()),
            a.met,
            a.total
        );
    }
    ExitCode::SUCCESS
}

fn text(f: &Figures, from: Timestamp, to: Timestamp, o: &Options) -> String {
    let day = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
    // The period ends before `to`: its last day is the one before.
    let last = day(to).yesterday().unwrap_or(day(to));
    format!(
        "{} to {} ({} days): {} incidents, {} changes\n\
         1. First-time fix: {} ({} of {} resolved incidents not passed on)\n\
         2. Time to acknowledge: {} on the clock, {} in service hours; to resolve: {} on the clock, {} in service hours\n\
         3. Changes followed by an incident within {} h: {} ({} of {})\n\
         5. Incidents inside support hours: {}, outside: {}; on services a partner helps deliver: {}\n\
         SLA attainment:\n",
        day(from),
        last,
        o.days,
        f.incidents,
        f.changes,
        percent(f.first_time_fix_rate()),
        f.first_time_fixed,
        f.resolved,
        duration(f.mtta_minutes),
        duration(f.mtta_service_minutes),
        duration(f.mttr_minutes),
        duration(f.mttr_service_minutes),
        o.window_hours,
        percent(f.change_failure_rate()),
        f.changes_followed,
        f.changes,
        f.inside_hours,
        f.outside_hours,
        f.on_partner_services,
    )
}
