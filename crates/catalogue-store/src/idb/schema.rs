//! The database's schema versions, and the step that upgrades a database to each.

use catalogue_core::model::RecordKind;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::Error;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

use super::{operations, staging, RecordSet, BY_RECORD, DERIVED, HISTORY, LOCAL_CHANGES, META};

/// Relation indexes of schema V1, dropped by V5: `(store, index)`.
const RELATION_INDEXES: [(&str, &str); 5] = [
    ("services", "by_owner"),
    ("services", "by_dependency"),
    ("offerings", "by_service"),
    ("agreements", "by_service"),
    ("articles", "by_service"),
];

/// Released database schema versions, oldest first. Opening a database runs every step
/// after the version it was left at, so each variant must keep working forever; a new
/// layout is a new variant with its own step, never an edit of an old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SchemaVersion {
    /// Object stores per kind, keyed by `id`; relation indexes; `meta`.
    V1 = 1,
    /// `history` of earlier record versions and `local_changes` since the last replace.
    V2 = 2,
    /// `scorecards`, keyed by `id`.
    V3 = 3,
    /// `derived`: the generation of the catalogue and the search index stored at one.
    V4 = 4,
    /// The relation indexes of V1 dropped: the app looks relations up in memory, and
    /// every write kept them up to date for nothing.
    V5 = 5,
    /// Operational records: `incidents` and `changes`, one entry per day (out-of-line
    /// keys `2026-11-30`, the day's records as JSON text).
    V6 = 6,
    /// A second set of record stores (`services_b`…, see `sets.rs`), into which an import
    /// is written while its preview is on screen, and `staging`, which says what is
    /// written there (see `staging.rs`).
    V7 = 7,
}

impl SchemaVersion {
    pub const LATEST: SchemaVersion = SchemaVersion::V7;
    pub const ALL: [SchemaVersion; 7] = [
        SchemaVersion::V1,
        SchemaVersion::V2,
        SchemaVersion::V3,
        SchemaVersion::V4,
        SchemaVersion::V5,
        SchemaVersion::V6,
        SchemaVersion::V7,
    ];

    /// Runs this version's step in the upgrade transaction `tx` (steps that change
    /// existing object stores reach them through it).
    pub(super) fn upgrade(self, db: &Database, tx: &web_sys::IdbTransaction) -> Result<(), Error> {
        match self {
            SchemaVersion::V1 => {
                let store = |kind: RecordKind| {
                    db.create_object_store(kind.collection()).with_key_path(KeyPath::One("id")).build()
                };
                let index = |store: &indexed_db_futures::object_store::ObjectStore,
                             name: &str,
                             path: &'static str,
                             multi: bool| {
                    store.create_index(name, KeyPath::One(path)).with_multi_entry(multi).build().map(drop)
                };
                store(RecordKind::Party)?;
                store(RecordKind::Calendar)?;
                let services = store(RecordKind::Service)?;
                index(&services, "by_owner", "owner", false)?;
                index(&services, "by_dependency", "depends_on", true)?;
                index(&store(RecordKind::Offering)?, "by_service", "service", false)?;
                index(&store(RecordKind::Agreement)?, "by_service", "services", true)?;
                index(&store(RecordKind::Article)?, "by_service", "services", true)?;
                db.create_object_store(META).build()?;
                Ok(())
            }
            SchemaVersion::V2 => {
                let history = db.create_object_store(HISTORY).with_key_path(KeyPath::One("key")).build()?;
                history.create_index(BY_RECORD, KeyPath::One("record_key")).build()?;
                db.create_object_store(LOCAL_CHANGES).with_key_path(KeyPath::One("key")).build()?;
                Ok(())
            }
            SchemaVersion::V3 => {
                db.create_object_store(RecordKind::Scorecard.collection()).with_key_path(KeyPath::One("id")).build()?;
                Ok(())
            }
            SchemaVersion::V4 => {
                db.create_object_store(DERIVED).build()?;
                Ok(())
            }
            SchemaVersion::V5 => {
                for (store, index) in RELATION_INDEXES {
                    tx.object_store(store)?.delete_index(index)?;
                }
                Ok(())
            }
            SchemaVersion::V6 => {
                for store in operations::STORES {
                    db.create_object_store(store).build()?;
                }
                Ok(())
            }
            SchemaVersion::V7 => {
                for kind in RecordKind::ALL {
                    db.create_object_store(&RecordSet::Second.store(kind)).with_key_path(KeyPath::One("id")).build()?;
                }
                db.create_object_store(staging::STAGING).build()?;
                Ok(())
            }
        }
    }
}
