//! Validation of a whole catalogue: the same rules for imports, for the forms, and for
//! the command-line validator. Every problem names the record and the JSON path.
//!
//! Here: what every record has (id, revision, uniqueness) and the checks fields of
//! every kind share (lines, Markdown, references, links, tags); each kind's own rules are
//! in `records` (parties, calendars, services, offerings, articles), `agreement` and
//! `scorecard`; `cycles` finds dependency cycles between services.

use std::collections::{HashMap, HashSet};

use crate::catalogue::{Catalogue, VERSION};
use crate::model::*;
use crate::problem::Problem;
use crate::url_policy::{is_safe_url, UrlUse};

mod agreement;
mod cycles;
mod records;
mod scorecard;

/// Longest accepted name, title or summary, in characters.
pub const MAX_LINE: usize = 300;
/// Longest accepted Markdown text, in bytes.
pub const MAX_MARKDOWN: usize = 512 * 1024;
/// Longest accepted id.
pub const MAX_ID: usize = 64;

/// Whether `id` is a valid record id: lowercase letters and digits in words joined by
/// single hyphens (`payroll-api`), at most [`MAX_ID`] long.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Every problem in the catalogue, in document order. Empty means valid.
pub fn validate(cat: &Catalogue) -> Vec<Problem> {
    let mut v = Validator { cat, problems: Vec::new(), ids: Ids::new(cat) };
    v.document();
    v.problems
}

/// The ids of every kind, for reference checks.
struct Ids<'a> {
    parties: HashMap<&'a str, PartyKind>,
    calendars: HashSet<&'a str>,
    services: HashSet<&'a str>,
    offerings: HashSet<&'a str>,
    agreements: HashMap<&'a str, AgreementKind>,
}

impl<'a> Ids<'a> {
    fn new(cat: &'a Catalogue) -> Self {
        Ids {
            parties: cat.parties.iter().map(|p| (p.id.as_str(), p.kind)).collect(),
            calendars: cat.calendars.iter().map(|c| c.id.as_str()).collect(),
            services: cat.services.iter().map(|s| s.id.as_str()).collect(),
            offerings: cat.offerings.iter().map(|o| o.id.as_str()).collect(),
            agreements: cat.agreements.iter().map(|a| (a.id.as_str(), a.kind)).collect(),
        }
    }
}

struct Validator<'a> {
    cat: &'a Catalogue,
    problems: Vec<Problem>,
    ids: Ids<'a>,
}

/// The record being checked: where problems are reported.
#[derive(Clone, Copy)]
struct Ctx<'r> {
    kind: RecordKind,
    id: &'r str,
    index: usize,
}

impl Ctx<'_> {
    fn path(&self, field: &str) -> String {
        if field.is_empty() {
            format!("{}[{}]", self.kind.collection(), self.index)
        } else {
            format!("{}[{}].{}", self.kind.collection(), self.index, field)
        }
    }
}

impl<'a> Validator<'a> {
    fn report(&mut self, ctx: Ctx, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(ctx.path(field), message).in_record(ctx.kind, ctx.id));
    }

    fn document(&mut self) {
        let cat = self.cat;
        if cat.version != VERSION {
            self.problems.push(Problem::new(
                "version",
                format!("version {} is not supported; this app reads version {VERSION}", cat.version),
            ));
        }
        if cat.catalogue.name.trim().is_empty() {
            self.problems.push(Problem::new("catalogue.name", "the catalogue needs a name"));
        }
        self.records(&cat.parties, Self::party);
        self.records(&cat.calendars, Self::calendar);
        self.records(&cat.services, Self::service);
        self.records(&cat.offerings, Self::offering);
        self.records(&cat.agreements, Self::agreement);
        self.records(&cat.articles, Self::article);
        self.records(&cat.scorecards, Self::scorecard);
        self.dependency_cycles();
    }

    /// Checks what every record has (id, revision, uniqueness), then its own rules.
    fn records<T: Record>(&mut self, list: &'a [T], check: fn(&mut Self, Ctx<'a>, &'a T)) {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (index, rec) in list.iter().enumerate() {
            let ctx = Ctx { kind: T::KIND, id: rec.id(), index };
            if !is_valid_id(rec.id()) {
                self.report(ctx, "id", format!("\"{}\" is not a valid id: use lowercase letters, digits and single hyphens, at most {MAX_ID} characters", rec.id()));
            }
            if let Some(first) = first_seen.insert(rec.id(), index) {
                first_seen.insert(rec.id(), first);
                self.report(
                    ctx,
                    "id",
                    format!("duplicate id \"{}\": {}[{first}] has the same id", rec.id(), T::KIND.collection()),
                );
            }
            if rec.revision() == 0 {
                self.report(ctx, "revision", "revision starts at 1");
            }
            check(self, ctx, rec);
        }
    }

    fn line(&mut self, ctx: Ctx, field: &str, text: &str, required: bool) {
        if required && text.trim().is_empty() {
            self.report(ctx, field, "is required");
        } else if text.chars().count() > MAX_LINE {
            self.report(ctx, field, format!("is too long ({} characters, at most {MAX_LINE})", text.chars().count()));
        } else if text.chars().any(|c| c.is_control()) {
            self.report(ctx, field, "must be a single line without control characters");
        }
    }

    fn markdown(&mut self, ctx: Ctx, field: &str, text: &str) {
        if text.len() > MAX_MARKDOWN {
            self.report(ctx, field, format!("is too long ({} bytes, at most {MAX_MARKDOWN})", text.len()));
        }
    }

    fn party_ref(&mut self, ctx: Ctx, field: &str, id: &str) {
        if !self.ids.parties.contains_key(id) {
            self.report(ctx, field, format!("unknown party \"{id}\""));
        }
    }

    fn service_ref(&mut self, ctx: Ctx, field: &str, id: &str) {
        if !self.ids.services.contains(id) {
            self.report(ctx, field, format!("unknown service \"{id}\""));
        }
    }

    fn calendar_ref(&mut self, ctx: Ctx, field: &str, id: &str) {
        if !self.ids.calendars.contains(id) {
            self.report(ctx, field, format!("unknown calendar \"{id}\""));
        }
    }

    /// Each entry of a list of references checked by `check`, plus no entry twice.
    fn ref_list(&mut self, ctx: Ctx, field: &str, ids: &[String], check: fn(&mut Self, Ctx, &str, &str)) {
        let mut seen = HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            let f = format!("{field}[{i}]");
            if !seen.insert(id.as_str()) {
                self.report(ctx, &f, format!("\"{id}\" is listed twice"));
            }
            check(self, ctx, &f, id);
        }
    }

    fn url(&mut self, ctx: Ctx, field: &str, url: &str) {
        if !is_safe_url(url, UrlUse::RecordField) {
            self.report(
                ctx,
                field,
                format!("\"{}\" is not an allowed link: use an https, http or mailto URL", truncate(url)),
            );
        }
    }

    fn tags(&mut self, ctx: Ctx, tags: &[String]) {
        let mut seen = HashSet::new();
        for (i, t) in tags.iter().enumerate() {
            let f = format!("tags[{i}]");
            self.line(ctx, &f, t, true);
            if !seen.insert(t.to_lowercase()) {
                self.report(ctx, &f, format!("tag \"{}\" is listed twice", truncate(t)));
            }
        }
    }
}

pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

/// Shortens hostile or huge values quoted back in messages.
fn truncate(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
