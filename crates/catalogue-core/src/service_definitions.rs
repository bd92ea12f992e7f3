//! Service definitions kept beside the code, read into services and their owning teams,
//! with the same report as Backstage descriptors: Datadog's `service.datadog.yaml`
//! (schema versions v2, v2.1, v2.2 and v3) and OpsLevel's `opslevel.yml` (version 1).
//!
//! What maps: the service's name, owner team (with its email and chat contacts), tier,
//! lifecycle, description, application or product (as family), tags, links (links, docs,
//! repositories, tools, the PagerDuty service) and, in Datadog v3, dependencies.

use std::collections::{BTreeMap, BTreeSet};

use yaml_rust2::{Yaml, YamlLoader};

use crate::backstage::{BackstageImport, Outcome, ReportLine};
use crate::catalogue::Catalogue;
use crate::edit::propose_id;
use crate::model::*;
use crate::yaml::text;

/// The formats a YAML document may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Datadog,
    OpsLevel,
}

/// Which service definition format `doc` is in, if one.
fn flavour(doc: &Yaml) -> Option<Flavour> {
    if doc["schema-version"].as_str().is_some_and(|v| v.starts_with("v2")) || doc["apiVersion"].as_str() == Some("v3") {
        Some(Flavour::Datadog)
    } else if !doc["service"].is_badvalue() && !doc["version"].is_badvalue() {
        Some(Flavour::OpsLevel)
    } else {
        None
    }
}

/// Whether `yaml` holds service definitions (rather than Backstage descriptors).
pub fn is_service_definitions(yaml: &str) -> bool {
    YamlLoader::load_from_str(yaml).is_ok_and(|docs| docs.iter().any(|d| flavour(d).is_some()))
}

fn items(y: &Yaml) -> &[Yaml] {
    y.as_vec().map(Vec::as_slice).unwrap_or(&[])
}

/// `"1"`, `2`, `tier_2`, `Tier 1` → 1..4.
fn tier(y: &Yaml) -> Option<u8> {
    text(y)
        .chars()
        .find(char::is_ascii_digit)
        .and_then(|c| c.to_digit(10))
        .map(|d| d as u8)
        .filter(|d| (1..=4).contains(d))
}

fn lifecycle(y: &Yaml) -> Option<Lifecycle> {
    let l = text(y).to_lowercase();
    Some(match l.as_str() {
        "" => return None,
        "production" | "generally_available" | "ga" | "live" | "stable" => Lifecycle::Live,
        "development" | "experimental" | "alpha" | "beta" | "pipeline" | "staging" => Lifecycle::Pipeline,
        "deprecated" | "retiring" | "sunset" => Lifecycle::Retiring,
        "end_of_life" | "end-of-life" | "retired" | "decommissioned" => Lifecycle::Retired,
        _ => return None,
    })
}

/// One definition, read: the service, its owner's name and contacts, what it depends on.
struct Definition {
    entity: String,
    service: Service,
    owner: String,
    email: Option<String>,
    chat: Option<String>,
    depends_on: Vec<String>,
    notes: Vec<String>,
}

fn link(title: &str, url: &str) -> Option<Link> {
    (url.starts_with("https://") || url.starts_with("http://"))
        .then(|| Link { title: title.to_owned(), url: url.to_owned() })
}

