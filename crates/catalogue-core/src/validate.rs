//! Validation of a whole catalogue: the same rules for imports, for the forms, and for
//! the command-line validator. Every problem names the record and the JSON path.

use std::collections::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::catalogue::{Catalogue, VERSION};
use crate::model::*;
use crate::problem::Problem;
use crate::url_policy::{is_safe_url, UrlUse};

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

    fn party(&mut self, ctx: Ctx<'a>, p: &'a Party) {
        self.line(ctx, "name", &p.name, true);
        self.markdown(ctx, "description", &p.description);
        if let Some(email) = &p.email {
            if !looks_like_email(email) {
                self.report(ctx, "email", format!("\"{}\" is not an email address", truncate(email)));
            }
        }
        if let Some(phone) = &p.phone {
            self.line(ctx, "phone", phone, true);
        }
        if let Some(chat) = &p.chat {
            self.line(ctx, "chat", chat, true);
        }
        if let Some(url) = &p.url {
            self.url(ctx, "url", url);
        }
        if !p.member_of.is_empty() && p.kind != PartyKind::Person {
            self.report(ctx, "member_of", "only a person can be a member of a team");
        }
        self.ref_list(ctx, "member_of", &p.member_of, |v, ctx, f, id| match v.ids.parties.get(id) {
            None => v.report(ctx, f, format!("unknown party \"{id}\"")),
            Some(PartyKind::Team) => {}
            Some(k) => v.report(ctx, f, format!("\"{id}\" is a {}, not a team", k.label())),
        });
    }

    fn calendar(&mut self, ctx: Ctx<'a>, c: &'a Calendar) {
        self.line(ctx, "name", &c.name, true);
        if !crate::time_zones::is_known(&c.time_zone) {
            self.report(
                ctx,
                "time_zone",
                format!("\"{}\" is not a known IANA time zone (e.g. Europe/Berlin)", truncate(&c.time_zone)),
            );
        }
        if c.hours.is_empty() {
            self.report(ctx, "hours", "a calendar needs at least one weekly range");
        }
        // Minutes of the week covered by each range, to find overlaps.
        let mut spans: Vec<(u32, u32, usize)> = Vec::new();
        for (i, r) in c.hours.iter().enumerate() {
            let f = format!("hours[{i}]");
            if r.days.is_empty() {
                self.report(ctx, &format!("{f}.days"), "name at least one day");
            }
            let mut days = HashSet::new();
            for d in &r.days {
                if !days.insert(*d) {
                    self.report(ctx, &format!("{f}.days"), format!("{} is listed twice", d.short()));
                }
            }
            let start = parse_clock(&r.start).filter(|&m| m < 1440);
            let end = parse_clock(&r.end).filter(|&m| m > 0);
            if start.is_none() {
                self.report(
                    ctx,
                    &format!("{f}.start"),
                    format!("\"{}\" is not a time of day (HH:MM, 00:00 to 23:59)", truncate(&r.start)),
                );
            }
            if end.is_none() {
                self.report(
                    ctx,
                    &format!("{f}.end"),
                    format!("\"{}\" is not a time of day (HH:MM, 00:01 to 24:00)", truncate(&r.end)),
                );
            }
            if let (Some(s), Some(e)) = (start, end) {
                if s == e {
                    self.report(ctx, &f, "start and end are the same time: the range is empty");
                    continue;
                }
                for d in days {
                    let base = (d as u32) * 1440;
                    let stop = if e > s { base + e } else { base + 1440 + e };
                    spans.push((base + s, stop, i));
                }
            }
        }
        // A range running past Sunday midnight wraps to Monday.
        const WEEK: u32 = 7 * 1440;
        let mut wrapped: Vec<(u32, u32, usize)> = Vec::new();
        for &(s, e, i) in &spans {
            if e > WEEK {
                wrapped.push((s, WEEK, i));
                wrapped.push((0, e - WEEK, i));
            } else {
                wrapped.push((s, e, i));
            }
        }
        wrapped.sort();
        let mut reported = HashSet::new();
        for w in wrapped.windows(2) {
            let ((_, e1, i1), (s2, _, i2)) = (w[0], w[1]);
            if s2 < e1 && i1 != i2 && reported.insert((i1.min(i2), i1.max(i2))) {
                self.report(ctx, &format!("hours[{}]", i1.max(i2)), format!("overlaps hours[{}]", i1.min(i2)));
            }
        }
        let mut dates = HashSet::new();
        for (i, h) in c.holidays.iter().enumerate() {
            self.line(ctx, &format!("holidays[{i}].name"), &h.name, true);
            if !dates.insert(h.date) {
                self.report(ctx, &format!("holidays[{i}].date"), format!("{} is listed twice", h.date));
            }
        }
    }

    fn service(&mut self, ctx: Ctx<'a>, s: &'a Service) {
        self.line(ctx, "name", &s.name, true);
        self.line(ctx, "summary", &s.summary, true);
        self.line(ctx, "family", &s.family, false);
        self.markdown(ctx, "description", &s.description);
        self.party_ref(ctx, "owner", &s.owner);
        if !(1..=4).contains(&s.tier) {
            self.report(ctx, "tier", format!("tier {} is out of range: use 1 (most critical) to 4", s.tier));
        }
        self.tags(ctx, &s.tags);
        for (i, u) in s.utility.iter().enumerate() {
            self.markdown(ctx, &format!("utility[{i}]"), u);
        }
        let sup = &s.support;
        if let Some(cal) = &sup.calendar {
            self.calendar_ref(ctx, "support.calendar", cal);
        }
        for (i, ch) in sup.channels.iter().enumerate() {
            self.line(ctx, &format!("support.channels[{i}].value"), &ch.value, true);
            if ch.kind == ChannelKind::Portal {
                self.url(ctx, &format!("support.channels[{i}].value"), &ch.value);
            }
        }
        let mut previous = None;
        for (i, e) in sup.escalation.iter().enumerate() {
            self.party_ref(ctx, &format!("support.escalation[{i}].party"), &e.party);
            if previous.is_some_and(|p| e.after_minutes <= p) {
                self.report(
                    ctx,
                    &format!("support.escalation[{i}].after_minutes"),
                    "each escalation level must come later than the one before",
                );
            }
            previous = Some(e.after_minutes);
        }
        for (i, r) in sup.raci.iter().enumerate() {
            self.line(ctx, &format!("support.raci[{i}].role"), &r.role, true);
            self.party_ref(ctx, &format!("support.raci[{i}].party"), &r.party);
        }
        self.ref_list(ctx, "support.partners", &sup.partners, Self::party_ref);
        self.ref_list(ctx, "depends_on", &s.depends_on, Self::service_ref);
        if s.depends_on.iter().any(|d| d == &s.id) {
            self.report(ctx, "depends_on", "a service cannot depend on itself");
        }
        for (i, l) in s.links.iter().enumerate() {
            self.line(ctx, &format!("links[{i}].title"), &l.title, true);
            self.url(ctx, &format!("links[{i}].url"), &l.url);
        }
    }

    fn offering(&mut self, ctx: Ctx<'a>, o: &'a Offering) {
        self.line(ctx, "name", &o.name, true);
        self.line(ctx, "summary", &o.summary, true);
        self.service_ref(ctx, "service", &o.service);
        for (i, c) in o.consumers.iter().enumerate() {
            self.line(ctx, &format!("consumers[{i}]"), c, true);
        }
        if o.goods.is_empty() && o.access.is_empty() && o.actions.is_empty() {
            self.report(
                ctx,
                "",
                "an offering needs at least one element: goods, access to resources or a service action",
            );
        }
        for (field, list) in [("goods", &o.goods), ("access", &o.access), ("actions", &o.actions)] {
            for (i, e) in list.iter().enumerate() {
                self.line(ctx, &format!("{field}[{i}].name"), &e.name, true);
                self.markdown(ctx, &format!("{field}[{i}].description"), &e.description);
            }
        }
        self.markdown(ctx, "how_to_request", &o.how_to_request);
        if let Some(d) = &o.fulfilment_time {
            if !(d.value.is_finite() && d.value > 0.0) {
                self.report(ctx, "fulfilment_time.value", "must be a positive number");
            }
        }
        if let Some(p) = &o.price {
            if !(p.amount.is_finite() && p.amount >= 0.0) {
                self.report(ctx, "price.amount", "must be zero or a positive number");
            }
            if !(p.currency.len() == 3 && p.currency.bytes().all(|b| b.is_ascii_uppercase())) {
                self.report(
                    ctx,
                    "price.currency",
                    format!("\"{}\" is not an ISO 4217 currency code (e.g. EUR)", truncate(&p.currency)),
                );
            }
            self.line(ctx, "price.per", &p.per, true);
        }
    }

    fn agreement(&mut self, ctx: Ctx<'a>, a: &'a Agreement) {
        self.line(ctx, "name", &a.name, true);
        self.line(ctx, "summary", &a.summary, false);
        self.party_ref(ctx, "provider", &a.provider);
        self.party_ref(ctx, "customer", &a.customer);
        self.ref_list(ctx, "services", &a.services, Self::service_ref);
        self.ref_list(ctx, "offerings", &a.offerings, |v, ctx, f, id| {
            if !v.ids.offerings.contains(id) {
                v.report(ctx, f, format!("unknown offering \"{id}\""));
            }
        });
        if a.services.is_empty() && a.offerings.is_empty() {
            self.report(ctx, "services", "an agreement must cover at least one service or offering");
        }
        if let Some(cal) = &a.calendar {
            self.calendar_ref(ctx, "calendar", cal);
        }
        if let Some(until) = a.valid_until {
            if until < a.valid_from {
                self.report(ctx, "valid_until", format!("ends ({until}) before it starts ({})", a.valid_from));
            }
        }
        if a.kind == AgreementKind::Sla && !a.supports.is_empty() {
            self.report(
                ctx,
                "supports",
                "an SLA does not underpin other agreements; use an OLA or an underpinning contract",
            );
        }
        self.ref_list(ctx, "supports", &a.supports, |v, ctx, f, id| {
            if id == ctx.id {
                v.report(ctx, f, "an agreement cannot underpin itself");
            } else if !v.ids.agreements.contains_key(id) {
                v.report(ctx, f, format!("unknown agreement \"{id}\""));
            }
        });
        let mut seen = HashSet::new();
        for (i, t) in a.targets.iter().enumerate() {
            self.target(ctx, &format!("targets[{i}]"), t);
            if !seen.insert((t.metric, t.priority, t.name.as_str())) {
                self.report(
                    ctx,
                    &format!("targets[{i}]"),
                    format!(
                        "a {} target{} is already defined",
                        t.metric.label(),
                        t.priority.map(|p| format!(" for {}", p.label())).unwrap_or_default()
                    ),
                );
            }
        }
    }

    fn target(&mut self, ctx: Ctx, f: &str, t: &Target) {
        if t.metric == Metric::Custom {
            self.line(ctx, &format!("{f}.name"), &t.name, true);
        }
        if t.priority.is_some() && !matches!(t.metric, Metric::ResponseTime | Metric::ResolutionTime) {
            self.report(
                ctx,
                &format!("{f}.priority"),
                "a priority applies only to time to respond and time to resolve",
            );
        }
        if !t.value.is_finite() {
            self.report(ctx, &format!("{f}.value"), "must be a number");
            return;
        }
        let value_path = format!("{f}.value");
        match t.metric {
            Metric::Availability => {
                if t.unit != TargetUnit::Percent {
                    self.report(ctx, &format!("{f}.unit"), "availability is measured in percent");
                }
                if !(t.value > 0.0 && t.value <= 100.0) {
                    self.report(
                        ctx,
                        &value_path,
                        format!("availability {} is out of range: it must be above 0 and at most 100", t.value),
                    );
                }
            }
            m if m.is_time() => {
                if t.unit.time_unit().is_none() {
                    self.report(ctx, &format!("{f}.unit"), format!("{} is measured in a unit of time", m.label()));
                }
                if t.value <= 0.0 {
                    self.report(ctx, &value_path, format!("{} must be a positive time", m.label()));
                }
            }
            _ => {
                if t.value <= 0.0 {
                    self.report(ctx, &value_path, "must be a positive number");
                }
            }
        }
        if let Some(w) = t.warning {
            let wf = format!("{f}.warning");
            if !w.is_finite() {
                self.report(ctx, &wf, "must be a number");
            } else if t.metric.higher_is_better() {
                if w <= t.value || (t.metric == Metric::Availability && w > 100.0) {
                    self.report(
                        ctx,
                        &wf,
                        format!(
                            "the warning level must be better than the target: above {}{}",
                            t.value,
                            if t.metric == Metric::Availability { " and at most 100" } else { "" }
                        ),
                    );
                }
            } else if w <= 0.0 || w >= t.value {
                self.report(
                    ctx,
                    &wf,
                    format!("the warning level must come before the target is breached: between 0 and {}", t.value),
                );
            }
        }
    }

    fn article(&mut self, ctx: Ctx<'a>, a: &'a Article) {
        self.line(ctx, "title", &a.title, true);
        self.line(ctx, "summary", &a.summary, false);
        self.party_ref(ctx, "owner", &a.owner);
        self.ref_list(ctx, "services", &a.services, Self::service_ref);
        self.tags(ctx, &a.tags);
        if a.review_interval_days == Some(0) {
            self.report(ctx, "review_interval_days", "must be at least 1 day");
        }
        self.markdown(ctx, "body", &a.body);
        match (&a.kind, &a.known_error) {
            (ArticleKind::KnownError, None) => {
                self.report(ctx, "known_error", "a known error needs its symptom, cause and workaround")
            }
            (ArticleKind::KnownError, Some(k)) => {
                for (field, text) in [("symptom", &k.symptom), ("cause", &k.cause), ("workaround", &k.workaround)] {
                    if text.trim().is_empty() {
                        self.report(ctx, &format!("known_error.{field}"), "is required");
                    }
                    self.markdown(ctx, &format!("known_error.{field}"), text);
                }
            }
            (_, Some(_)) => self.report(
                ctx,
                "known_error",
                format!("only known-error articles have this section; this is a {}", a.kind.label()),
            ),
            (_, None) => {}
        }
        if a.kind == ArticleKind::Runbook && a.steps.is_empty() {
            self.report(ctx, "steps", "a runbook needs at least one step");
        }
        for (i, s) in a.steps.iter().enumerate() {
            self.line(ctx, &format!("steps[{i}].title"), &s.title, true);
            self.markdown(ctx, &format!("steps[{i}].body"), &s.body);
        }
    }

    fn scorecard(&mut self, ctx: Ctx<'a>, sc: &'a Scorecard) {
        self.line(ctx, "name", &sc.name, true);
        self.line(ctx, "summary", &sc.summary, false);
        self.tags(ctx, &sc.families);
        if sc.max_tier.is_some_and(|t| !(1..=4).contains(&t)) {
            self.report(ctx, "max_tier", "must be a tier from 1 to 4");
        }
        if sc.levels.is_empty() {
            self.report(ctx, "levels", "a scorecard needs at least one level");
        }
        let mut seen = HashSet::new();
        for (i, level) in sc.levels.iter().enumerate() {
            self.line(ctx, &format!("levels[{i}]"), level, true);
            if !seen.insert(level.trim()) {
                self.report(ctx, &format!("levels[{i}]"), format!("level \"{level}\" is listed twice"));
            }
        }
        for (i, rule) in sc.rules.iter().enumerate() {
            let at = |field: &str| format!("rules[{i}].{field}");
            if !sc.levels.contains(&rule.level) {
                self.report(
                    ctx,
                    &at("level"),
                    format!("\"{}\" is not one of the levels ({})", rule.level, sc.levels.join(", ")),
                );
            }
            self.line(ctx, &at("title"), &rule.title, false);
            self.line(ctx, &at("fix"), &rule.fix, false);
            let uses_field = rule.check == Check::Field;
            if uses_field && !FIELD_PATHS.iter().any(|(p, _)| *p == rule.field) {
                let known: Vec<&str> = FIELD_PATHS.iter().map(|(p, _)| *p).collect();
                self.report(
                    ctx,
                    &at("field"),
                    format!("a field rule needs one of these service fields: {}", known.join(", ")),
                );
            } else if !uses_field && !rule.field.is_empty() {
                self.report(
                    ctx,
                    &at("field"),
                    format!("only field rules name a field; this is a {} rule", rule.check.value()),
                );
            }
            let agreement = rule.check == Check::Agreement;
            if rule.min.is_some() && !(uses_field || agreement) {
                self.report(
                    ctx,
                    &at("min"),
                    format!("only field and agreement rules take a minimum; this is a {} rule", rule.check.value()),
                );
            }
            if !agreement && (rule.agreement_kind.is_some() || rule.metric.is_some()) {
                self.report(ctx, &at("check"), "an agreement kind or metric only applies to agreement rules");
            }
            if rule.check != Check::Article && rule.article_kind.is_some() {
                self.report(ctx, &at("article_kind"), "an article kind only applies to article rules");
            }
        }
    }

    /// Reports every dependency cycle once, naming the services in it.
    fn dependency_cycles(&mut self) {
        let services = &self.cat.services;
        let index: HashMap<&str, usize> = services.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let mut graph = DiGraph::<usize, ()>::new();
        let nodes: Vec<NodeIndex> = (0..services.len()).map(|i| graph.add_node(i)).collect();
        for (i, s) in services.iter().enumerate() {
            for d in &s.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    if i != j {
                        graph.add_edge(nodes[i], nodes[j], ());
                    }
                }
            }
        }
        for scc in petgraph::algo::tarjan_scc(&graph) {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
            members.sort();
            let first = members[0];
            let cycle = cycle_through(services, &index, &members, first);
            let s = &services[first];
            let ctx = Ctx { kind: RecordKind::Service, id: &s.id, index: first };
            self.report(ctx, "depends_on", format!("dependency cycle: {}", cycle.join(" → ")));
        }
    }
}

/// A path of ids from `start` back to itself, staying inside one strongly connected set.
fn cycle_through(services: &[Service], index: &HashMap<&str, usize>, members: &[usize], start: usize) -> Vec<String> {
    let inside: HashSet<usize> = members.iter().copied().collect();
    // Breadth-first search for the shortest way back to `start`.
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for d in &services[at].depends_on {
            let Some(&next) = index.get(d.as_str()) else { continue };
            if !inside.contains(&next) {
                continue;
            }
            if next == start {
                let mut back = vec![at];
                while *back.last().unwrap() != start {
                    back.push(came_from[back.last().unwrap()]);
                }
                back.reverse();
                back.push(start);
                return back.into_iter().map(|i| services[i].id.clone()).collect();
            }
            if next != start && !came_from.contains_key(&next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    vec![services[start].id.clone()]
}

fn looks_like_email(s: &str) -> bool {
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
