//! What the form of each record kind shows: its fields, in order, with the input each
//! one needs. The form engine ([`super::fields`]) renders any of these over the record's
//! JSON value; keys are the model's JSON field names, so validation problems (which
//! name JSON paths) land on the right input.

use catalogue_core::model::{
    AgreementKind, ArticleKind, ArticleStatus, ChannelKind, Check, Choice as ModelChoice, Lifecycle, Metric, PartyKind,
    Priority, Raci, RecordKind, ServiceView, TargetUnit, TimeUnit, FIELD_PATHS,
};

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    /// Kept as an empty value rather than left out when cleared: the model requires it,
    /// and validation says so on the field.
    pub required: bool,
    pub input: Input,
}

pub enum Input {
    /// One line of text.
    Line,
    /// Plain text over several lines.
    Lines,
    /// Markdown, with a live preview rendered by the same sanitizer as record pages.
    Markdown,
    /// A whole number.
    Int,
    /// Any number.
    Number,
    /// One of the values the function lists (JSON value, label).
    Choice(fn() -> Vec<(&'static str, String)>),
    /// A calendar date.
    Date,
    /// An IANA time zone, from the list the validator knows.
    TimeZone,
    /// The id of a record of the kind, chosen by its name.
    Ref(RecordKind),
    /// Several ids of records of the kind, chosen by name.
    Refs(RecordKind),
    /// A list of short texts (tags, consumer groups).
    Words,
    /// Days of the week, as checkboxes.
    Days,
    /// An object of sub-fields.
    Group(&'static [Field]),
    /// A list of objects, each with the sub-fields; `template` is a new element's JSON.
    List { item: &'static str, fields: &'static [Field], template: &'static str },
}

const fn f(key: &'static str, label: &'static str, input: Input) -> Field {
    Field { key, label, help: "", required: false, input }
}

impl Field {
    const fn req(mut self) -> Field {
        self.required = true;
        self
    }
    const fn help(mut self, help: &'static str) -> Field {
        self.help = help;
        self
    }
}

use Input::*;
use RecordKind as K;

/// The values of one of the model's enums, labelled as a form offers them.
fn choices<C: ModelChoice>() -> Vec<(&'static str, String)> {
    C::ALL.iter().map(|c| (c.value(), capitalized(c.label()))).collect()
}

/// The service fields a scorecard's field rule can name.
fn field_paths() -> Vec<(&'static str, String)> {
    FIELD_PATHS.iter().map(|(path, label)| (*path, capitalized(label))).collect()
}

/// `time to respond` → `Time to respond`: labels are written for the middle of a sentence.
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

const ELEMENT: &[Field] = &[f("name", "Name", Line).req(), f("description", "Description", Lines)];
const ELEMENT_TEMPLATE: &str = r#"{"name": ""}"#;
const LINKS: Field = f(
    "links",
    "Links",
    List {
        item: "link",
        fields: &[f("title", "Title", Line).req(), f("url", "URL", Line).req().help("https://, http:// or mailto:")],
        template: r#"{"title": "", "url": "https://"}"#,
    },
);

pub const PARTY: &[Field] = &[
    f("name", "Name", Line).req(),
    f("kind", "Kind", Choice(choices::<PartyKind>)).req(),
    f("description", "Description", Lines),
    f("email", "Email", Line),
    f("phone", "Phone", Line),
    f("chat", "Chat", Line).help("Channel or handle, e.g. #network-ops"),
    f("url", "Web page", Line),
    f("member_of", "Member of teams", Refs(K::Party)).help("Only a person can be a member of a team."),
];

pub const CALENDAR: &[Field] = &[
    f("name", "Name", Line).req(),
    f("time_zone", "Time zone", TimeZone).req(),
    f("hours", "Weekly hours", List {
        item: "range",
        fields: &[f("days", "Days", Days).req(), f("start", "From", Line).req().help("HH:MM"), f("end", "Until", Line).req().help("HH:MM; earlier than From means overnight")],
        template: r#"{"days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "start": "09:00", "end": "17:00"}"#,
    })
    .req(),
    f("holidays", "Holidays (closed all day)", List { item: "holiday", fields: &[f("date", "Date", Date).req(), f("name", "Name", Line).req()], template: r#"{"date": "", "name": ""}"# }),
];

pub const SERVICE: &[Field] = &[
    f("name", "Name", Line).req(),
    f("summary", "Summary", Line).req().help("One sentence: what it is for."),
    f("view", "View", Choice(choices::<ServiceView>)).req().help("Business: customer-facing. Technical: supporting."),
    f("owner", "Owner", Ref(K::Party)).req(),
    f("lifecycle", "Lifecycle", Choice(choices::<Lifecycle>)).req(),
    f("tier", "Criticality tier", Int).req().help("1 (most critical) to 4."),
    f("family", "Family", Line).help("Service family or category, e.g. Collaboration."),
    f("tags", "Tags", Words),
    f("description", "Description", Markdown),
    f("utility", "Utility: what it does for its consumers", Words),
    f(
        "warranty",
        "Warranty: how well it does it",
        Group(&[
            f("availability", "Availability", Line),
            f("capacity", "Capacity", Line),
            f("security", "Security", Line),
            f("continuity", "Continuity", Line),
        ]),
    ),
    f(
        "support",
        "Support model",
        Group(&[
            f("calendar", "Support hours", Ref(K::Calendar)),
            f(
                "channels",
                "Channels",
                List {
                    item: "channel",
                    fields: &[
                        f("kind", "Kind", Choice(choices::<ChannelKind>)).req(),
                        f("value", "Address or number", Line).req(),
                        f("note", "Note", Line),
                    ],
                    template: r#"{"kind": "portal", "value": ""}"#,
                },
            ),
            f(
                "escalation",
                "Escalation levels",
                List {
                    item: "level",
                    fields: &[
                        f("party", "Escalate to", Ref(K::Party)).req(),
                        f("after_minutes", "After (minutes)", Int).req(),
                        f("note", "Note", Line),
                    ],
                    template: r#"{"party": "", "after_minutes": 30}"#,
                },
            ),
            f(
                "raci",
                "RACI",
                List {
                    item: "assignment",
                    fields: &[
                        f("role", "Activity or role", Line).req(),
                        f("party", "Party", Ref(K::Party)).req(),
                        f("responsibility", "Responsibility", Choice(choices::<Raci>)).req(),
                    ],
                    template: r#"{"role": "", "party": "", "responsibility": "responsible"}"#,
                },
            ),
            f("partners", "Partners involved", Refs(K::Party)),
        ]),
    ),
    f("depends_on", "Depends on", Refs(K::Service)),
    LINKS,
];

pub const OFFERING: &[Field] = &[
    f("name", "Name", Line).req(),
    f("service", "Service", Ref(K::Service)).req(),
    f("summary", "Summary", Line).req(),
    f("status", "Status", Choice(choices::<Lifecycle>)).req(),
    f("consumers", "Consumer groups", Words),
    f("goods", "Goods", List { item: "good", fields: ELEMENT, template: ELEMENT_TEMPLATE }),
    f("access", "Access to resources", List { item: "access", fields: ELEMENT, template: ELEMENT_TEMPLATE }),
    f("actions", "Service actions", List { item: "action", fields: ELEMENT, template: ELEMENT_TEMPLATE }),
    f("how_to_request", "How to request", Markdown),
    f(
        "fulfilment_time",
        "Fulfilment time",
        Group(&[f("value", "Value", Number).req(), f("unit", "Unit", Choice(choices::<TimeUnit>)).req()]),
    ),
    f(
        "price",
        "Price",
        Group(&[
            f("amount", "Amount", Number).req(),
            f("currency", "Currency", Line).req().help("ISO code, e.g. EUR"),
            f("per", "Per", Line).req().help("e.g. user and month"),
        ]),
    ),
];

pub const AGREEMENT: &[Field] = &[
    f("name", "Name", Line).req(),
    f("kind", "Kind", Choice(choices::<AgreementKind>)).req(),
    f("summary", "Summary", Line),
    f("provider", "Provider", Ref(K::Party)).req(),
    f("customer", "Customer", Ref(K::Party)).req(),
    f("services", "Services covered", Refs(K::Service)),
    f("offerings", "Offerings covered", Refs(K::Offering)),
    f("calendar", "Service hours", Ref(K::Calendar)),
    f("valid_from", "Valid from", Date).req(),
    f("valid_until", "Valid until", Date),
    f("review_by", "Review by", Date),
    f("supports", "Underpins agreements", Refs(K::Agreement))
        .help("For OLAs and underpinning contracts: the agreements they make possible."),
    f(
        "targets",
        "Targets",
        List {
            item: "target",
            fields: &[
                f("metric", "Metric", Choice(choices::<Metric>)).req(),
                f("name", "Name", Line),
                f("priority", "Priority", Choice(choices::<Priority>)),
                f("value", "Target", Number).req(),
                f("unit", "Unit", Choice(choices::<TargetUnit>)).req(),
                f("warning", "Warn at", Number),
            ],
            template: r#"{"metric": "availability", "value": 99.9, "unit": "percent"}"#,
        },
    ),
];

pub const ARTICLE: &[Field] = &[
    f("title", "Title", Line).req(),
    f("kind", "Kind", Choice(choices::<ArticleKind>)).req(),
    f("status", "Status", Choice(choices::<ArticleStatus>)).req(),
    f("summary", "Summary", Line),
    f("owner", "Owner", Ref(K::Party)).req(),
    f("services", "Services", Refs(K::Service)),
    f("tags", "Tags", Words),
    f("last_reviewed", "Last reviewed", Date),
    f("review_interval_days", "Review every (days)", Int),
    f(
        "known_error",
        "Known error",
        Group(&[
            f("symptom", "Symptom", Markdown).req(),
            f("cause", "Cause", Markdown).req(),
            f("workaround", "Workaround", Markdown).req(),
        ]),
    )
    .help("For known errors: fill all three."),
    f(
        "steps",
        "Runbook steps",
        List {
            item: "step",
            fields: &[f("title", "Title", Line).req(), f("body", "Instructions", Markdown)],
            template: r#"{"title": ""}"#,
        },
    ),
    f("body", "Body", Markdown),
];

pub const SCORECARD: &[Field] = &[
    f("name", "Name", Line).req(),
    f("summary", "Summary", Line),
    f("families", "Only these service families", Words).help("Empty: services of every family."),
    f("max_tier", "Only tiers up to", Int).help("1 (most critical) to 4; empty: every tier."),
    f("levels", "Levels, lowest first", Words)
        .req()
        .help("A service reaches a level when it passes every rule of that level and of the levels below."),
    f(
        "rules",
        "Rules",
        List {
            item: "rule",
            fields: &[
                f("level", "Level", Line).req().help("One of the levels above."),
                f("check", "Check", Choice(choices::<Check>)).req(),
                f("field", "Field", Choice(field_paths)).help("For field checks."),
                f("min", "At least", Int)
                    .help("For field checks on a list: entries needed. For agreement checks: targets needed. For SLA attainment: the percent of incidents in time (95 when empty)."),
                f("agreement_kind", "Agreement kind", Choice(choices::<AgreementKind>))
                    .help("For agreement checks; SLA when empty."),
                f("metric", "With a target for", Choice(choices::<Metric>)).help("For agreement checks."),
                f("article_kind", "Article kind", Choice(choices::<ArticleKind>))
                    .help("For article checks; any kind when empty."),
                f("title", "Title", Line).help("Empty: a title made from the check."),
                f("fix", "How to fix", Line).help("Empty: advice made from the check."),
            ],
            template: r#"{"level": "", "check": "field", "field": "description"}"#,
        },
    )
    .req(),
];

pub fn fields(kind: RecordKind) -> &'static [Field] {
    match kind {
        K::Party => PARTY,
        K::Calendar => CALENDAR,
        K::Service => SERVICE,
        K::Offering => OFFERING,
        K::Agreement => AGREEMENT,
        K::Article => ARTICLE,
        K::Scorecard => SCORECARD,
    }
}

/// A new record of the kind, before the person fills it in (id, revision and time are
/// set by the editor).
pub fn template(kind: RecordKind) -> &'static str {
    match kind {
        K::Party => r#"{"kind": "team", "name": ""}"#,
        K::Calendar => {
            r#"{"name": "", "time_zone": "Europe/Berlin", "hours": [{"days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "start": "09:00", "end": "17:00"}]}"#
        }
        K::Service => {
            r#"{"name": "", "view": "business", "owner": "", "lifecycle": "pipeline", "tier": 3, "summary": ""}"#
        }
        K::Offering => r#"{"name": "", "service": "", "status": "pipeline", "summary": ""}"#,
        K::Agreement => r#"{"kind": "sla", "name": "", "provider": "", "customer": "", "valid_from": ""}"#,
        K::Article => r#"{"kind": "how_to", "title": "", "status": "draft", "owner": ""}"#,
        K::Scorecard => {
            r#"{"name": "", "levels": ["Bronze", "Silver", "Gold"], "rules": [{"level": "Bronze", "check": "field", "field": "description"}]}"#
        }
    }
}

/// The field whose text proposes the id of a new record.
pub fn name_key(kind: RecordKind) -> &'static str {
    if kind == K::Article {
        "title"
    } else {
        "name"
    }
}
