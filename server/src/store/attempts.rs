//! The attempts collection: allowances shared by every node (entry words per room, staff
//! sign-ins per account name), counted in fixed windows.

use std::time::Duration;

use async_trait::async_trait;

use super::StoreResult;

/// An attempt allowed, or how long until the next one is (`Err(retry_after)`).
pub type Allowed = Result<(), Duration>;

#[async_trait]
pub trait AttemptStore: Send + Sync {
    /// Counts one attempt against `key`'s allowance of `max` per `window`, for every node
    /// together: `Err(retry_after)` when the allowance is spent. Keys name a purpose and a
    /// room or a hash, never a person.
    async fn attempt(&self, key: &str, max: u32, window: Duration) -> StoreResult<Allowed>;
}
