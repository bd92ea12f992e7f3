//! The rules of scorecards.

use std::collections::HashSet;

use super::{Ctx, Validator};
use crate::model::*;

impl<'a> Validator<'a> {
    pub(super) fn scorecard(&mut self, ctx: Ctx<'a>, sc: &'a Scorecard) {
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
            let attainment = rule.check == Check::SlaAttainment;
            if rule.min.is_some_and(|m| attainment && m > 100) {
                self.report(ctx, &at("min"), "a share of incidents is at most 100 percent");
            }
            if rule.min.is_some() && !(uses_field || agreement || attainment) {
                self.report(
                    ctx,
                    &at("min"),
                    format!(
                        "only field, agreement and SLA attainment rules take a minimum; this is a {} rule",
                        rule.check.value()
                    ),
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
}
