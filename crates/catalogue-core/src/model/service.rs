use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{choices, impl_record, Lifecycle, Link, RecordKind, Timestamp};

/// A means of delivering value, seen from the business (customer-facing) or the
/// technical (supporting) side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub name: String,
    pub view: ServiceView,
    /// Party accountable for the service.
    pub owner: String,
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// Criticality, 1 (most critical) to 4.
    pub tier: u8,
    /// Service family or category, e.g. `Collaboration`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// One sentence: what it is for.
    pub summary: String,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Utility: what the service does for its consumers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub utility: Vec<String>,
    /// Warranty: how well it does it.
    #[serde(default, skip_serializing_if = "Warranty::is_empty")]
    pub warranty: Warranty,
    #[serde(default, skip_serializing_if = "SupportModel::is_empty")]
    pub support: SupportModel,
    /// Ids of the services this one needs in order to work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}
impl_record!(Service, RecordKind::Service, name);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceView {
    /// Customer-facing.
    Business,
    /// Supporting, internal.
    Technical,
}

choices!(ServiceView { Business = "business", Technical = "technical" });

impl ServiceView {
    pub fn label(self) -> &'static str {
        match self {
            ServiceView::Business => "business",
            ServiceView::Technical => "technical",
        }
    }
}

/// Warranty statements (ITIL): how well the service performs, in the reader's words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warranty {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub availability: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub capacity: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub security: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub continuity: String,
}

impl Warranty {
    pub fn is_empty(&self) -> bool {
        self == &Warranty::default()
    }
}

/// Who supports the service, when, through which channels, and who to escalate to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportModel {
    /// Calendar of support hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Escalation path, first level first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation: Vec<EscalationLevel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raci: Vec<RaciAssignment>,
    /// Suppliers and partner teams involved in delivering the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
}

impl SupportModel {
    pub fn is_empty(&self) -> bool {
        self == &SupportModel::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: ChannelKind,
    /// Address, number, URL or handle.
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Portal,
    Email,
    Phone,
    Chat,
    Pager,
    Other,
}

choices!(ChannelKind {
    Portal = "portal",
    Email = "email",
    Phone = "phone",
    Chat = "chat",
    Pager = "pager",
    Other = "other",
});

impl ChannelKind {
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Portal => "portal",
            ChannelKind::Email => "email",
            ChannelKind::Phone => "phone",
            ChannelKind::Chat => "chat",
            ChannelKind::Pager => "pager",
            ChannelKind::Other => "other",
        }
    }
}

/// One step of the escalation path: who takes over, after how long without resolution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    pub party: String,
    /// Minutes after the incident was opened (0 for the first level).
    pub after_minutes: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A role held by a party, with its RACI responsibility.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RaciAssignment {
    /// E.g. `Service owner`, `Service manager`, `Practitioner`.
    pub role: String,
    pub party: String,
    pub responsibility: Raci,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Raci {
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

choices!(Raci { Responsible = "responsible", Accountable = "accountable", Consulted = "consulted", Informed = "informed" });

impl Raci {
    pub fn label(self) -> &'static str {
        match self {
            Raci::Responsible => "responsible",
            Raci::Accountable => "accountable",
            Raci::Consulted => "consulted",
            Raci::Informed => "informed",
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Raci::Responsible => "R",
            Raci::Accountable => "A",
            Raci::Consulted => "C",
            Raci::Informed => "I",
        }
    }
}
