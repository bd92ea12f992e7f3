//! Importing Backstage descriptors (`catalog-info.yaml`, several YAML documents per file)
//! into a catalogue, with a report of what was mapped, what was skipped and why.
//!
//! Mapping: `Group` → team, `User` → person (with `memberOf`), `Component` and
//! `Resource` → technical services, `System` → a business service that depends on its
//! components (its `Domain` becomes the family of those services); `spec.dependsOn` and
//! `spec.dependencyOf` between components and resources → dependencies; links, and
//! annotations holding a web address, → links; provided and consumed APIs → notes.
//! Entities are known by kind, namespace and name (`refs.rs`). APIs, locations and
//! templates have no counterpart in a service catalogue and are reported as skipped.

mod export;
mod refs;

pub use export::{entities, export};

use std::collections::{BTreeMap, BTreeSet};

use yaml_rust2::{Yaml, YamlLoader};

use crate::catalogue::Catalogue;
use crate::edit::propose_id;
use crate::model::*;
use crate::yaml::text;
use refs::{assign_ids, EntityKey, DEFAULT_NAMESPACE};

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

/// A team named after its id (`platform-team` → "platform team"), for an owner that is
/// named but not described.
pub(crate) fn team(id: &str, now: Timestamp) -> Party {
    Party {
        id: id.to_owned(),
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
    }
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
    // Dependencies declared from the other side (`dependencyOf`): dependant → dependency.
    let mut dependency_of: Vec<(EntityKey, String)> = Vec::new();

    let docs: Vec<&Yaml> = docs.iter().filter(|d| !d.is_null()).collect();
    let namespace_of = |doc: &Yaml| doc["metadata"]["namespace"].as_str().unwrap_or(DEFAULT_NAMESPACE).to_owned();
    let keys: Vec<EntityKey> = docs
        .iter()
        .filter(|d| !text(&d["metadata"]["name"]).is_empty())
        .map(|d| EntityKey::new(&text(&d["kind"]), &namespace_of(d), &text(&d["metadata"]["name"])))
        .collect();
    let ids = assign_ids(&keys);
    // The id a reference names, if its entity is in the files.
    let id_of = |reference: &str, kinds: &[&str], namespace: &str| -> Option<String> {
        kinds.iter().find_map(|k| ids.get(&EntityKey::parse(reference, k, namespace)).cloned())
    };

    for doc in docs {
        let kind = text(&doc["kind"]);
        let meta = &doc["metadata"];
        let spec = &doc["spec"];
        let name = text(&meta["name"]);
        let namespace = namespace_of(doc);
        let entity = if namespace == DEFAULT_NAMESPACE {
            format!("{kind} {name}")
        } else {
            format!("{kind} {namespace}/{name}")
        };
        if name.is_empty() {
            report.push(ReportLine { entity, outcome: Outcome::Skipped("no metadata.name".into()) });
            continue;
        }
        let key = EntityKey::new(&kind, &namespace, &name);
        let id = ids.get(&key).cloned().unwrap_or_else(|| propose_id(&name, |_| false));
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
                        list(&spec["memberOf"]).iter().filter_map(|r| id_of(r, &["group"], &namespace)).collect()
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
                let owner_ref = spec["owner"].as_str().unwrap_or("");
                let owner = id_of(owner_ref, &["group", "user"], &namespace).unwrap_or_else(|| {
                    // Not in the files: a team of that name is made for it (below).
                    let key = EntityKey::parse(owner_ref, "group", &namespace);
                    let id =
                        if key.name.is_empty() { "unknown-owner".to_owned() } else { propose_id(&key.name, |_| false) };
                    owners_needed.insert(id.clone());
                    id
                });
                if let Some(system) = spec["system"].as_str() {
                    let system =
                        id_of(system, &["system"], &namespace).unwrap_or_else(|| propose_id(system, |_| false));
                    system_parts.entry(system).or_default().push(id.clone());
                }
                for dependant in list(&spec["dependencyOf"]) {
                    dependency_of.push((EntityKey::parse(&dependant, "component", &namespace), id.clone()));
                }
                let apis: Vec<String> = ["providesApis", "consumesApis"]
                    .iter()
                    .filter_map(|field| {
                        let apis = list(&spec[*field]);
                        let verb = if *field == "providesApis" { "provides" } else { "consumes" };
                        (!apis.is_empty())
                            .then(|| format!("{verb} the APIs {} (APIs are not records)", apis.join(", ")))
                    })
                    .collect();
                notes.extend(apis);
                if kind == "System" {
                    if let Some(domain) = spec["domain"].as_str() {
                        system_domain.insert(id.clone(), domain.to_owned());
                    }
                }
                let depends_on = list(&spec["dependsOn"])
                    .iter()
                    .map(|r| EntityKey::parse(r, "component", &namespace))
                    .filter(|k| k.kind == "component" || k.kind == "resource")
                    .map(|k| ids.get(&k).cloned().unwrap_or_else(|| propose_id(&k.name, |_| false)))
                    .collect();
                let mut links: Vec<Link> = meta["links"]
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
                // Annotations that hold a web address (a runbook, a PagerDuty service, a
                // dashboard) are worth a link; the others are Backstage's own settings.
                if let Some(annotations) = meta["annotations"].as_hash() {
                    for (key, value) in annotations {
                        let (Some(key), Some(url)) = (key.as_str(), value.as_str()) else { continue };
                        if url.starts_with("https://") || url.starts_with("http://") {
                            links.push(Link { url: url.to_owned(), title: key.to_owned() });
                        }
                    }
                }
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
    let mut reverse: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (dependant, dependency) in dependency_of {
        if let Some(id) = ids.get(&dependant) {
            reverse.entry(id.clone()).or_default().push(dependency);
        }
    }
    for (entity, mut service, mut notes) in pending_services {
        service.depends_on.extend(reverse.remove(&service.id).unwrap_or_default());
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
    for id in owners_needed {
        if !cat.parties.iter().any(|p| p.id == id) {
            cat.parties.push(team(&id, now));
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
