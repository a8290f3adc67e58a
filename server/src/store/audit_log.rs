//! The audit log collection: what staff did and what automatic protection decided, kept for
//! a set time (default 90 days) in the store in use, for every node. An entry has a reason
//! code and, where the issue allows it, the handle acted on — never a message's words, a
//! report's note, or a handle beside crisis language or a self-harm report.

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreResult;

/// One entry, as `GET /api/audit` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    /// A staff member's name (without its title), `system` for automatic verdicts, or
    /// `participant` for a report (never who).
    pub actor: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

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
