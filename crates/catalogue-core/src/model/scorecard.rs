use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{choices, impl_record, AgreementKind, ArticleKind, Metric, RecordKind, Timestamp};

/// A scorecard: levels of service maturity (Bronze, Silver, Gold…) and the rules a
/// service must pass to reach each one. Rules are data, so a catalogue carries its own
/// standards and anyone can read, edit and export them; [`crate::scorecard`] evaluates them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Only services of these families (every family when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<String>,
    /// Only services of this tier or more critical (1 is the most critical); every tier when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tier: Option<u8>,
    /// Level names, lowest first. A service reaches a level when it passes every rule of
    /// that level and of every level below it.
    pub levels: Vec<String>,
    pub rules: Vec<Rule>,
}
impl_record!(Scorecard, RecordKind::Scorecard, name);

/// One rule: a check with its parameters, the level it belongs to, and how to fix a failure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// One of the scorecard's `levels`.
    pub level: String,
    pub check: Check,
    /// What the rule asks, in a reader's words (a default follows from the check).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// For `field`: the service field that must be filled in, one of [`FIELD_PATHS`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// For `field` on a list: at least this many entries (1 when absent). For
    /// `agreement`: at least this many targets. For `sla_attainment`: the percent
    /// required (95 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// For `agreement`: the kind required (an SLA when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_kind: Option<AgreementKind>,
    /// For `agreement`: a target of this metric is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    /// For `article`: the kind of published article required (any kind when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_kind: Option<ArticleKind>,
    /// How to fix a failure (a default follows from the check).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fix: String,
}

/// What a rule checks on a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A field of the service is filled in (`field`; lists with at least `min` entries).
    Field,
    /// The owner can be reached: the owning party has an email, phone or chat.
    OwnerReachable,
    /// An agreement in force covers the service (`agreement_kind`, `metric`, `min` targets).
    Agreement,
    /// A published article about the service (`article_kind`).
    Article,
    /// Every published article about the service with a review interval was reviewed within it.
    ArticlesReviewed,
    /// Every service it depends on is covered by an OLA or underpinning contract in force.
    DependenciesUnderpinned,
    /// No dependency is retired or retiring, or less critical (a higher tier number).
    DependenciesSound,
    /// No agreement covering the service is past its review date or end.
    AgreementsCurrent,
    /// Every SLA covering the service can be kept by what supports it (see [`crate::feasibility`]).
    SlasFeasible,
    /// Of the service's incidents over the last 90 days, at least `min` percent (95 when
    /// absent) answered and resolved within the SLA targets (see [`crate::operations`]).
    SlaAttainment,
}

choices!(Check {
    Field = "field",
    OwnerReachable = "owner_reachable",
    Agreement = "agreement",
    Article = "article",
    ArticlesReviewed = "articles_reviewed",
    DependenciesUnderpinned = "dependencies_underpinned",
    DependenciesSound = "dependencies_sound",
    AgreementsCurrent = "agreements_current",
    SlasFeasible = "slas_feasible",
    SlaAttainment = "sla_attainment",
});

impl Check {
    pub fn label(self) -> &'static str {
        match self {
            Check::Field => "a service field is filled in",
            Check::OwnerReachable => "the owner can be reached",
            Check::Agreement => "covered by an agreement in force",
            Check::Article => "has a published article",
            Check::ArticlesReviewed => "articles reviewed in time",
            Check::DependenciesUnderpinned => "dependencies under an OLA or contract",
            Check::DependenciesSound => "no retired or lower-tier dependency",
            Check::AgreementsCurrent => "agreements within review date and term",
            Check::SlasFeasible => "SLAs its supports can keep",
            Check::SlaAttainment => "SLA targets met by its incidents",
        }
    }
}

/// Service fields a `field` rule can require, with their labels: the optional ones
/// (required fields are always there). Paths as in a catalogue file.
pub const FIELD_PATHS: &[(&str, &str)] = &[
    ("description", "description"),
    ("family", "family"),
    ("tags", "tags"),
    ("utility", "utility statements"),
    ("warranty.availability", "warranty: availability"),
    ("warranty.capacity", "warranty: capacity"),
    ("warranty.security", "warranty: security"),
    ("warranty.continuity", "warranty: continuity"),
    ("support.calendar", "support hours"),
    ("support.channels", "support channels"),
    ("support.escalation", "escalation path"),
    ("support.raci", "RACI assignments"),
    ("support.partners", "partners"),
    ("depends_on", "dependencies"),
    ("links", "links"),
];
