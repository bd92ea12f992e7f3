use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{choices, impl_record, RecordKind, Timestamp};

/// A person, a team or a supplier: owners, support groups, contract partners.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub kind: PartyKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A chat channel or handle, e.g. `#payments-oncall`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For a person: the teams they belong to (party ids of kind team).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_of: Vec<String>,
}
impl_record!(Party, RecordKind::Party, name);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Person,
    Team,
    Supplier,
}

choices!(PartyKind { Person = "person", Team = "team", Supplier = "supplier" });

impl PartyKind {
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Person => "person",
            PartyKind::Team => "team",
            PartyKind::Supplier => "supplier",
        }
    }
}
