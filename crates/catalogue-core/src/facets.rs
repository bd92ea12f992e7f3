//! Facets: narrowing a list of records by their attributes, with counts.
//!
//! Values of one facet are alternatives (tier 1 *or* tier 2); different facets must all
//! hold (tier 1 *and* business view). A facet only some kinds have (view is a service
//! attribute) keeps only records of those kinds once it is chosen. The count shown next
//! to a value is how many records would be listed if that value were added to the
//! current choice, as in every faceted search people know.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::catalogue::Catalogue;
use crate::lookup::Lookup;
use crate::model::RecordKind;
use crate::search::DocKey;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

/// What narrowing gives: the positions of the records kept, and per facet its values
/// with their counts, most frequent first.
pub type Narrowed = (Vec<usize>, BTreeMap<Facet, Vec<(String, usize)>>);

/// Calls `value` with each of a record's facet values (owners are party ids; the other
/// values are the labels shown), borrowed from the catalogue: narrowing runs on every
/// keystroke over every hit, so nothing is copied that need not be.
fn each_value<'a>(cat: &'a Catalogue, lookup: &Lookup, key: &DocKey, mut value: impl FnMut(Facet, Cow<'a, str>)) {
    value(Facet::Kind, Cow::Borrowed(key.kind.label()));
    match key.kind {
        RecordKind::Service => {
            if let Some(s) = lookup.service.get(&key.id).map(|&i| &cat.services[i]) {
                value(Facet::View, Cow::Borrowed(s.view.label()));
                value(Facet::Lifecycle, Cow::Borrowed(s.lifecycle.label()));
                value(Facet::Tier, Cow::Owned(s.tier.to_string()));
                if !s.family.is_empty() {
                    value(Facet::Family, Cow::Borrowed(&s.family));
                }
                value(Facet::Owner, Cow::Borrowed(&s.owner));
                s.tags.iter().for_each(|t| value(Facet::Tag, Cow::Borrowed(t)));
            }
        }
        RecordKind::Offering => {
            if let Some(o) = lookup.offering.get(&key.id).map(|&i| &cat.offerings[i]) {
                value(Facet::Lifecycle, Cow::Borrowed(o.status.label()));
            }
        }
        RecordKind::Agreement => {
            if let Some(a) = lookup.agreement.get(&key.id).map(|&i| &cat.agreements[i]) {
                value(Facet::AgreementKind, Cow::Borrowed(a.kind.label()));
                value(Facet::Owner, Cow::Borrowed(&a.provider));
            }
        }
        RecordKind::Article => {
            if let Some(a) = lookup.article.get(&key.id).map(|&i| &cat.articles[i]) {
                value(Facet::ArticleKind, Cow::Borrowed(a.kind.label()));
                value(Facet::Owner, Cow::Borrowed(&a.owner));
                a.tags.iter().for_each(|t| value(Facet::Tag, Cow::Borrowed(t)));
            }
        }
        RecordKind::Party | RecordKind::Calendar | RecordKind::Scorecard => {}
    }
}

/// Every searchable record's facet values as numbers, built once per catalogue: search
/// narrows tens of thousands of hits on every keystroke, and counting numbers in an
/// array is what keeps that within a frame (copying or hashing each value of each hit
/// took ten times longer on 100,000 records).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FacetTable {
    /// Record → its row. Stored as the records in row order, so that a table is always
    /// written the same way.
    #[serde(with = "rows_in_order")]
    rows: foldhash::HashMap<DocKey, u32>,
    /// Row → its value numbers: `values[starts[row]..starts[row + 1]]`.
    starts: Vec<u32>,
    values: Vec<u32>,
    /// Value number → facet and value.
    names: Vec<(Facet, String)>,
}

mod rows_in_order {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::DocKey;

    pub fn serialize<S: Serializer>(rows: &foldhash::HashMap<DocKey, u32>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut keys = vec![None; rows.len()];
        for (key, &row) in rows {
            keys[row as usize] = Some(key);
        }
        // Rows are numbered 0, 1, 2… as records are added, so none is missing.
        keys.into_iter().map(|k| k.expect("rows are numbered without gaps")).collect::<Vec<_>>().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<foldhash::HashMap<DocKey, u32>, D::Error> {
        let keys = Vec::<DocKey>::deserialize(deserializer)?;
        Ok(keys.into_iter().enumerate().map(|(row, key)| (key, row as u32)).collect())
    }
}

impl FacetTable {
    pub fn build(cat: &Catalogue, lookup: &Lookup) -> FacetTable {
        let mut table = FacetTable { starts: vec![0], ..FacetTable::default() };
        let mut numbers: HashMap<(Facet, Cow<str>), u32> = HashMap::new();
        for key in all_keys(cat) {
            each_value(cat, lookup, &key, |f, v| {
                let next = table.names.len() as u32;
                let n = *numbers.entry((f, v)).or_insert_with_key(|(f, v)| {
                    table.names.push((*f, v.to_string()));
                    next
                });
                table.values.push(n);
            });
            table.starts.push(table.values.len() as u32);
            table.rows.insert(key, table.rows.len() as u32);
        }
        table
    }

    /// The row of a record, for [`FacetTable::narrow_rows`].
    pub fn row(&self, key: &DocKey) -> Option<u32> {
        self.rows.get(key).copied()
    }

    /// The records of `keys` (order kept) that match `selection`, and for every facet the
    /// values with their counts, most frequent first. A record that fails one facet only
    /// counts for that facet: choosing one of its values there would list it.
    pub fn narrow(&self, keys: &[DocKey], selection: &Selection) -> Narrowed {
        self.narrow_rows(keys.iter().map(|k| self.row(k)), selection)
    }

    /// [`FacetTable::narrow`] for records given by their rows (`None`: a record not in
    /// the table, never kept). A search maps its hits to rows once per index, so that
    /// no keystroke hashes a key.
    pub fn narrow_rows(&self, rows: impl IntoIterator<Item = Option<u32>>, selection: &Selection) -> Narrowed {
        let chosen: Vec<(Facet, Vec<u32>)> = selection
            .iter()
            .filter(|(_, values)| !values.is_empty())
            .map(|(f, values)| {
                (
                    *f,
                    self.names
                        .iter()
                        .enumerate()
                        .filter(|(_, (nf, v))| nf == f && values.contains(v))
                        .map(|(n, _)| n as u32)
                        .collect(),
                )
            })
            .collect();
        let mut kept = Vec::new();
        let mut counts = vec![0usize; self.names.len()];
        for (i, row) in rows.into_iter().enumerate() {
            let Some(row) = row else { continue };
            let values = &self.values[self.starts[row as usize] as usize..self.starts[row as usize + 1] as usize];
            let mut failing =
                chosen.iter().filter(|(_, wanted)| !values.iter().any(|v| wanted.contains(v))).map(|(f, _)| *f);
            match (failing.next(), failing.next()) {
                (None, _) => {
                    kept.push(i);
                    values.iter().for_each(|&v| counts[v as usize] += 1);
                }
                (Some(only), None) => {
                    values.iter().filter(|&&v| self.names[v as usize].0 == only).for_each(|&v| counts[v as usize] += 1)
                }
                _ => {}
            }
        }
        let mut by_facet: BTreeMap<Facet, Vec<(String, usize)>> = BTreeMap::new();
        for (n, count) in counts.into_iter().enumerate().filter(|(_, c)| *c > 0) {
            let (f, v) = &self.names[n];
            by_facet.entry(*f).or_default().push((v.clone(), count));
        }
        for list in by_facet.values_mut() {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        (kept, by_facet)
    }
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
