//! Record forms: one engine that renders any record kind's [`spec`] over the record's
//! JSON value, with the domain's validation shown on the field it concerns.

pub mod fields;
mod pickers;
pub mod spec;
