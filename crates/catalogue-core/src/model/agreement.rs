use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{choices, impl_record, Date, RecordKind, TimeUnit, Timestamp};

/// An SLA (provider to customer), an OLA (between internal teams) or an
/// underpinning contract (with an external supplier).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub kind: AgreementKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Party that delivers.
    pub provider: String,
    /// Party that receives.
    pub customer: String,
    /// Services covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Offerings covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offerings: Vec<String>,
    /// Calendar in which business-time targets are counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    pub valid_from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// When the agreement is next due for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Date>,
    /// For an OLA or underpinning contract: the agreements it underpins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}
impl_record!(Agreement, RecordKind::Agreement, name);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Sla,
    Ola,
    UnderpinningContract,
}

choices!(AgreementKind { Sla = "sla", Ola = "ola", UnderpinningContract = "underpinning_contract" });

impl AgreementKind {
    pub fn label(self) -> &'static str {
        match self {
            AgreementKind::Sla => "SLA",
            AgreementKind::Ola => "OLA",
            AgreementKind::UnderpinningContract => "underpinning contract",
        }
    }
}

/// One promised level: e.g. P1 time to resolve 4 business hours, warn at 3.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub metric: Metric,
    /// Name of a custom metric (required when `metric` is `custom`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// For response and resolution targets: which priority it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    pub value: f64,
    pub unit: TargetUnit,
    /// Level at which the target is at risk: for "at least" metrics (availability,
    /// throughput) a value above `value`; for "at most" metrics (times) a value below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<f64>,
    /// Measured as a service level objective (OpenSLO): over which window, and how the
    /// error budget is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo: Option<SloMeasure>,
}

/// How a target is measured as a service level objective, as OpenSLO v1 describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SloMeasure {
    /// The window, in OpenSLO's shorthand: a number and one of `m` (minutes), `h`, `d`,
    /// `w`, `M` (months), `Q`, `Y`, e.g. `28d`.
    pub window: String,
    /// The last `window` (rolling), or windows aligned to the calendar.
    #[serde(default = "rolling")]
    pub rolling: bool,
    pub budgeting: Budgeting,
    /// For latency and throughput: the share of events (or time slices) that must meet
    /// the target value, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_percent: Option<f64>,
    /// For budgeting by time slices: the length of a slice (shorthand, e.g. `1m`) and the
    /// share of it that must be good, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_slice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_slice_percent: Option<f64>,
    /// The service level indicator it is measured by (an OpenSLO SLI name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indicator: String,
}

fn rolling() -> bool {
    true
}

impl SloMeasure {
    /// "over 28d rolling, by occurrences, 99 % of events, indicator search-latency".
    pub fn describe(&self) -> String {
        let mut parts = vec![
            format!("over {} {}", self.window, if self.rolling { "rolling" } else { "calendar" }),
            format!("by {}", self.budgeting.label()),
        ];
        if let Some(p) = self.good_percent {
            parts.push(format!("{p} % of events"));
        }
        if let (Some(slice), Some(p)) = (&self.time_slice, self.time_slice_percent) {
            parts.push(format!("{p} % of each {slice} slice"));
        }
        if !self.indicator.is_empty() {
            parts.push(format!("indicator {}", self.indicator));
        }
        parts.join(", ")
    }
}

/// How an SLO's error budget is counted (OpenSLO `budgetingMethod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Budgeting {
    /// Good events out of all events.
    Occurrences,
    /// Good time slices out of all slices.
    Timeslices,
    /// Good events out of all events, counted per time slice.
    RatioTimeslices,
}

choices!(Budgeting { Occurrences = "occurrences", Timeslices = "timeslices", RatioTimeslices = "ratio_timeslices" });

impl Budgeting {
    pub fn label(self) -> &'static str {
        match self {
            Budgeting::Occurrences => "occurrences",
            Budgeting::Timeslices => "time slices",
            Budgeting::RatioTimeslices => "ratio of time slices",
        }
    }

    /// The name OpenSLO gives it.
    pub fn openslo(self) -> &'static str {
        match self {
            Budgeting::Occurrences => "Occurrences",
            Budgeting::Timeslices => "Timeslices",
            Budgeting::RatioTimeslices => "RatioTimeslices",
        }
    }
}

