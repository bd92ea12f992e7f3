//! Importing Backstage descriptors: a multi-document fixture.
#![cfg(feature = "backstage")]

use catalogue_core::backstage::{import, Outcome};
use catalogue_core::model::*;

#[test]
fn a_multi_document_file_maps_to_a_valid_catalogue_with_a_report() {
    let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let result = import(include_str!("fixtures/backstage.yaml"), now).unwrap();
    let cat = &result.catalogue;
    assert!(catalogue_core::validate(cat).is_empty(), "{:?}", catalogue_core::validate(cat));

    let tracking = cat.service("tracking-api").unwrap();
    assert_eq!(tracking.view, ServiceView::Technical);
    assert_eq!(tracking.owner, "logistics-apps");
    assert_eq!(tracking.depends_on, ["event-consumer", "tracking-db"]);
    assert_eq!(tracking.family, "logistics", "the system's domain");
    assert_eq!(tracking.links[0].url, "https://grafana.example.com/d/tracking");
    assert_eq!(cat.service("event-consumer").unwrap().lifecycle, Lifecycle::Pipeline);
    let system = cat.service("shipment-tracking").unwrap();
    assert_eq!(system.view, ServiceView::Business);
    assert_eq!(system.depends_on, ["event-consumer", "tracking-api"]);

    let ana = cat.party("ana-diaz").unwrap();
    assert_eq!((ana.kind, ana.name.as_str()), (PartyKind::Person, "Ana Díaz"));
    assert_eq!(ana.member_of, ["logistics-apps"], "membership of a group not in the file is dropped");
    assert!(cat.party("platform-team").is_some(), "an owner named but not described becomes a team");

    let skipped: Vec<&str> =
        result.report.iter().filter(|l| matches!(l.outcome, Outcome::Skipped(_))).map(|l| l.entity.as_str()).collect();
    assert_eq!(skipped, ["Domain logistics", "API tracking-api-v2", "Location more"]);
    let db = result.report.iter().find(|l| l.entity == "Resource tracking-db").unwrap();
    match &db.outcome {
        Outcome::Mapped { notes, .. } => assert!(notes.iter().any(|n| n.contains("not in the file")), "{notes:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_yaml_is_refused_with_where() {
    let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let err = import("kind: Component\nmetadata: [unclosed", now).unwrap_err();
    assert!(err.contains("line"), "{err}");
}

/// Backstage allows one name in several namespaces, and references that leave out the
/// kind or the namespace (the referring entity's own namespace then).
#[test]
fn entities_of_one_name_in_different_namespaces_are_different_records() {
    let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let yaml = r#"
kind: Group
metadata: { name: platform }
spec: { type: team, children: [] }
---
kind: Group
metadata: { name: platform, namespace: payments }
spec: { type: team, children: [], profile: { email: platform@payments.example } }
---
kind: User
metadata: { name: platform }
spec: { memberOf: [platform] }
---
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: platform }
---
kind: Component
metadata:
  name: ledger
  namespace: payments
  annotations:
    pagerduty.com/service-url: https://example.pagerduty.com/service-directory/P123
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: platform
  dependencyOf: [component:default/ledger]
  providesApis: [ledger-api]
---
kind: Component
metadata: { name: reports, namespace: payments }
spec: { type: service, lifecycle: production, owner: "group:default/platform", dependsOn: [component:ledger] }
"#;
    let result = import(yaml, now).unwrap();
    let cat = &result.catalogue;
    assert!(catalogue_core::validate(cat).is_empty(), "{:?}", catalogue_core::validate(cat));
    let ids = |kind: RecordKind| cat.record_names(kind).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(ids(RecordKind::Service), ["ledger", "payments-ledger", "reports"]);
    assert_eq!(ids(RecordKind::Party), ["payments-platform", "platform", "user-platform"]);
    assert_eq!(cat.service("payments-ledger").unwrap().owner, "payments-platform", "the referrer's namespace");
    assert_eq!(cat.service("reports").unwrap().owner, "platform", "a namespace given in full");
    assert_eq!(cat.service("reports").unwrap().depends_on, ["payments-ledger"]);
    assert_eq!(cat.service("ledger").unwrap().depends_on, ["payments-ledger"], "dependencyOf, from the other side");
    assert_eq!(cat.party("user-platform").unwrap().member_of, ["platform"]);
    let links = &cat.service("payments-ledger").unwrap().links;
    assert_eq!(links.len(), 1, "only annotations holding a web address: {links:?}");
    assert_eq!(links[0].title, "pagerduty.com/service-url");
    let line = result.report.iter().find(|l| l.entity == "Component payments/ledger").unwrap();
    match &line.outcome {
        Outcome::Mapped { id, notes, .. } => {
            assert_eq!(id, "payments-ledger");
            assert!(notes.iter().any(|n| n.contains("provides the APIs ledger-api")), "{notes:?}");
        }
        other => panic!("{other:?}"),
    }
}

/// The demo catalogue as descriptors, read back: every party and service comes back with
/// its owner, view, dependencies between components, lifecycle (as Backstage has it),
/// tags and links.
#[test]
fn descriptors_written_from_a_catalogue_read_back_to_its_services_and_parties() {
    use catalogue_core::backstage::export;
    let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let demo = catalogue_core::parse(include_str!("../../../public/catalogue.json")).unwrap();
    let yaml = export(&demo);
    assert!(yaml.starts_with("---\napiVersion: backstage.io/v1alpha1\nkind: "), "{}", &yaml[..200]);
    let back = import(&yaml, now).unwrap();
    assert!(back.report.iter().all(|l| matches!(l.outcome, Outcome::Mapped { .. })), "{:?}", back.report);
    assert_eq!(back.catalogue.parties.len(), demo.parties.len());
    assert_eq!(back.catalogue.services.len(), demo.services.len());
    for s in &demo.services {
        let b = back.catalogue.service(&s.id).unwrap_or_else(|| panic!("{} is back", s.id));
        assert_eq!(
            (b.name.as_str(), b.owner.as_str(), b.view),
            (s.name.as_str(), s.owner.as_str(), s.view),
            "{}",
            s.id
        );
        assert_eq!(b.links, s.links, "{}", s.id);
        if s.view == ServiceView::Technical {
            let mut technical: Vec<&String> =
                s.depends_on.iter().filter(|d| demo.service(d).unwrap().view == ServiceView::Technical).collect();
            technical.sort();
            assert_eq!(b.depends_on.iter().collect::<Vec<_>>(), technical, "{}", s.id);
        }
        // A System has no lifecycle in Backstage; a component's has no "retired".
        let expected = match (s.view, s.lifecycle) {
            (ServiceView::Business, _) => Lifecycle::Live,
            (_, Lifecycle::Retired) => Lifecycle::Retiring,
            (_, l) => l,
        };
        assert_eq!(b.lifecycle, expected, "{}", s.id);
    }
    for p in &demo.parties {
        let b = back.catalogue.party(&p.id).unwrap();
        assert_eq!((b.name.as_str(), &b.email), (p.name.as_str(), &p.email), "{}", p.id);
        assert_eq!(b.kind == PartyKind::Person, p.kind == PartyKind::Person, "{}", p.id);
    }
}

/// Backstage's own example descriptors (tests/fixtures/backstage/examples): each file,
/// and all of them as one catalog, map to a valid catalogue, every entity reported as
/// mapped or skipped with a reason.
#[test]
fn backstages_own_examples_import_with_a_report_and_no_crash() {
    let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backstage/examples");
    let mut files = Vec::new();
    let mut pending = vec![dir];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 30, "{files:?}");
    let mut all = String::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let documents = text.matches("\nkind:").count() + usize::from(text.starts_with("kind:"));
        let result = import(&text, now).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(catalogue_core::validate(&result.catalogue).is_empty(), "{}", path.display());
        assert!(result.report.len() >= documents, "{}: {:?}", path.display(), result.report);
        all.push_str(&format!("---\n{text}\n"));
    }
    let result = import(&all, now).unwrap();
    assert!(
        catalogue_core::validate(&result.catalogue).is_empty(),
        "{:?}",
        catalogue_core::validate(&result.catalogue)
    );
    let mapped = |kind: RecordKind| result.catalogue.record_names(kind).len();
    assert_eq!(mapped(RecordKind::Service), 17, "13 components, 3 systems and a resource");
    assert!(mapped(RecordKind::Party) >= 24, "8 groups and 16 users");
    let skipped: Vec<&str> = result
        .report
        .iter()
        .filter_map(|l| match &l.outcome {
            Outcome::Skipped(_) => Some(l.entity.split(' ').next().unwrap()),
            _ => None,
        })
        .collect();
    assert!(skipped.iter().all(|k| ["API", "Location", "Domain"].contains(k)), "{skipped:?}");
    let artist = result.catalogue.service("artist-lookup").unwrap();
    assert_eq!(artist.owner, "team-a");
    assert_eq!(result.catalogue.service("artist-engagement-portal").unwrap().view, ServiceView::Business);
}
