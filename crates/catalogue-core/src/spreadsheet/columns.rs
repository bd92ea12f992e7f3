//! The columns of each kind's spreadsheet, written once: the export writes them and the
//! import reads them back.

use crate::model::*;

use super::cells::{choice, Cell};

/// One column: its header, the field it shows (a path in the record, as in
/// [`crate::path::FieldPath`]) and how the cell is written.
#[derive(Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub field: &'static str,
    pub cell: Cell,
}

const fn col(header: &'static str, field: &'static str, cell: Cell) -> Column {
    Column { header, field, cell }
}

/// A kind's spreadsheet: the file name it is exported as, and its columns (the first
/// is the id).
pub struct Sheet {
    pub kind: RecordKind,
    pub file: &'static str,
    pub columns: &'static [Column],
}

const WRITTEN: [Column; 2] = [col("revision", "revision", Cell::Written), col("updated", "updated_at", Cell::Written)];

const SERVICES: &[Column] = &[
    col("id", "id", Cell::Text),
    col("name", "name", Cell::Text),
    col("view", "view", Cell::Choice(choice::<ServiceView>)),
    col("owner", "owner", Cell::Ref(RecordKind::Party)),
    col("lifecycle", "lifecycle", Cell::Choice(choice::<Lifecycle>)),
    col("tier", "tier", Cell::Integer),
    col("family", "family", Cell::Text),
    col("tags", "tags", Cell::Words),
    col("summary", "summary", Cell::Text),
    col("support hours", "support.calendar", Cell::Ref(RecordKind::Calendar)),
    col("depends on", "depends_on", Cell::Refs(RecordKind::Service)),
    WRITTEN[0],
    WRITTEN[1],
];

const OFFERINGS: &[Column] = &[
    col("id", "id", Cell::Text),
    col("name", "name", Cell::Text),
    col("service", "service", Cell::Ref(RecordKind::Service)),
    col("status", "status", Cell::Choice(choice::<Lifecycle>)),
    col("summary", "summary", Cell::Text),
    col("consumers", "consumers", Cell::Words),
    col("goods", "goods", Cell::Elements),
    col("access", "access", Cell::Elements),
    col("actions", "actions", Cell::Elements),
    col("fulfilment time", "fulfilment_time", Cell::Duration),
    col("price", "price", Cell::Price),
    WRITTEN[0],
    WRITTEN[1],
];

const AGREEMENTS: &[Column] = &[
    col("id", "id", Cell::Text),
    col("kind", "kind", Cell::Choice(choice::<AgreementKind>)),
    col("name", "name", Cell::Text),
    col("provider", "provider", Cell::Ref(RecordKind::Party)),
    col("customer", "customer", Cell::Ref(RecordKind::Party)),
    col("services", "services", Cell::Refs(RecordKind::Service)),
    col("offerings", "offerings", Cell::Refs(RecordKind::Offering)),
    col("valid from", "valid_from", Cell::Date),
    col("valid until", "valid_until", Cell::Date),
    col("review by", "review_by", Cell::Date),
    col("targets", "targets", Cell::Targets),
    col("calendar", "calendar", Cell::Ref(RecordKind::Calendar)),
    col("supports", "supports", Cell::Refs(RecordKind::Agreement)),
    col("summary", "summary", Cell::Text),
    WRITTEN[0],
    WRITTEN[1],
];

const PARTIES: &[Column] = &[
    col("id", "id", Cell::Text),
    col("name", "name", Cell::Text),
    col("kind", "kind", Cell::Choice(choice::<PartyKind>)),
    col("email", "email", Cell::Text),
    col("phone", "phone", Cell::Text),
    col("chat", "chat", Cell::Text),
    col("url", "url", Cell::Text),
    col("member of", "member_of", Cell::Refs(RecordKind::Party)),
    col("description", "description", Cell::Text),
    WRITTEN[0],
    WRITTEN[1],
];

const ARTICLES: &[Column] = &[
    col("id", "id", Cell::Text),
    col("title", "title", Cell::Text),
    col("kind", "kind", Cell::Choice(choice::<ArticleKind>)),
    col("status", "status", Cell::Choice(choice::<ArticleStatus>)),
    col("owner", "owner", Cell::Ref(RecordKind::Party)),
    col("services", "services", Cell::Refs(RecordKind::Service)),
    col("tags", "tags", Cell::Words),
    col("summary", "summary", Cell::Text),
    col("last reviewed", "last_reviewed", Cell::Date),
    col("review every (days)", "review_interval_days", Cell::Integer),
    WRITTEN[0],
    WRITTEN[1],
];

/// Every kind a spreadsheet holds, in the order an import reads them (what is referred
/// to first).
pub const SHEETS: [Sheet; 5] = [
    Sheet { kind: RecordKind::Party, file: "parties.csv", columns: PARTIES },
    Sheet { kind: RecordKind::Service, file: "services.csv", columns: SERVICES },
    Sheet { kind: RecordKind::Offering, file: "offerings.csv", columns: OFFERINGS },
    Sheet { kind: RecordKind::Agreement, file: "agreements.csv", columns: AGREEMENTS },
    Sheet { kind: RecordKind::Article, file: "articles.csv", columns: ARTICLES },
];

pub fn sheet(kind: RecordKind) -> Option<&'static Sheet> {
    SHEETS.iter().find(|s| s.kind == kind)
}
