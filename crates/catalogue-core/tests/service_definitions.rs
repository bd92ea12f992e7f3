//! Service definitions beside the code: Datadog's service.datadog.yaml (v2, v2.1, v2.2,
//! v3) and OpsLevel's opslevel.yml, from public repositories (tests/fixtures/
//! service-definitions, with their licences).
#![cfg(feature = "backstage")]

use catalogue_core::backstage::Outcome;
use catalogue_core::model::*;
use catalogue_core::service_definitions::{import, is_service_definitions};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/service-definitions/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

fn now() -> Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

const FILES: [&str; 6] = [
    "datadog/v2/extendeddaemonset/service.datadog.yaml",
    "datadog/v2.1/acyl/service.datadog.yaml",
    "datadog/v2.2/sdlc-gitops-sample-stack/service.datadog.yaml",
    "datadog/v3/safe-harbor-data-provider-tools/service.datadog.yaml",
    "opslevel/jenkins-opslevel-plugin/opslevel.yml",
    "opslevel/opslevel-go/opslevel.yml",
];

#[test]
fn every_published_sample_maps_to_a_valid_catalogue_with_a_report() {
    for file in FILES {
        let text = fixture(file);
        assert!(is_service_definitions(&text), "{file}");
        let result = import(&text, now()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let problems = catalogue_core::validate(&result.catalogue);
        assert!(problems.is_empty(), "{file}: {problems:?}");
        assert!(!result.catalogue.services.is_empty(), "{file}");
        assert!(
            result.report.iter().all(|l| matches!(l.outcome, Outcome::Mapped { .. })),
            "{file}: {:?}",
            result.report
        );
    }
    assert!(!is_service_definitions(include_str!("fixtures/backstage.yaml")));
}

#[test]
fn datadog_definitions_give_owner_contacts_tier_links_and_family() {
    let v21 = import(&fixture(FILES[1]), now()).unwrap().catalogue;
    let acyl = v21.service("service-acyl").unwrap();
    assert_eq!((acyl.tier, acyl.owner.as_str()), (2, "infra-team"));
    assert!(acyl.links.iter().any(|l| l.title == "PagerDuty" && l.url.contains("pagerduty.com")), "{:?}", acyl.links);
    let team = v21.party("infra-team").unwrap();
    assert_eq!(team.email.as_deref(), Some("team-devops_embed@pluto.tv"));
    assert_eq!(team.chat.as_deref(), Some("https://plutotv.slack.com/archives/devops-requests"));

    let v22 = import(&fixture(FILES[2]), now()).unwrap().catalogue;
    let ids: Vec<&str> = v22.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["pass-api", "pass-summary-api"], "two documents, two services");
    assert_eq!(v22.service("pass-api").unwrap().family, "demo-app", "the application");

    let v3 = import(&fixture(FILES[3]), now()).unwrap().catalogue;
    let tools = &v3.services[0];
    assert_eq!((tools.tier, tools.lifecycle, tools.owner.as_str()), (1, Lifecycle::Live, "audience-manager"));
    assert_eq!(tools.links.len(), 3);

    let v2 = import(&fixture(FILES[0]), now()).unwrap();
    let line = v2.report.iter().find(|l| l.entity.starts_with("Datadog service")).unwrap();
    assert!(
        matches!(&line.outcome, Outcome::Mapped { notes, .. } if notes.iter().any(|n| n.contains("tier set to 3"))),
        "{line:?}"
    );
}

#[test]
fn opslevel_definitions_give_tier_lifecycle_product_tags_and_repositories() {
    let cat = import(&fixture(FILES[4]), now()).unwrap().catalogue;
    let plugin = cat.service("jenkins-plugin").unwrap();
    assert_eq!((plugin.tier, plugin.lifecycle, plugin.family.as_str()), (2, Lifecycle::Live, "OpsLevel"));
    assert_eq!(plugin.owner, "catalog-creation");
    assert!(plugin.tags.contains(&"is-written-by-us-true".to_owned()), "{:?}", plugin.tags);
    assert_eq!(plugin.links[0].url, "https://github.com/OpsLevel/jenkins-opslevel-plugin");
}
