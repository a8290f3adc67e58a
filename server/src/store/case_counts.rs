//! The case counts collection: what stays when cases are erased (for the usage figures), and
//! the recent waiting times the queue's estimate is made from. Numbers only: no id, handle,
//! room or time of day.

use std::collections::BTreeMap;

use async_trait::async_trait;

use super::StoreResult;

/// How many recent waiting times are kept for the estimate (durations only).
pub const RECENT_WAITS: usize = 20;

/// The aggregate counts: requests by source, consents given and declined, outcomes, and
/// waiting times. Names are `requests:<source>`, `consents:given|declined`,
/// `outcomes:<outcome>|none`, `waits:count`, `waits:seconds`.
pub type Counts = BTreeMap<String, u64>;

#[async_trait]
pub trait CaseCountStore: Send + Sync {
    /// Adds to the counts (see [`Counts`]), all at once; with `wait`, keeps it among the
    /// recent waiting times (seconds).
    async fn count_cases(&self, counts: &[(&str, u64)], wait: Option<u64>) -> StoreResult<()>;

    /// The counts, kept for as long as the store is.
    async fn case_counts(&self) -> StoreResult<Counts>;

    /// The most recent waiting times (seconds), newest first, at most [`RECENT_WAITS`].
    async fn recent_waits(&self) -> StoreResult<Vec<u64>>;
}
