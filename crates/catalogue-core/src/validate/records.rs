//! The rules of parties, calendars, services, offerings and articles.

use std::collections::HashSet;

use super::{looks_like_email, truncate, Ctx, Validator};
use crate::model::*;

impl<'a> Validator<'a> {
    pub(super) fn party(&mut self, ctx: Ctx<'a>, p: &'a Party) {
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

    pub(super) fn calendar(&mut self, ctx: Ctx<'a>, c: &'a Calendar) {
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

    pub(super) fn service(&mut self, ctx: Ctx<'a>, s: &'a Service) {
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

    pub(super) fn offering(&mut self, ctx: Ctx<'a>, o: &'a Offering) {
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

    pub(super) fn article(&mut self, ctx: Ctx<'a>, a: &'a Article) {
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
}
