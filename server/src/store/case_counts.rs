//! The recent waiting times the queue's estimate is made from: durations only, no id,
//! handle, room or time of day. (What the counselor's work adds up to — requests, consents,
//! claims, outcomes, waits — is counted in the usage figures: see `store::figures`.)

use async_trait::async_trait;

use super::StoreResult;

/// How many recent waiting times are kept for the estimate (durations only).
pub const RECENT_WAITS: usize = 20;

#[async_trait]
pub trait CaseCountStore: Send + Sync {
    /// Keeps a waiting time (seconds) among the recent ones.
    async fn note_wait(&self, wait: u64) -> StoreResult<()>;

    /// The most recent waiting times (seconds), newest first, at most [`RECENT_WAITS`].
    async fn recent_waits(&self) -> StoreResult<Vec<u64>>;
}