/// Whether `text` is an OpenSLO duration shorthand (`28d`, `1w`, `1M`).
pub fn is_slo_duration(text: &str) -> bool {
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    matches!(unit, "m" | "h" | "d" | "w" | "M" | "Q" | "Y")
        && !number.is_empty()
        && !number.starts_with('0')
        && number.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Availability,
    ResponseTime,
    ResolutionTime,
    Latency,
    Throughput,
    Rpo,
    Rto,
    Custom,
}

choices!(Metric {
    Availability = "availability",
    ResponseTime = "response_time",
    ResolutionTime = "resolution_time",
    Latency = "latency",
    Throughput = "throughput",
    Rpo = "rpo",
    Rto = "rto",
    Custom = "custom",
});

impl Metric {
    pub fn label(self) -> &'static str {
        match self {
            Metric::Availability => "availability",
            Metric::ResponseTime => "time to respond",
            Metric::ResolutionTime => "time to resolve",
            Metric::Latency => "latency",
            Metric::Throughput => "throughput",
            Metric::Rpo => "RPO",
            Metric::Rto => "RTO",
            Metric::Custom => "custom",
        }
    }

    /// Whether a higher measured value is better (availability, throughput).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Metric::Availability | Metric::Throughput)
    }

    pub fn is_time(self) -> bool {
        matches!(self, Metric::ResponseTime | Metric::ResolutionTime | Metric::Latency | Metric::Rpo | Metric::Rto)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

choices!(Priority { P1 = "P1", P2 = "P2", P3 = "P3", P4 = "P4" });

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetUnit {
    Percent,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    BusinessHours,
    Days,
    BusinessDays,
    RequestsPerSecond,
    Count,
}

choices!(TargetUnit by name {
    Percent = "percent",
    Minutes = "minutes",
    Hours = "hours",
    BusinessHours = "business_hours",
    Days = "days",
    BusinessDays = "business_days",
    Seconds = "seconds",
    Milliseconds = "milliseconds",
    RequestsPerSecond = "requests_per_second",
    Count = "count",
});

/// Not [`TimeUnit`] with more values: a duration (a fulfilment time) is only ever a time,
/// a target may be a percentage, a rate or a count; the time units are shared through
/// [`TargetUnit::time_unit`].
impl TargetUnit {
    /// The unit written after a number (`99.9 %`, `4 business h`).
    pub fn label(self) -> &'static str {
        match self {
            TargetUnit::Percent => "%",
            TargetUnit::RequestsPerSecond => "req/s",
            TargetUnit::Count => "",
            other => other.time_unit().map(TimeUnit::label).unwrap_or(""),
        }
    }

    /// `value` with the unit written after it: `99.9 %`, `1 business day`, `200`.
    pub fn amount(self, value: f64) -> String {
        match self.time_unit() {
            Some(unit) => unit.amount(value),
            None if self.label().is_empty() => value.to_string(),
            None => format!("{value} {}", self.label()),
        }
    }

    /// The unit's name, to choose it by.
    pub fn name(self) -> &'static str {
        match self {
            TargetUnit::Percent => "%",
            TargetUnit::RequestsPerSecond => "requests/s",
            TargetUnit::Count => "count",
            other => other.time_unit().map(TimeUnit::name).unwrap_or(""),
        }
    }

    pub fn time_unit(self) -> Option<TimeUnit> {
        Some(match self {
            TargetUnit::Milliseconds => TimeUnit::Milliseconds,
            TargetUnit::Seconds => TimeUnit::Seconds,
            TargetUnit::Minutes => TimeUnit::Minutes,
            TargetUnit::Hours => TimeUnit::Hours,
            TargetUnit::BusinessHours => TimeUnit::BusinessHours,
            TargetUnit::Days => TimeUnit::Days,
            TargetUnit::BusinessDays => TimeUnit::BusinessDays,
            _ => return None,
        })
    }
}
