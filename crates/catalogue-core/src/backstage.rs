//! Importing Backstage descriptors (`catalog-info.yaml`, several YAML documents per file)
//! into a catalogue, with a report of what was mapped, what was skipped and why.
//!
//! Mapping: `Group` → team, `User` → person (with `memberOf`), `Component` and
//! `Resource` → technical services, `System` → a business service that depends on its
//! components (its `Domain` becomes the family of those services); `spec.dependsOn`
//! between components and resources → dependencies. APIs, locations and templates have
//! no counterpart in a service catalogue and are reported as skipped.

use std::collections::{BTreeMap, BTreeSet};

use yaml_rust2::{Yaml, YamlLoader};

use crate::catalogue::Catalogue;
use crate::edit::propose_id;
use crate::model::*;

/// One line of the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportLine {
    /// `Kind name` of the Backstage entity, e.g. `Component tracking-api`.
    pub entity: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Became this record (with notes on what was assumed).
    Mapped {
        kind: RecordKind,
        id: String,
        notes: Vec<String>,
    },
    Skipped(String),
}

#[derive(Clone, Debug)]
pub struct BackstageImport {
    pub catalogue: Catalogue,
    pub report: Vec<ReportLine>,
}

/// An entity reference (`group:default/platform`, `component:tracking-api`, `ana`) →
/// its kind (if given) and a valid id made from its name.
fn entity_ref(r: &str) -> (Option<String>, String) {
    let (kind, rest) = match r.split_once(':') {
        Some((k, rest)) => (Some(k.to_ascii_lowercase()), rest),
        None => (None, r),
    };
    let name = rest.rsplit('/').next().unwrap_or(rest);
    (kind, propose_id(name, |_| false))
}

fn text(y: &Yaml) -> String {
    y.as_str().map(str::to_owned).unwrap_or_default()
}