fn read(doc: &Yaml, flavour: Flavour, now: Timestamp) -> Result<Definition, String> {
    let (name, meta, spec) = match flavour {
        Flavour::Datadog if doc["apiVersion"].as_str() == Some("v3") => {
            if doc["kind"].as_str() != Some("service") {
                return Err(format!("a Datadog “{}” entity is not a service", text(&doc["kind"])));
            }
            (text(&doc["metadata"]["name"]), &doc["metadata"], &doc["spec"])
        }
        Flavour::Datadog => (text(&doc["dd-service"]), doc, doc),
        Flavour::OpsLevel => (text(&doc["service"]["name"]), &doc["service"], &doc["service"]),
    };
    if name.is_empty() {
        return Err("no service name".into());
    }
    let mut notes = Vec::new();
    let owner = [&meta["owner"], &doc["team"], &doc["dd-team"]]
        .into_iter()
        .map(text)
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let tier = tier(&spec["tier"]).unwrap_or_else(|| {
        notes.push("tier set to 3: none given".into());
        3
    });
    let lifecycle = lifecycle(&spec["lifecycle"]).unwrap_or_else(|| {
        if !text(&spec["lifecycle"]).is_empty() {
            notes.push(format!("lifecycle “{}” read as live", text(&spec["lifecycle"])));
        }
        Lifecycle::Live
    });
    let description = text(&meta["description"]);
    let mut links = Vec::new();
    for l in items(&meta["links"]).iter().chain(items(&doc["docs"])).chain(items(&doc["repos"])) {
        links.extend(link(&text(&l["name"]), &text(&l["url"])));
    }
    for t in items(&meta["tools"]) {
        links.extend(link(&text(&t["name"]), &text(&t["url"])));
    }
    for r in items(&meta["repositories"]) {
        if text(&r["provider"]) == "github" {
            links.extend(link(&text(&r["name"]), &format!("https://github.com/{}", text(&r["name"]))));
        }
    }
    let pagerduty = &doc["integrations"]["pagerduty"];
    let pagerduty = [text(pagerduty), text(&pagerduty["service-url"]), text(&pagerduty["serviceURL"])];
    links.extend(pagerduty.iter().find_map(|u| link("PagerDuty", u)));
    let (mut email, mut chat) = (None, None);
    for c in items(&meta["contacts"]) {
        match text(&c["type"]).as_str() {
            "email" => email = email.or(Some(text(&c["contact"]))),
            "slack" | "microsoft-teams" => chat = chat.or(Some(text(&c["contact"]))),
            _ => {}
        }
    }
    let tags: Vec<String> = items(&meta["tags"])
        .iter()
        .map(|t| match t {
            Yaml::Hash(_) => format!("{}:{}", text(&t["key"]), text(&t["value"])),
            other => text(other),
        })
        .filter(|t| !t.is_empty())
        .map(|t| propose_id(&t, |_| false))
        .collect();
    let family =
        [&meta["application"], &meta["product"]].into_iter().map(text).find(|t| !t.is_empty()).unwrap_or_default();
    let depends_on =
        items(&spec["dependsOn"]).iter().map(|d| text(d).trim_start_matches("service:").to_owned()).collect();
    let entity = match flavour {
        Flavour::Datadog => format!("Datadog service {name}"),
        Flavour::OpsLevel => format!("OpsLevel service {name}"),
    };
    let service = Service {
        id: String::new(),
        revision: 1,
        updated_at: now,
        name: text(&meta["displayName"]).chars().next().map(|_| text(&meta["displayName"])).unwrap_or(name.clone()),
        view: ServiceView::Technical,
        owner: String::new(),
        lifecycle,
        tier,
        family,
        tags,
        summary: description.lines().next().filter(|l| !l.trim().is_empty()).unwrap_or(&name).to_owned(),
        description,
        utility: Vec::new(),
        warranty: Warranty::default(),
        support: SupportModel::default(),
        depends_on: Vec::new(),
        links,
    };
    Ok(Definition { entity, service, owner, email, chat, depends_on, notes })
}

/// Reads every document of `yaml` that is a service definition; `now` stamps the records.
pub fn import(yaml: &str, now: Timestamp) -> Result<BackstageImport, String> {
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| format!("not valid YAML: {e}"))?;
    let mut cat = Catalogue::empty("Imported service definitions");
    let mut report = Vec::new();
    let mut definitions = Vec::new();
    for doc in docs.iter().filter(|d| !d.is_null()) {
        let Some(flavour) = flavour(doc) else {
            report.push(ReportLine {
                entity: "document".into(),
                outcome: Outcome::Skipped("not a Datadog or OpsLevel service definition".into()),
            });
            continue;
        };
        match read(doc, flavour, now) {
            Ok(d) => definitions.push(d),
            Err(why) => {
                report.push(ReportLine { entity: format!("{flavour:?} document"), outcome: Outcome::Skipped(why) })
            }
        }
    }
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for d in &mut definitions {
        let id = propose_id(&d.service.name, |id| ids.values().any(|i| i == id));
        ids.insert(d.service.name.to_lowercase(), id.clone());
        d.service.id = id;
    }
    let mut teams: BTreeMap<String, Party> = BTreeMap::new();
    for mut d in definitions {
        let owner = if d.owner.is_empty() { "unknown-owner".to_owned() } else { d.owner.clone() };
        let team_id = propose_id(&owner, |_| false);
        let team = teams.entry(team_id.clone()).or_insert_with(|| crate::backstage::team(&team_id, now));
        // An address the catalogue would refuse (`no-one@localhost`) is left out.
        team.email = team.email.take().or(d.email.take().filter(|e| crate::validate::looks_like_email(e)));
        team.chat = team.chat.take().or(d.chat.take());
        d.service.owner = team_id;
        let known: BTreeSet<&String> = ids.values().collect();
        let mut depends: Vec<String> =
            d.depends_on.iter().filter_map(|n| ids.get(&n.to_lowercase()).cloned()).collect();
        if depends.len() < d.depends_on.len() {
            d.notes.push("dependencies on services not in the files were left out".into());
        }
        depends.retain(|i| known.contains(i) && *i != d.service.id);
        d.service.depends_on = depends;
        report.push(ReportLine {
            entity: d.entity,
            outcome: Outcome::Mapped { kind: RecordKind::Service, id: d.service.id.clone(), notes: d.notes },
        });
        cat.services.push(d.service);
    }
    for (id, team) in teams {
        report.push(ReportLine {
            entity: format!("owner {}", team.name),
            outcome: Outcome::Mapped {
                kind: RecordKind::Party,
                id,
                notes: vec!["an owner of the services: created as a team".into()],
            },
        });
        cat.parties.push(team);
    }
    cat.sort();
    Ok(BackstageImport { catalogue: cat, report })
}
