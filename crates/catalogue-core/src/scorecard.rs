//! Scorecards: evaluating a [`Scorecard`]'s rules on every service it applies to, the
//! level each service reaches, what it fails and how to fix it, and levels per team.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::catalogue::Catalogue;
use crate::feasibility::{covered_services, in_force, Finding, Severity};
use crate::lookup::Lookup;
use crate::model::*;

/// What rules are evaluated against.
pub struct Context<'a> {
    pub cat: &'a Catalogue,
    pub lookup: &'a Lookup,
    pub today: Date,
    /// SLAs (agreement ids) whose promises their supports cannot keep.
    pub infeasible: HashSet<String>,
    /// Per service, SLA targets met and counted for its incidents over the last
    /// [`ATTAINMENT_DAYS`] days (`Scope::attainment_by_service`); `None` when no
    /// operational records are kept.
    pub attainment: Option<&'a HashMap<String, (usize, usize)>>,
}

/// The period SLA attainment rules look back over.
pub const ATTAINMENT_DAYS: i64 = 90;
/// The share an SLA attainment rule asks for when it names none.
const ATTAINMENT_PERCENT: u32 = 95;

impl<'a> Context<'a> {
    /// A context whose infeasible SLAs are those with a breaking finding.
    pub fn new(cat: &'a Catalogue, lookup: &'a Lookup, today: Date, findings: &[Finding]) -> Context<'a> {
        let infeasible = findings.iter().filter(|f| f.severity == Severity::Breaks).map(|f| f.sla.clone()).collect();
        Context { cat, lookup, today, infeasible, attainment: None }
    }
}

/// The outcome of one rule on one service.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleResult {
    /// Index into the scorecard's `rules`.
    pub rule: usize,
    /// `None` when passed; otherwise what is wrong.
    pub failure: Option<String>,
}

/// A service's standing on a scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceScore {
    /// Index into the catalogue's services.
    pub service: usize,
    /// Index into the scorecard's `levels` of the highest level reached; `None` below the first.
    pub level: Option<usize>,
    /// One per rule, in rule order.
    pub results: Vec<RuleResult>,
}

impl ServiceScore {
    pub fn failing(&self) -> impl Iterator<Item = &RuleResult> {
        self.results.iter().filter(|r| r.failure.is_some())
    }
}

/// Whether the scorecard applies to a service: not retired, and within its families and tiers.
pub fn applies(sc: &Scorecard, s: &Service) -> bool {
    s.lifecycle != Lifecycle::Retired
        && (sc.families.is_empty() || sc.families.iter().any(|f| f.eq_ignore_ascii_case(&s.family)))
        && sc.max_tier.is_none_or(|t| s.tier <= t)
}

/// Scores of every service the scorecard applies to, in catalogue order.
pub fn evaluate(sc: &Scorecard, ctx: &Context) -> Vec<ServiceScore> {
    ctx.cat.services.iter().enumerate().filter(|(_, s)| applies(sc, s)).map(|(i, s)| score(sc, ctx, i, s)).collect()
}

/// The score of one service (whether or not the scorecard applies to it).
pub fn score(sc: &Scorecard, ctx: &Context, index: usize, s: &Service) -> ServiceScore {
    // The service as JSON, for field rules: made once, not once per rule.
    let value = sc.rules.iter().any(|r| r.check == Check::Field).then(|| crate::edit::to_value(s));
    let results: Vec<RuleResult> = sc
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| RuleResult { rule: i, failure: check(rule, ctx, s, value.as_ref()) })
        .collect();
    let level_passes = |level: &String| results.iter().all(|r| r.failure.is_none() || &sc.rules[r.rule].level != level);
    let reached = sc.levels.iter().take_while(|l| level_passes(l)).count();
    ServiceScore { service: index, level: reached.checked_sub(1), results }
}

