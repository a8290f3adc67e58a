//! The audit log collection: what staff did and what automatic protection decided, kept for
//! a set time (default 90 days) in the store in use, for every node. An entry has a reason
//! code and, where the issue allows it, the handle acted on — never a message's words, a
//! report's note, or a handle beside crisis language or a self-harm report.

use async_trait::async_trait;
/// One entry: the wire type of `GET /api/audit`, stored as it is served.
pub use ibasho_protocol::AuditEntry;
use jiff::Timestamp;

use super::StoreResult;

#[async_trait]
pub trait AuditLogStore: Send + Sync {
    /// Appends an entry; entries older than `keep` before it are dropped.
    async fn append_audit(&self, entry: &AuditEntry, keep: std::time::Duration) -> StoreResult<()>;

    /// The entries from `from` to `to` (inclusive, either open), oldest first.
    async fn audit_entries(
        &self,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> StoreResult<Vec<AuditEntry>>;
}
