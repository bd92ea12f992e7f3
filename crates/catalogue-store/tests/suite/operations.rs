//! Operational records kept beside the catalogue: by period, replaced, appended, cleared.

use catalogue_core::model::Timestamp;
use catalogue_core::operations::{ChangeOutcome, ChangeRecord, Incident, Operations};
use catalogue_store::CatalogueStore;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn incident(id: &str, opened: &str) -> Incident {
    Incident {
        id: id.into(),
        service: "mail".into(),
        priority: None,
        opened: t(opened),
        acknowledged: None,
        resolved: Some(t(opened) + std::time::Duration::from_secs(90 * 60)),
        reassignments: 1,
        resolved_by: "Operations".into(),
        caused_by: Some("CHG1".into()),
    }
}

fn records() -> Operations {
    let mut ops = Operations::new();
    ops.incidents = vec![
        incident("INC1", "2026-10-31T23:59:59.5Z"),
        incident("INC2", "2026-11-01T00:00:00Z"),
        incident("INC3", "2026-11-30T23:59:59.25Z"),
        incident("INC4", "2026-12-01T00:00:00Z"),
    ];
    ops.changes = vec![ChangeRecord {
        id: "CHG1".into(),
        service: "network".into(),
        start: t("2026-11-15T20:00:00Z"),
        end: None,
        outcome: ChangeOutcome::Failed,
    }];
    ops
}

fn ids(ops: &Operations) -> Vec<&str> {
    ops.incidents.iter().map(|x| x.id.as_str()).collect()
}

pub async fn a_period_gives_exactly_the_records_it_holds(store: impl CatalogueStore) {
    store.put_operations(&records(), true).await.unwrap();
    let november = store.operations(t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z")).await.unwrap();
    assert_eq!(ids(&november), ["INC2", "INC3"], "fractions of a second on both edges");
    assert_eq!(november.incidents[1], records().incidents[2], "read back field by field");
    assert_eq!(november.changes, records().changes);
    let all = store.operations(Timestamp::MIN, Timestamp::MAX).await.unwrap();
    assert_eq!(ids(&all), ["INC1", "INC2", "INC3", "INC4"]);
}

pub async fn operations_are_appended_replaced_and_cleared_beside_the_catalogue(store: impl CatalogueStore) {
    store.replace_all(&super::small()).await.unwrap();
    let generation = store.generation().await.unwrap();
    store.put_operations(&records(), true).await.unwrap();
    assert_eq!(store.generation().await.unwrap(), generation, "no write of the catalogue");
    let mut more = Operations::new();
    more.incidents = vec![incident("INC2", "2026-11-02T08:00:00Z"), incident("INC5", "2027-01-10T08:00:00Z")];
    store.put_operations(&more, false).await.unwrap();
    let summary = store.operations_summary().await.unwrap();
    assert_eq!((summary.incidents, summary.changes), (5, 1), "INC2 replaced, INC5 added");
    assert_eq!((summary.first, summary.last), (Some(t("2026-10-31T23:59:59.5Z")), Some(t("2027-01-10T08:00:00Z"))));
    let all = store.operations(Timestamp::MIN, Timestamp::MAX).await.unwrap();
    assert_eq!(all.incidents[1].opened, t("2026-11-02T08:00:00Z"));
    store.replace_all(&super::small()).await.unwrap();
    assert_eq!(store.operations_summary().await.unwrap().incidents, 5, "a new catalogue keeps them");
    store.put_operations(&more, true).await.unwrap();
    let summary = store.operations_summary().await.unwrap();
    assert_eq!((summary.incidents, summary.changes, summary.first), (2, 0, Some(t("2026-11-02T08:00:00Z"))));
    store.clear_operations().await.unwrap();
    assert_eq!(store.operations_summary().await.unwrap(), Default::default());
    assert_eq!(store.load().await.unwrap().map(|c| c.services.len()), Some(super::small().services.len()));
}
