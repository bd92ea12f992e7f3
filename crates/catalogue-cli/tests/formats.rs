//! The other formats through the command: spreadsheets both ways, and the published example files of Backstage, Datadog, OpsLevel and OpenSLO.

mod common;

use common::{run as catalogue, DEMO};

#[test]
fn spreadsheets_exported_edited_and_read_back_change_exactly_the_edited_cells() {
    let dir = std::env::temp_dir().join(format!("catalogue-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.display().to_string();
    let (code, _, report) = catalogue(&["export-csv", DEMO, "--dir", &d]);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("services.csv: 40 services"), "{report}");
    let files: Vec<String> = ["parties", "services", "offerings", "agreements", "articles"]
        .iter()
        .map(|k| dir.join(format!("{k}.csv")).display().to_string())
        .collect();
    let args = |extra: &[String]| -> Vec<String> {
        ["import-csv", "--into", DEMO].iter().map(|s| s.to_string()).chain(extra.iter().cloned()).collect()
    };

    let (code, out, report) = catalogue(&args(&files).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("0 added, 0 changed, 0 removed"), "{report}");
    assert_eq!(out, std::fs::read_to_string(DEMO).unwrap(), "read back unchanged, the catalogue is the same");

    let services =
        std::fs::read_to_string(&files[1]).unwrap().replace("dns-dhcp,DNS & DHCP,", "dns-dhcp,Names and addresses,");
    std::fs::write(&files[1], services).unwrap();
    let (code, out, report) = catalogue(&args(&files).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("0 added, 1 changed, 0 removed"), "{report}");
    let result = catalogue_core::parse(&out).unwrap();
    assert_eq!(result.service("dns-dhcp").unwrap().name, "Names and addresses");

    let offerings = std::fs::read_to_string(&files[2]).unwrap();
    let row = offerings.lines().position(|l| l.starts_with("bi-dashboard,")).unwrap() + 1;
    std::fs::write(
        &files[2],
        offerings.replace(
            "bi-dashboard,New BI dashboard,Business Intelligence & Reporting",
            "bi-dashboard,New BI dashboard,Nowhere",
        ),
    )
    .unwrap();
    let (code, out, report) = catalogue(&args(&files).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 1, "{report}");
    assert!(out.is_empty(), "nothing on standard output: {out}");
    assert!(report.contains(&format!("offerings.csv, row {row}, column “service”")), "{report}");
    assert!(report.contains("nothing imported"), "{report}");
}

/// Every public example file of the formats read by the command (Backstage's examples,
/// Datadog's and OpsLevel's service definitions, OpenSLO's examples) gives a report and
/// exit code 0.
#[test]
fn the_published_example_files_of_every_format_import_through_the_command_with_a_report() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalogue-core/tests/fixtures");
    let files_in = |dir: &str, ext: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        let mut pending = vec![fixtures.join(dir)];
        while let Some(d) = pending.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    pending.push(p);
                } else if p.extension().is_some_and(|x| ext.contains(&x.to_str().unwrap())) {
                    out.push(p.display().to_string());
                }
            }
        }
        out.sort();
        out
    };
    for (command, dir, ext) in [
        ("import-backstage", "backstage/examples", &["yaml"][..]),
        ("import-datadog", "service-definitions", &["yaml", "yml"][..]),
    ] {
        for file in files_in(dir, ext) {
            let (code, out, report) = catalogue(&[command, &file]);
            assert_eq!(code, 0, "{command} {file}: {report}");
            assert!(report.lines().any(|l| l.starts_with("mapped") || l.starts_with("skipped")), "{file}: {report}");
            assert!(catalogue_core::parse(&out).is_ok(), "{file}");
        }
    }
    for file in files_in("openslo/examples", &["yaml"]) {
        let (code, out, report) = catalogue(&["import-openslo", "--into", DEMO, &file]);
        assert_eq!(code, 0, "{file}: {report}");
        assert!(
            report.lines().any(|l| l.starts_with("skipped")),
            "the examples' services are not the demo's: {report}"
        );
        assert!(catalogue_core::parse(&out).is_ok(), "{file}");
    }
}
