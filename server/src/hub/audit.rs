//! Appending to the audit log (see `store::audit_log`): what staff did and what automatic
//! protection decided, as reason codes; a failure to write is logged, never shown to the
//! person acting (their action happened).

use super::Hub;
use ibasho_protocol::StaffRole;

use crate::store::{AuditEntry, StoreResult};
use crate::token::SessionToken;

/// Who an audit entry names as its actor, besides staff names.
pub const SYSTEM: &str = "system";
pub const PARTICIPANT: &str = "participant";

/// A staff member's display name without its title (「ひかり（ファシリテーター）」 → 「ひかり」).
pub fn staff_name(handle: &str) -> &str {
    handle.rsplit_once('（').map_or(handle, |(name, _)| name)
}

impl Hub {
    /// The audit log between `from` and `to`.
    pub async fn audit_entries(
        &self,
        from: Option<jiff::Timestamp>,
        to: Option<jiff::Timestamp>,
    ) -> StoreResult<Vec<AuditEntry>> {
        self.store.audit_entries(from, to).await
    }

    /// The staff role of a live session, if it is a staff session.
    pub async fn staff_role(&self, token: &SessionToken) -> StoreResult<Option<StaffRole>> {
        Ok(self
            .store
            .profile(token)
            .await?
            .and_then(|profile| profile.staff))
    }

    /// Appends an entry to the audit log, kept for the configured time.
    pub async fn audit(&self, entry: AuditEntry) {
        if let Err(err) = self
            .store
            .append_audit(&entry, self.limits.audit_retention)
            .await
        {
            tracing::warn!(error = %err, action = %entry.action, "could not write the audit log");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_name_loses_its_title() {
        assert_eq!(staff_name("ひかり（ファシリテーター）"), "ひかり");
        assert_eq!(staff_name("たなか"), "たなか");
    }
}
