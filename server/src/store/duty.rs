//! The duty collection: which counselors take requests now. A counselor is on duty until a
//! time their node keeps renewing (a lease): if the node dies, its counselors go off duty by
//! themselves. Only staff handles are kept, never anything of a person.

use async_trait::async_trait;

use super::StoreResult;

#[async_trait]
pub trait DutyStore: Send + Sync {
    /// A counselor (by staff handle) is on duty until `until` (ms), or off duty (`None`).
    /// Tells every node when someone comes on or goes off duty (a renewal is not news).
    async fn set_duty(&self, counselor: &str, until: Option<u64>) -> StoreResult<()>;

    /// The counselors on duty at `now` (ms), sorted; lapsed ones are forgotten.
    async fn on_duty(&self, now: u64) -> StoreResult<Vec<String>>;
}