/// The reader's name of a service field a rule names (the path itself when unknown).
fn field_label(path: &str) -> &str {
    FIELD_PATHS.iter().find(|(p, _)| *p == path).map_or(path, |(_, l)| *l)
}

/// What the rule asks, as shown: its own title, or one made from the check.
pub fn rule_title(rule: &Rule) -> String {
    if !rule.title.trim().is_empty() {
        return rule.title.clone();
    }
    match rule.check {
        Check::Field => {
            let label = field_label(&rule.field);
            match rule.min {
                Some(n) if n > 1 => format!("At least {n} {label}"),
                _ => format!("Has {label}"),
            }
        }
        Check::OwnerReachable => "The owner has an email, phone or chat".into(),
        Check::Agreement => {
            let kind = rule.agreement_kind.unwrap_or(AgreementKind::Sla).label();
            match rule.metric {
                Some(m) => format!("An {kind} in force with a {} target", m.label()),
                None => format!("An {kind} in force"),
            }
        }
        Check::Article => match rule.article_kind {
            Some(k) => format!("A published {}", k.label()),
            None => "A published article".into(),
        },
        Check::ArticlesReviewed => "Articles reviewed within their interval".into(),
        Check::DependenciesUnderpinned => "Every dependency under an OLA or underpinning contract".into(),
        Check::DependenciesSound => "No dependency retired, retiring or of a lower tier".into(),
        Check::AgreementsCurrent => "Agreements within their review date and term".into(),
        Check::SlasFeasible => "SLAs its supports can keep".into(),
        Check::SlaAttainment => format!(
            "SLA targets met for at least {} % of its incidents over {ATTAINMENT_DAYS} days",
            rule.min.unwrap_or(ATTAINMENT_PERCENT)
        ),
    }
}

/// How to fix a failure, as shown: the rule's own advice, or advice made from the check.
pub fn rule_fix(rule: &Rule) -> String {
    if !rule.fix.trim().is_empty() {
        return rule.fix.clone();
    }
    match rule.check {
        Check::Field => {
            let label = field_label(&rule.field);
            format!("Edit the service and fill in its {label}.")
        }
        Check::OwnerReachable => "Edit the owning party and add an email address, phone number or chat channel.".into(),
        Check::Agreement => "Record the agreement that covers this service, with its targets.".into(),
        Check::Article => "Write the article and link it to this service.".into(),
        Check::ArticlesReviewed => "Review the overdue articles and set their last-reviewed date.".into(),
        Check::DependenciesUnderpinned => "Record an OLA or underpinning contract for each dependency named.".into(),
        Check::DependenciesSound => "Replace the dependency, or raise its tier to match.".into(),
        Check::AgreementsCurrent => "Review the agreements named and set their next review date or renew them.".into(),
        Check::SlasFeasible => "Open Feasibility: strengthen the weak support or relax the SLA.".into(),
        Check::SlaAttainment => {
            "Open Operations for this service: see the incidents that missed their targets and why.".into()
        }
    }
}

fn is_filled(value: &serde_json::Value, min: usize) -> bool {
    use serde_json::Value;
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => a.len() >= min,
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

fn names<'s>(list: impl IntoIterator<Item = &'s str>) -> String {
    list.into_iter().collect::<Vec<_>>().join(", ")
}

