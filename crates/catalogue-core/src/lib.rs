//! The service catalogue domain, with no web dependency: the record model, the file
//! format (parse, canonical export, JSON Schema), validation with located problems, the
//! import preview, relation lookups and full-text search.
//!
//! Everything here is plain Rust, tested natively, and shared by the web app and the
//! command-line tools.

#[cfg(feature = "backstage")]
pub mod backstage;
pub mod catalogue;
pub mod change_set;
pub mod changes;
pub mod diff;
pub mod digest;
pub mod edit;
pub mod facets;
pub mod feasibility;
pub mod file;
pub mod health;
pub mod hours;
pub mod impact;
mod locate;
pub mod lookup;
pub mod markdown;
pub mod merge;
pub mod model;
#[cfg(feature = "backstage")]
pub mod openslo;
pub mod operations;
pub mod path;
pub mod problem;
pub mod scorecard;
pub mod search;
#[cfg(feature = "backstage")]
pub mod service_definitions;
pub mod sla;
pub mod spreadsheet;
pub mod time_zones;
pub mod url_policy;
pub mod validate;
#[cfg(feature = "backstage")]
pub mod yaml;

pub use catalogue::{Catalogue, CatalogueMeta, FORMAT, VERSION};
pub use file::{parse, parse_bytes, parse_bytes_reporting, to_canonical_json, ReadStage};
pub use lookup::Lookup;
pub use problem::Problem;
pub use validate::validate;

/// The JSON Schema of the catalogue file format, as published beside `catalogue.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Catalogue);
    let mut out = serde_json::to_string_pretty(&schema).expect("schema serializes");
    out.push('\n');
    out
}
