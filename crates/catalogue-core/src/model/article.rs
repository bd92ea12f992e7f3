use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{choices, impl_record, Date, RecordKind, Timestamp};

/// A knowledge article: how-to, FAQ, known error or runbook, in Markdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub revision: u64,
    pub updated_at: Timestamp,
    pub kind: ArticleKind,
    pub title: String,
    #[serde(default)]
    pub status: ArticleStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Party responsible for keeping it current.
    pub owner: String,
    /// Services the article is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<Date>,
    /// Days between reviews; the article is overdue when `last_reviewed` plus this has passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_interval_days: Option<u32>,
    /// Required for known errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_error: Option<KnownError>,
    /// Required (non-empty) for runbooks, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<RunbookStep>,
    /// Markdown; treated as hostile and sanitized wherever it is shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}
impl_record!(Article, RecordKind::Article, title);

impl Article {
    /// The fields only an article's own page shows, by their names in the file: the
    /// app holds articles without them (on a large catalogue they are most of its size)
    /// and reads them from storage when a page needs them.
    pub const TEXTS: [&'static str; 3] = ["known_error", "steps", "body"];

    /// The article as the app holds it: without [`Article::TEXTS`].
    pub fn without_texts(self) -> Article {
        Article { known_error: None, steps: Vec::new(), body: String::new(), ..self }
    }

    /// The date the next review is due, if the article has a review schedule.
    pub fn review_due(&self) -> Option<Date> {
        let last = self.last_reviewed?;
        let days = self.review_interval_days?;
        last.checked_add(jiff::Span::new().days(i64::from(days))).ok()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    HowTo,
    Faq,
    KnownError,
    Runbook,
}

choices!(ArticleKind { HowTo = "how_to", Faq = "faq", KnownError = "known_error", Runbook = "runbook" });

impl ArticleKind {
    pub fn label(self) -> &'static str {
        match self {
            ArticleKind::HowTo => "how-to",
            ArticleKind::Faq => "FAQ",
            ArticleKind::KnownError => "known error",
            ArticleKind::Runbook => "runbook",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    #[default]
    Published,
    Archived,
}

choices!(ArticleStatus { Draft = "draft", Published = "published", Archived = "archived" });

impl ArticleStatus {
    pub fn label(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Published => "published",
            ArticleStatus::Archived => "archived",
        }
    }
}

/// Symptom, cause and workaround of a known error (Markdown each).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownError {
    pub symptom: String,
    pub cause: String,
    pub workaround: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunbookStep {
    pub title: String,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}