/// `None` when the service passes; otherwise what fails.
fn check(rule: &Rule, ctx: &Context, s: &Service, value: Option<&serde_json::Value>) -> Option<String> {
    let cat = ctx.cat;
    let agreements = || ctx.lookup.agreements_of_service.get(&s.id).into_iter().flatten().map(|&i| &cat.agreements[i]);
    let articles = || {
        ctx.lookup
            .articles_of_service
            .get(&s.id)
            .into_iter()
            .flatten()
            .map(|&i| &cat.articles[i])
            .filter(|a| a.status == ArticleStatus::Published)
    };
    let deps = || s.depends_on.iter().filter_map(|d| cat.service(d));
    match rule.check {
        Check::Field => {
            let found = rule.field.split('.').try_fold(value?, |v, key| v.get(key));
            let min = rule.min.unwrap_or(1).max(1) as usize;
            let ok = found.is_some_and(|v| is_filled(v, min));
            let label = field_label(&rule.field);
            (!ok).then(|| match (found.and_then(|v| v.as_array()), min) {
                (Some(list), m) if m > 1 => format!("{} {label}, {m} needed", list.len()),
                _ => format!("no {label}"),
            })
        }
        Check::OwnerReachable => match cat.party(&s.owner) {
            None => Some(format!("owner {} is not in the catalogue", s.owner)),
            Some(p) if p.email.is_none() && p.phone.is_none() && p.chat.is_none() => {
                Some(format!("{} has no email, phone or chat", p.name))
            }
            Some(_) => None,
        },
        Check::Agreement => {
            let kind = rule.agreement_kind.unwrap_or(AgreementKind::Sla);
            let min = rule.min.unwrap_or(0) as usize;
            let matching: Vec<&Agreement> = agreements().filter(|a| a.kind == kind && in_force(a, ctx.today)).collect();
            if matching.is_empty() {
                return Some(format!("no {} in force covers it", kind.label()));
            }
            let good = |a: &&Agreement| {
                a.targets.len() >= min && rule.metric.is_none_or(|m| a.targets.iter().any(|t| t.metric == m))
            };
            if matching.iter().any(good) {
                return None;
            }
            Some(match rule.metric {
                Some(m) => format!("{} has no {} target", names(matching.iter().map(|a| a.name.as_str())), m.label()),
                None => format!("{} has fewer than {min} targets", names(matching.iter().map(|a| a.name.as_str()))),
            })
        }
        Check::Article => {
            let found = articles().any(|a| rule.article_kind.is_none_or(|k| a.kind == k));
            (!found)
                .then(|| format!("no published {} about it", rule.article_kind.map(|k| k.label()).unwrap_or("article")))
        }
        Check::ArticlesReviewed => {
            let overdue: Vec<&str> = articles()
                .filter(|a| a.review_due().is_some_and(|d| d < ctx.today))
                .map(|a| a.title.as_str())
                .collect();
            (!overdue.is_empty()).then(|| format!("overdue for review: {}", names(overdue)))
        }
        Check::DependenciesUnderpinned => {
            let bare: Vec<&str> = deps()
                .filter(|d| {
                    !ctx.lookup.agreements_of_service.get(&d.id).into_iter().flatten().any(|&i| {
                        let a = &cat.agreements[i];
                        a.kind != AgreementKind::Sla && in_force(a, ctx.today)
                    })
                })
                .map(|d| d.name.as_str())
                .collect();
            (!bare.is_empty()).then(|| format!("no OLA or contract for {}", names(bare)))
        }
        Check::DependenciesSound => {
            let weak: Vec<String> = deps()
                .filter_map(|d| match d.lifecycle {
                    Lifecycle::Retired | Lifecycle::Retiring => Some(format!("{} is {}", d.name, d.lifecycle.label())),
                    _ if d.tier > s.tier => Some(format!("{} is tier {} (this is tier {})", d.name, d.tier, s.tier)),
                    _ => None,
                })
                .collect();
            (!weak.is_empty()).then(|| weak.join("; "))
        }
        Check::AgreementsCurrent => {
            let stale: Vec<String> = agreements()
                .filter_map(|a| {
                    if a.valid_until.is_some_and(|u| u < ctx.today) {
                        Some(format!("{} ended {}", a.name, a.valid_until?))
                    } else {
                        a.review_by.filter(|r| *r < ctx.today).map(|r| format!("{} was due for review {r}", a.name))
                    }
                })
                .collect();
            (!stale.is_empty()).then(|| stale.join("; "))
        }
        Check::SlasFeasible => {
            let broken: Vec<&str> = agreements()
                .filter(|a| {
                    ctx.infeasible.contains(&a.id) && covered_services(cat, ctx.lookup, a).iter().any(|c| c.id == s.id)
                })
                .map(|a| a.name.as_str())
                .collect();
            (!broken.is_empty()).then(|| format!("cannot be kept: {}", names(broken)))
        }
        Check::SlaAttainment => {
            let Some(kept) = ctx.attainment else {
                return Some("no incidents are kept in this browser to measure it: import them on Operations".into());
            };
            let (met, total) = kept.get(&s.id).copied().unwrap_or((0, 0));
            let required = rule.min.unwrap_or(ATTAINMENT_PERCENT) as usize;
            // met / total < required / 100, in whole numbers.
            (met * 100 < required * total).then(|| {
                format!(
                    "{:.0} % of its incidents met their SLA targets over {ATTAINMENT_DAYS} days ({met} of {total})",
                    met as f64 * 100.0 / total as f64
                )
            })
        }
    }
}

