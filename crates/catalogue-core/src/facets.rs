//! Facets: narrowing a list of records by their attributes, with counts.
//!
//! Values of one facet are alternatives (tier 1 *or* tier 2); different facets must all
//! hold (tier 1 *and* business view). A facet only some kinds have (view is a service
//! attribute) keeps only records of those kinds once it is chosen. The count shown next
//! to a value is how many records would be listed if that value were added to the
//! current choice, as in every faceted search people know.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::RecordKind;
use crate::search::DocKey;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Kind,
    View,
    Lifecycle,
    Tier,
    Family,
    Owner,
    Tag,
    ArticleKind,
    AgreementKind,
}

impl Facet {
    pub const ALL: [Facet; 9] = [
        Facet::Kind,
        Facet::View,
        Facet::Lifecycle,
        Facet::Tier,
        Facet::Family,
        Facet::Owner,
        Facet::Tag,
        Facet::ArticleKind,
        Facet::AgreementKind,
    ];

    /// The URL query parameter of the facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::View => "view",
            Facet::Lifecycle => "lifecycle",
            Facet::Tier => "tier",
            Facet::Family => "family",
            Facet::Owner => "owner",
            Facet::Tag => "tag",
            Facet::ArticleKind => "article_kind",
            Facet::AgreementKind => "agreement_kind",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Kind => "Type",
            Facet::View => "View",
            Facet::Lifecycle => "Lifecycle",
            Facet::Tier => "Tier",
            Facet::Family => "Family",
            Facet::Owner => "Owner",
            Facet::Tag => "Tag",
            Facet::ArticleKind => "Article kind",
            Facet::AgreementKind => "Agreement kind",
        }
    }
}

/// The chosen values, per facet.
pub type Selection = BTreeMap<Facet, BTreeSet<String>>;

/// A record's values for every facet it has. Owners are party ids; the other values are
/// the labels shown.
pub fn values_of(cat: &Catalogue, lookup: &Lookup, key: &DocKey) -> Vec<(Facet, String)> {
    let mut v = vec![(Facet::Kind, key.kind.label().to_owned())];
    match key.kind {
        RecordKind::Service => {
            if let Some(s) = lookup.service.get(&key.id).map(|&i| &cat.services[i]) {
                v.push((Facet::View, s.view.label().to_owned()));
                v.push((Facet::Lifecycle, s.lifecycle.label().to_owned()));
                v.push((Facet::Tier, s.tier.to_string()));
                if !s.family.is_empty() {
                    v.push((Facet::Family, s.family.clone()));
                }
                v.push((Facet::Owner, s.owner.clone()));
                v.extend(s.tags.iter().map(|t| (Facet::Tag, t.clone())));
            }
        }
        RecordKind::Offering => {
            if let Some(o) = lookup.offering.get(&key.id).map(|&i| &cat.offerings[i]) {
                v.push((Facet::Lifecycle, o.status.label().to_owned()));
            }
        }
        RecordKind::Agreement => {
            if let Some(a) = lookup.agreement.get(&key.id).map(|&i| &cat.agreements[i]) {
                v.push((Facet::AgreementKind, a.kind.label().to_owned()));
                v.push((Facet::Owner, a.provider.clone()));
            }
        }
        RecordKind::Article => {
            if let Some(a) = lookup.article.get(&key.id).map(|&i| &cat.articles[i]) {
                v.push((Facet::ArticleKind, a.kind.label().to_owned()));
                v.push((Facet::Owner, a.owner.clone()));
                v.extend(a.tags.iter().map(|t| (Facet::Tag, t.clone())));
            }
        }
        RecordKind::Party | RecordKind::Calendar | RecordKind::Scorecard => {}
    }
    v
}

/// The records of `keys` (order kept) that match `selection`, and for every facet the
/// values with their counts, most frequent first.
pub fn narrow(cat: &Catalogue, lookup: &Lookup, keys: &[DocKey], selection: &Selection) -> (Vec<usize>, BTreeMap<Facet, Vec<(String, usize)>>) {
    let mut kept = Vec::new();
    let mut counts: BTreeMap<Facet, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        let values = values_of(cat, lookup, key);
        let failing: Vec<Facet> = selection
            .iter()
            .filter(|(_, chosen)| !chosen.is_empty())
            .filter(|(f, chosen)| !values.iter().any(|(vf, v)| vf == *f && chosen.contains(v)))
            .map(|(f, _)| *f)
            .collect();
        match failing.as_slice() {
            [] => {
                kept.push(i);
                for (f, v) in values {
                    *counts.entry(f).or_default().entry(v).or_default() += 1;
                }
            }
            // Fails only this facet: it would be listed if one of its values were chosen.
            [only] => {
                for (f, v) in values.into_iter().filter(|(f, _)| f == only) {
                    *counts.entry(f).or_default().entry(v).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    let counts = counts
        .into_iter()
        .map(|(f, m)| {
            let mut list: Vec<(String, usize)> = m.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (f, list)
        })
        .collect();
    (kept, counts)
}

/// Every searchable record, as keys: what a search with no words lists.
pub fn all_keys(cat: &Catalogue) -> Vec<DocKey> {
    fn keys<R: crate::model::Record>(list: &[R]) -> impl Iterator<Item = DocKey> + '_ {
        list.iter().map(|r| DocKey { kind: R::KIND, id: r.id().to_owned() })
    }
    let mut out = Vec::new();
    out.extend(keys(&cat.services));
    out.extend(keys(&cat.offerings));
    out.extend(keys(&cat.agreements));
    out.extend(keys(&cat.articles));
    out.extend(keys(&cat.parties));
    out
}
