//! The rules of agreements and their targets.

use std::collections::HashSet;

use super::{truncate, Ctx, Validator};
use crate::model::*;

impl<'a> Validator<'a> {
    pub(super) fn agreement(&mut self, ctx: Ctx<'a>, a: &'a Agreement) {
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
        if let Some(slo) = &t.slo {
            if !is_slo_duration(&slo.window) {
                self.report(
                    ctx,
                    &format!("{f}.slo.window"),
                    format!("\"{}\" is not a window such as 28d, 1w or 1M", truncate(&slo.window)),
                );
            }
            if let Some(slice) = slo.time_slice.as_deref().filter(|s| !is_slo_duration(s)) {
                self.report(
                    ctx,
                    &format!("{f}.slo.time_slice"),
                    format!("\"{}\" is not a length such as 1m or 5m", truncate(slice)),
                );
            }
            for (name, share) in [("good_percent", slo.good_percent), ("time_slice_percent", slo.time_slice_percent)] {
                if share.is_some_and(|p| !(p > 0.0 && p <= 100.0)) {
                    self.report(ctx, &format!("{f}.slo.{name}"), "must be above 0 and at most 100");
                }
            }
        }
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
}
