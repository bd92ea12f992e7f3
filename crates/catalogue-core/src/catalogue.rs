//! The whole catalogue: metadata plus one list per record kind. This is also the
//! file format (see [`crate::file`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::*;

/// The `format` tag every catalogue file carries.
pub const FORMAT: &str = "service-catalogue";
/// The file format version this code reads and writes.
pub const VERSION: u32 = 1;
/// Default `$schema` reference: the schema is served beside `catalogue.json`.
pub const SCHEMA_REF: &str = "catalogue.schema.json";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Service catalogue", description = "A service catalogue file, format version 1.")]
pub struct Catalogue {
    #[serde(rename = "$schema", default = "default_schema_ref")]
    pub schema: String,
    pub format: FormatTag,
    /// Must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    pub catalogue: CatalogueMeta,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub calendars: Vec<Calendar>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub offerings: Vec<Offering>,
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Left out of a file when empty, so files from before scorecards export unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scorecards: Vec<Scorecard>,
}

fn default_schema_ref() -> String {
    SCHEMA_REF.to_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FormatTag {
    #[serde(rename = "service-catalogue")]
    ServiceCatalogue,
}

/// Who publishes the catalogue, and which published revision this is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueMeta {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    /// Published revision: increases with every published version of the file.
    #[serde(default)]
    pub revision: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<Timestamp>,
}

impl Catalogue {
    /// An empty catalogue with the given name.
    pub fn empty(name: &str) -> Catalogue {
        Catalogue {
            schema: default_schema_ref(),
            format: FormatTag::ServiceCatalogue,
            version: VERSION,
            catalogue: CatalogueMeta {
                name: name.to_owned(),
                description: String::new(),
                publisher: String::new(),
                revision: 0,
                published_at: None,
            },
            parties: Vec::new(),
            calendars: Vec::new(),
            services: Vec::new(),
            offerings: Vec::new(),
            agreements: Vec::new(),
            articles: Vec::new(),
            scorecards: Vec::new(),
        }
    }

    /// Number of records of every kind together.
    pub fn len(&self) -> usize {
        self.parties.len()
            + self.calendars.len()
            + self.services.len()
            + self.offerings.len()
            + self.agreements.len()
            + self.articles.len()
            + self.scorecards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The catalogue as the app holds it: its articles without their texts
    /// ([`Article::TEXTS`]).
    pub fn without_article_texts(self) -> Catalogue {
        Catalogue { articles: self.articles.into_iter().map(Article::without_texts).collect(), ..self }
    }

    /// Sorts every list by id: the canonical record order.
    pub fn sort(&mut self) {
        // Every kind is put in order through one sort, of (id, position) pairs: a
        // `sort_by` per record type made seven copies of the standard library's sort,
        // about 40 KB of the app's first wasm module.
        fn by_id<T: Record>(v: &mut Vec<T>) {
            let order = id_order(v.iter().enumerate().map(|(i, r)| (r.id(), i)).collect());
            if order.iter().enumerate().all(|(i, &at)| i == at) {
                return;
            }
            let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
            *v = order.into_iter().map(|at| slots[at].take().expect("every position once")).collect();
        }
        /// Positions in id order; equal ids keep their order.
        fn id_order(mut keys: Vec<(&str, usize)>) -> Vec<usize> {
            keys.sort_unstable();
            keys.into_iter().map(|(_, at)| at).collect()
        }
        by_id(&mut self.parties);
        by_id(&mut self.calendars);
        by_id(&mut self.services);
        by_id(&mut self.offerings);
        by_id(&mut self.agreements);
        by_id(&mut self.articles);
        by_id(&mut self.scorecards);
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|r| r.id == id)
    }
    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|r| r.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|r| r.id == id)
    }
    pub fn offering(&self, id: &str) -> Option<&Offering> {
        self.offerings.iter().find(|r| r.id == id)
    }
    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.agreements.iter().find(|r| r.id == id)
    }
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|r| r.id == id)
    }
    pub fn scorecard(&self, id: &str) -> Option<&Scorecard> {
        self.scorecards.iter().find(|r| r.id == id)
    }
}