/// How the services of one owning party stand.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamLevels {
    /// The owner (a party id).
    pub party: String,
    /// Per level, how many services reached exactly it; the last entry counts services below the first level.
    pub counts: Vec<usize>,
    /// Indexes into the scores.
    pub scores: Vec<usize>,
}

/// Scores grouped by the owner of the service, owners by name.
pub fn by_team(sc: &Scorecard, cat: &Catalogue, scores: &[ServiceScore]) -> Vec<TeamLevels> {
    let mut teams: BTreeMap<String, TeamLevels> = BTreeMap::new();
    for (i, score) in scores.iter().enumerate() {
        let owner = &cat.services[score.service].owner;
        let name = cat.party(owner).map(|p| p.name.to_lowercase()).unwrap_or_else(|| owner.clone());
        let team = teams.entry(format!("{name}\u{0}{owner}")).or_insert_with(|| TeamLevels {
            party: owner.clone(),
            counts: vec![0; sc.levels.len() + 1],
            scores: Vec::new(),
        });
        team.counts[score.level.unwrap_or(sc.levels.len())] += 1;
        team.scores.push(i);
    }
    teams.into_values().collect()
}

/// The scorecard a catalogue starts with: Bronze (the basics), Silver (supportable),
/// Gold (promises backed by what is beneath them).
pub fn default_scorecard(now: Timestamp) -> Scorecard {
    let rule = |level: &str, check: Check| Rule {
        level: level.into(),
        check,
        title: String::new(),
        field: String::new(),
        min: None,
        agreement_kind: None,
        metric: None,
        article_kind: None,
        fix: String::new(),
    };
    let field =
        |level: &str, path: &str, min: Option<u32>| Rule { field: path.into(), min, ..rule(level, Check::Field) };
    Scorecard {
        id: "service-maturity".into(),
        revision: 1,
        updated_at: now,
        name: "Service maturity".into(),
        summary: "What every service needs before it can be relied on: the basics, a support model with promises, and promises backed by what is beneath them.".into(),
        families: Vec::new(),
        max_tier: None,
        levels: vec!["Bronze".into(), "Silver".into(), "Gold".into()],
        rules: vec![
            rule("Bronze", Check::OwnerReachable),
            field("Bronze", "description", None),
            field("Bronze", "support.calendar", None),
            field("Bronze", "support.channels", None),
            Rule { metric: Some(Metric::Availability), ..rule("Silver", Check::Agreement) },
            Rule { article_kind: Some(ArticleKind::Runbook), ..rule("Silver", Check::Article) },
            field("Silver", "support.escalation", Some(2)),
            rule("Gold", Check::DependenciesUnderpinned),
            rule("Gold", Check::ArticlesReviewed),
            rule("Gold", Check::DependenciesSound),
            rule("Gold", Check::AgreementsCurrent),
            rule("Gold", Check::SlasFeasible),
        ],
    }
}
