//! A catalogue as Backstage descriptors (one YAML stream, a document per entity), in the
//! form Backstage's own entity schemas accept: business services become `System`s,
//! technical services `Component`s (part of the system that depends on them), teams and
//! suppliers `Group`s, people `User`s. What Backstage has no field for (tiers, support
//! models, agreements, offerings, articles) stays in the catalogue.

use serde_json::{json, Map, Value};

use crate::catalogue::Catalogue;
use crate::model::*;

const API_VERSION: &str = "backstage.io/v1alpha1";

/// A Backstage tag: lowercase words of letters, digits and `:+#`, joined by hyphens.
fn tag(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '+' | '#')))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let tag = words.join("-");
    (!tag.is_empty() && tag.len() <= 63).then_some(tag)
}

fn lifecycle(l: Lifecycle) -> &'static str {
    match l {
        Lifecycle::Pipeline => "experimental",
        Lifecycle::Live => "production",
        Lifecycle::Retiring | Lifecycle::Retired => "deprecated",
    }
}

/// The entity reference of a party: `group:default/x` or `user:default/x`.
fn party_ref(cat: &Catalogue, id: &str) -> String {
    match cat.party(id).map(|p| p.kind) {
        Some(PartyKind::Person) => format!("user:default/{id}"),
        _ => format!("group:default/{id}"),
    }
}

fn metadata(name: &str, title: &str, description: &str, tags: &[String], links: &[Link]) -> Value {
    let mut meta = Map::new();
    meta.insert("name".into(), json!(name));
    meta.insert("title".into(), json!(title));
    if !description.is_empty() {
        meta.insert("description".into(), json!(description));
    }
    let tags: Vec<String> = tags.iter().filter_map(|t| tag(t)).collect();
    if !tags.is_empty() {
        meta.insert("tags".into(), json!(tags));
    }
    if !links.is_empty() {
        meta.insert(
            "links".into(),
            json!(links.iter().map(|l| json!({ "url": l.url, "title": l.title })).collect::<Vec<_>>()),
        );
    }
    Value::Object(meta)
}

/// Every entity of the catalogue, as JSON values in Backstage's descriptor format.
pub fn entities(cat: &Catalogue) -> Vec<Value> {
    let mut out = Vec::new();
    for p in &cat.parties {
        let mut profile = Map::new();
        profile.insert("displayName".into(), json!(p.name));
        if let Some(email) = &p.email {
            profile.insert("email".into(), json!(email));
        }
        let meta = metadata(&p.id, &p.name, &p.description, &[], &[]);
        out.push(match p.kind {
            PartyKind::Person => json!({
                "apiVersion": API_VERSION, "kind": "User", "metadata": meta,
                "spec": { "profile": profile, "memberOf": p.member_of.iter().map(|m| format!("group:default/{m}")).collect::<Vec<_>>() },
            }),
            kind => json!({
                "apiVersion": API_VERSION, "kind": "Group", "metadata": meta,
                "spec": { "type": if kind == PartyKind::Supplier { "supplier" } else { "team" }, "profile": profile, "children": [] },
            }),
        });
    }
    let business = |id: &str| cat.service(id).is_some_and(|s| s.view == ServiceView::Business);
    for s in &cat.services {
        let meta = metadata(&s.id, &s.name, &s.summary, &s.tags, &s.links);
        if s.view == ServiceView::Business {
            out.push(json!({
                "apiVersion": API_VERSION, "kind": "System", "metadata": meta,
                "spec": { "owner": party_ref(cat, &s.owner) },
            }));
            continue;
        }
        let mut spec = Map::new();
        spec.insert("type".into(), json!("service"));
        spec.insert("lifecycle".into(), json!(lifecycle(s.lifecycle)));
        spec.insert("owner".into(), json!(party_ref(cat, &s.owner)));
        // The first business service that depends on it is its system.
        if let Some(system) =
            cat.services.iter().find(|b| b.view == ServiceView::Business && b.depends_on.contains(&s.id))
        {
            spec.insert("system".into(), json!(format!("system:default/{}", system.id)));
        }
        let depends: Vec<String> =
            s.depends_on.iter().filter(|d| !business(d)).map(|d| format!("component:default/{d}")).collect();
        if !depends.is_empty() {
            spec.insert("dependsOn".into(), json!(depends));
        }
        out.push(json!({ "apiVersion": API_VERSION, "kind": "Component", "metadata": meta, "spec": spec }));
    }
    out
}

/// The catalogue as one YAML stream of Backstage descriptors (`catalog-info.yaml`).
pub fn export(cat: &Catalogue) -> String {
    crate::yaml::stream(&entities(cat))
}