fn list(y: &Yaml) -> Vec<String> {
    y.as_vec().map(|v| v.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// Reads every document of `text`, and maps what it can; `now` stamps the new records.
pub fn import(yaml: &str, now: Timestamp) -> Result<BackstageImport, String> {
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| format!("not valid YAML: {e}"))?;
    let mut cat = Catalogue::empty("Imported from Backstage");
    let mut report = Vec::new();
    // Components of each system, domain of each system, for business services.
    let mut system_parts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut system_domain: BTreeMap<String, String> = BTreeMap::new();
    let mut pending_services = Vec::new();
    let mut owners_needed = BTreeSet::new();

    for doc in docs.iter().filter(|d| !d.is_null()) {
        let kind = text(&doc["kind"]);
        let meta = &doc["metadata"];
        let spec = &doc["spec"];
        let name = text(&meta["name"]);
        let entity = format!("{kind} {name}");
        if name.is_empty() {
            report.push(ReportLine { entity, outcome: Outcome::Skipped("no metadata.name".into()) });
            continue;
        }
        let id = propose_id(&name, |_| false);
        let title = meta["title"].as_str().map(str::to_owned).unwrap_or_else(|| name.clone());
        let description = text(&meta["description"]);
        match kind.as_str() {
            "Group" | "User" => {
                let person = kind == "User";
                let profile = &spec["profile"];
                let party = Party {
                    id: id.clone(),
                    revision: 1,
                    updated_at: now,
                    kind: if person { PartyKind::Person } else { PartyKind::Team },
                    name: profile["displayName"].as_str().map(str::to_owned).unwrap_or(title),
                    description,
                    email: profile["email"].as_str().map(str::to_owned),
                    phone: None,
                    chat: None,
                    url: None,
                    member_of: if person {
                        list(&spec["memberOf"]).iter().map(|r| entity_ref(r).1).collect()
                    } else {
                        Vec::new()
                    },
                };
                cat.parties.push(party);
                report.push(ReportLine {
                    entity,
                    outcome: Outcome::Mapped { kind: RecordKind::Party, id, notes: vec![] },
                });
            }
            "Component" | "Resource" | "System" => {
                let mut notes = vec!["tier set to 3: Backstage has no criticality".to_owned()];
                let (lifecycle, note) = match spec["lifecycle"].as_str() {
                    Some("production") => (Lifecycle::Live, None),
                    Some("experimental") => (Lifecycle::Pipeline, None),
                    Some("deprecated") => (Lifecycle::Retiring, None),
                    Some(other) => (Lifecycle::Live, Some(format!("lifecycle \"{other}\" read as live"))),
                    None => (Lifecycle::Live, None),
                };
                notes.extend(note);
                let owner = entity_ref(spec["owner"].as_str().unwrap_or("")).1;
                owners_needed.insert(owner.clone());
                if let Some(system) = spec["system"].as_str() {
                    system_parts.entry(entity_ref(system).1).or_default().push(id.clone());
                }
                if kind == "System" {
                    if let Some(domain) = spec["domain"].as_str() {
                        system_domain.insert(id.clone(), domain.to_owned());
                    }
                }
                let depends_on = list(&spec["dependsOn"])
                    .iter()
                    .map(|r| entity_ref(r))
                    .filter(|(k, _)| k.as_deref().is_none_or(|k| k == "component" || k == "resource"))
                    .map(|(_, id)| id)
                    .collect();
                let links = meta["links"]
                    .as_vec()
                    .map(|v| {
                        v.iter()
                            .filter_map(|l| {
                                Some(Link {
                                    url: l["url"].as_str()?.to_owned(),
                                    title: l["title"].as_str().unwrap_or("Link").to_owned(),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let service = Service {
                    id: id.clone(),
                    revision: 1,
                    updated_at: now,
                    name: title.clone(),
                    view: if kind == "System" { ServiceView::Business } else { ServiceView::Technical },
                    owner,
                    lifecycle,
                    tier: 3,
                    family: String::new(),
                    tags: list(&meta["tags"]).iter().map(|t| propose_id(t, |_| false)).collect(),
                    summary: if description.is_empty() {
                        title
                    } else {
                        description.lines().next().unwrap_or_default().to_owned()
                    },
                    description,
                    utility: Vec::new(),
                    warranty: Warranty::default(),
                    support: SupportModel::default(),
                    depends_on,
                    links,
                };
                pending_services.push((entity, service, notes));
            }
            "Domain" => report.push(ReportLine {
                entity,
                outcome: Outcome::Skipped("domains become the family of their systems' services".into()),
            }),
            "API" => report.push(ReportLine {
                entity,
                outcome: Outcome::Skipped(
                    "APIs are interfaces, not services: link them from the providing service".into(),
                ),
            }),
            "" => report.push(ReportLine { entity: "document".into(), outcome: Outcome::Skipped("no kind".into()) }),
            other => report.push(ReportLine {
                entity,
                outcome: Outcome::Skipped(format!("{other} has no counterpart in a service catalogue")),
            }),
        }
    }

    // Systems depend on their parts; the parts get the system's domain as family.
    let families: BTreeMap<String, String> = system_parts
        .iter()
        .filter_map(|(system, parts)| {
            system_domain.get(system).map(|d| parts.iter().map(move |p| (p.clone(), d.clone())))
        })
        .flatten()
        .collect();
    let known: BTreeSet<String> = pending_services.iter().map(|(_, s, _)| s.id.clone()).collect();
    for (entity, mut service, mut notes) in pending_services {
        if let Some(parts) = system_parts.get(&service.id) {
            service.depends_on.extend(parts.iter().cloned());
        }
        if let Some(domain) = families.get(&service.id).or(system_domain.get(&service.id)) {
            service.family = domain.clone();
        }
        let before = service.depends_on.len();
        service.depends_on.retain(|d| known.contains(d) && *d != service.id);
        service.depends_on.sort();
        service.depends_on.dedup();
        if service.depends_on.len() < before {
            notes.push("dependencies on entities not in the file were left out".into());
        }
        report.push(ReportLine {
            entity,
            outcome: Outcome::Mapped { kind: RecordKind::Service, id: service.id.clone(), notes },
        });
        cat.services.push(service);
    }
    // Owners named but not described in the file become teams, so references resolve.
    for owner in owners_needed {
        if !cat.parties.iter().any(|p| p.id == owner) {
            let id = if owner.is_empty() { "unknown-owner".to_owned() } else { owner };
            cat.parties.push(Party {
                id: id.clone(),
                revision: 1,
                updated_at: now,
                kind: PartyKind::Team,
                name: id.replace('-', " "),
                description: String::new(),
                email: None,
                phone: None,
                chat: None,
                url: None,
                member_of: Vec::new(),
            });
            report.push(ReportLine {
                entity: format!("owner {id}"),
                outcome: Outcome::Mapped {
                    kind: RecordKind::Party,
                    id,
                    notes: vec!["named as an owner but not in the file: created as a team".into()],
                },
            });
        }
    }
    // Memberships of groups that are not in the file cannot be kept.
    let teams: BTreeSet<String> =
        cat.parties.iter().filter(|p| p.kind == PartyKind::Team).map(|p| p.id.clone()).collect();
    for p in cat.parties.iter_mut() {
        p.member_of.retain(|m| teams.contains(m));
    }
    cat.sort();
    Ok(BackstageImport { catalogue: cat, report })
}
