//! Operational records (incidents, changes) through the store: read by period for the
//! Operations report and service pages, imported, exported and cleared. They are kept
//! beside the catalogue and never in it; `operations_written` tells pages to read again.

use std::collections::HashMap;
use std::sync::Arc;

use catalogue_core::operations::measures::{period, Scope};
use catalogue_core::operations::Operations;
use catalogue_core::scorecard::ATTAINMENT_DAYS;
use catalogue_store::{CatalogueStore, OperationsSummary, StoreError};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::{GetUntracked, Update, WithUntracked};

use super::AppState;

/// The records the demo catalogue ships with, beside `catalogue.json` on the site.
pub const DEMO_OPERATIONS: &str = "operations.json";
/// Set once the reader cleared the demo's records: they are not offered again.
const DEMO_DECLINED: &str = "operations-demo-declined";

/// The last day a report covers: the one asked for, else today, or the last day the
/// records tell of when they end earlier (so imported history shows without choosing).
pub fn last_day(chosen: Option<Date>, last_record: Option<Timestamp>) -> Date {
    let today = crate::platform::today();
    let last = last_record.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
    chosen.unwrap_or_else(|| last.map_or(today, |l| l.min(today)))
}

impl AppState {
    /// Per service, SLA targets met and counted for its incidents over the last
    /// [`ATTAINMENT_DAYS`] days of the records, for scorecard rules; `None` when no
    /// incident is kept (or the store cannot be read).
    pub async fn service_attainment(self) -> Option<Arc<HashMap<String, (usize, usize)>>> {
        let summary = self.operations_summary().await.ok()?;
        if summary.incidents == 0 {
            return None;
        }
        let (from, to) = period(last_day(None, summary.last), ATTAINMENT_DAYS);
        let ops = self.operations(from, to).await.ok()?;
        let l = self.catalogue.get_untracked()?;
        let zones = crate::platform::zones();
        let scope = Scope { cat: &l.cat, lookup: &l.lookup, zones };
        Some(Arc::new(scope.attainment_by_service(&ops, from, to)))
    }

    pub async fn operations(self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError> {
        self.opened_store()?.operations(from, to).await
    }

    pub async fn operations_summary(self) -> Result<OperationsSummary, StoreError> {
        self.opened_store()?.operations_summary().await
    }

    /// Stores checked records in place of those stored (`replace`) or beside them.
    pub async fn store_operations(self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        self.opened_store()?.put_operations(ops, replace).await?;
        self.operations_written.update(|n| *n += 1);
        Ok(())
    }

    pub async fn clear_operations(self) -> Result<(), StoreError> {
        self.opened_store()?.clear_operations().await?;
        crate::platform::local_set(DEMO_DECLINED, "1");
        self.operations_written.update(|n| *n += 1);
        Ok(())
    }

    /// Every stored record as a `service-operations` file.
    pub async fn export_operations(self) -> Result<String, StoreError> {
        let all = self.opened_store()?.operations(Timestamp::MIN, Timestamp::MAX).await?;
        Ok(catalogue_core::file::to_json(&all))
    }

    /// With nothing stored and the demo's records not cleared before, the site's own
    /// records, when every one is of a service of the catalogue shown (a site with
    /// another catalogue has none to offer). Gives whether they were stored.
    pub async fn store_demo_operations(self) -> Result<bool, StoreError> {
        if crate::platform::local_get(DEMO_DECLINED).is_some() || self.operations_summary().await?.incidents > 0 {
            return Ok(false);
        }
        let url = crate::platform::site_url(DEMO_OPERATIONS);
        let response = match gloo_net::http::Request::get(&url).send().await {
            Ok(r) if r.ok() => r,
            _ => return Ok(false),
        };
        let Ok(text) = response.text().await else { return Ok(false) };
        let Ok(ops) = Operations::parse(&text) else { return Ok(false) };
        if !self.catalogue.with_untracked(|l| l.as_ref().is_some_and(|l| ops.check(&l.cat).is_empty())) {
            return Ok(false);
        }
        self.store_operations(&ops, true).await?;
        Ok(true)
    }
}
