//! The catalogue's records, version 1 of the model.
//!
//! Every record kind has a stable human-readable `id` (a slug, unique per kind), a
//! `revision` that every save increments, and an `updated_at` timestamp. References
//! between records are ids; [`crate::validate`] checks that every one resolves.
//!
//! The structs double as the file format: field order here is the canonical key order
//! of an exported file, and empty optional fields are left out of it, so that
//! export → import → export is byte-identical.

mod agreement;
mod article;
mod calendar;
mod choice;
mod offering;
mod party;
mod scorecard;
mod service;

pub use agreement::*;
pub use article::*;
pub use calendar::*;
pub(crate) use choice::choices;
pub use choice::Choice;
pub use offering::*;
pub use party::*;
pub use scorecard::*;
pub use service::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A point in time, RFC 3339 (`2026-11-23T09:30:00Z`).
pub type Timestamp = jiff::Timestamp;
/// A calendar date (`2026-11-23`).
pub type Date = jiff::civil::Date;

/// The kinds of record a catalogue holds, in the order they appear in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Party,
    Calendar,
    Service,
    Offering,
    Agreement,
    Article,
    Scorecard,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Party,
        RecordKind::Calendar,
        RecordKind::Service,
        RecordKind::Offering,
        RecordKind::Agreement,
        RecordKind::Article,
        RecordKind::Scorecard,
    ];

    /// The name of the array holding this kind in a catalogue file.
    pub fn collection(self) -> &'static str {
        match self {
            RecordKind::Party => "parties",
            RecordKind::Calendar => "calendars",
            RecordKind::Service => "services",
            RecordKind::Offering => "offerings",
            RecordKind::Agreement => "agreements",
            RecordKind::Article => "articles",
            RecordKind::Scorecard => "scorecards",
        }
    }

    /// A human label, singular.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Party => "party",
            RecordKind::Calendar => "calendar",
            RecordKind::Service => "service",
            RecordKind::Offering => "offering",
            RecordKind::Agreement => "agreement",
            RecordKind::Article => "article",
            RecordKind::Scorecard => "scorecard",
        }
    }

    /// The field holding the name shown to people (see [`Record::title`]), for records
    /// held as JSON values.
    pub fn title_field(self) -> &'static str {
        match self {
            RecordKind::Article => "title",
            _ => "name",
        }
    }
}

/// What every record has in common.
pub trait Record: Clone + PartialEq + Serialize + for<'de> Deserialize<'de> {
    const KIND: RecordKind;
    fn id(&self) -> &str;
    fn revision(&self) -> u64;
    /// The name shown to people.
    fn title(&self) -> &str;
}

macro_rules! impl_record {
    ($ty:ty, $kind:expr, $title:ident) => {
        impl $crate::model::Record for $ty {
            const KIND: $crate::model::RecordKind = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn revision(&self) -> u64 {
                self.revision
            }
            fn title(&self) -> &str {
                &self.$title
            }
        }
    };
}
pub(crate) use impl_record;

/// A hyperlink shown on a record page. Only `https`, `http` and `mailto` URLs are
/// accepted (see validation), so no link in a catalogue can run script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// An amount of time, used by targets and fulfilment times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    pub value: f64,
    pub unit: TimeUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    /// Hours counted only inside the agreement's (or service's) calendar.
    BusinessHours,
    Days,
    /// Days counted only inside the calendar.
    BusinessDays,
}

choices!(TimeUnit by name {
    Minutes = "minutes",
    Hours = "hours",
    BusinessHours = "business_hours",
    Days = "days",
    BusinessDays = "business_days",
    Seconds = "seconds",
    Milliseconds = "milliseconds",
});

impl TimeUnit {
    /// The unit written after a number (`4 business h`).
    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::Milliseconds => "ms",
            TimeUnit::Seconds => "s",
            TimeUnit::Minutes => "min",
            TimeUnit::Hours => "h",
            TimeUnit::BusinessHours => "business h",
            TimeUnit::Days => "days",
            TimeUnit::BusinessDays => "business days",
        }
    }

    /// `value` with the unit written after it: `1 day`, `2 business days`, `4 h`.
    pub fn amount(self, value: f64) -> String {
        let label = match self {
            TimeUnit::Days if value == 1.0 => "day",
            TimeUnit::BusinessDays if value == 1.0 => "business day",
            unit => unit.label(),
        };
        format!("{value} {label}")
    }

    /// The unit's name, to choose it by.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Milliseconds => "milliseconds",
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::BusinessHours => "business hours",
            TimeUnit::Days => "days",
            TimeUnit::BusinessDays => "business days",
        }
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.unit.amount(self.value))
    }
}

/// Lifecycle of services and offerings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    Pipeline,
    #[default]
    Live,
    Retiring,
    Retired,
}

choices!(Lifecycle { Pipeline = "pipeline", Live = "live", Retiring = "retiring", Retired = "retired" });

impl Lifecycle {
    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Pipeline => "pipeline",
            Lifecycle::Live => "live",
            Lifecycle::Retiring => "retiring",
            Lifecycle::Retired => "retired",
        }
    }
}
