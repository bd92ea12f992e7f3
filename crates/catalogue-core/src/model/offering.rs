use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{impl_record, Duration, Lifecycle, RecordKind, Timestamp};

/// A service packaged for a target consumer group (ITIL 4): goods, access to
/// resources and service actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offering {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub name: String,
    /// The service this offering belongs to.
    pub service: String,
    #[serde(default)]
    pub status: Lifecycle,
    pub summary: String,
    /// Target consumer groups, e.g. `All employees`, `Engineering`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<String>,
    /// Goods: ownership passes to the consumer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goods: Vec<OfferingElement>,
    /// Access to resources: use without ownership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<OfferingElement>,
    /// Service actions: things done for the consumer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<OfferingElement>,
    /// Markdown: how to request it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_to_request: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment_time: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
}
impl_record!(Offering, RecordKind::Offering, name);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferingElement {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub amount: f64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    /// What the amount is charged per, e.g. `user per month`, `request`.
    pub per: String,
}

impl std::fmt::Display for Price {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.amount == 0.0 {
            write!(f, "free")
        } else {
            write!(f, "{:.2} {} per {}", self.amount, self.currency, self.per)
        }
    }
}
