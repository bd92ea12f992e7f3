//! Duplicating a service with its offerings, and handing records over to another owner.

use serde_json::Value;

use super::{propose_id, to_value};
use crate::catalogue::Catalogue;
use crate::model::RecordKind;

/// Copies of a service and its offerings, as new records: the service named
/// "<name> (copy)" in the pipeline, each offering pointing at the copy. Ids are proposed
/// from the names; revisions start at 1.
pub fn duplicate_service(cat: &Catalogue, id: &str) -> Option<Vec<(RecordKind, Value)>> {
    let service = cat.service(id)?;
    let mut taken: std::collections::HashSet<String> = cat.services.iter().map(|s| s.id.clone()).collect();
    let mut copy = to_value(service);
    let name = format!("{} (copy)", service.name);
    let new_id = propose_id(&name, |i| taken.contains(i));
    taken.insert(new_id.clone());
    copy["id"] = Value::String(new_id.clone());
    copy["name"] = Value::String(name);
    copy["revision"] = Value::from(1);
    copy["lifecycle"] = Value::String("pipeline".into());
    let mut out = vec![(RecordKind::Service, copy)];
    let mut offering_ids: std::collections::HashSet<String> = cat.offerings.iter().map(|o| o.id.clone()).collect();
    for o in cat.offerings.iter().filter(|o| o.service == id) {
        let mut v = to_value(o);
        let oid = propose_id(&format!("{} {}", new_id, o.name), |i| offering_ids.contains(i));
        offering_ids.insert(oid.clone());
        v["id"] = Value::String(oid);
        v["service"] = Value::String(new_id.clone());
        v["revision"] = Value::from(1);
        out.push((RecordKind::Offering, v));
    }
    Some(out)
}

/// Records owned by `party`: services and articles (owner), agreements (provider).
pub fn owned_by(cat: &Catalogue, party: &str) -> Vec<(RecordKind, String, String)> {
    let mut out: Vec<(RecordKind, String, String)> = Vec::new();
    out.extend(
        cat.services.iter().filter(|s| s.owner == party).map(|s| (RecordKind::Service, s.id.clone(), s.name.clone())),
    );
    out.extend(
        cat.agreements
            .iter()
            .filter(|a| a.provider == party)
            .map(|a| (RecordKind::Agreement, a.id.clone(), a.name.clone())),
    );
    out.extend(
        cat.articles.iter().filter(|a| a.owner == party).map(|a| (RecordKind::Article, a.id.clone(), a.title.clone())),
    );
    out
}

/// The chosen records with `to` as their owner (or provider, for agreements); revisions
/// not yet incremented.
pub fn reassign(cat: &Catalogue, records: &[(RecordKind, String)], to: &str) -> Vec<(RecordKind, Value)> {
    records
        .iter()
        .filter_map(|(kind, id)| {
            let mut v = cat.record_value(*kind, id)?;
            let field = if *kind == RecordKind::Agreement { "provider" } else { "owner" };
            v[field] = Value::String(to.to_owned());
            Some((*kind, v))
        })
        .collect()
}
