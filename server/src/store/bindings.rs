//! The bindings collection: which request to talk with a counselor a live session has. The
//! binding is a field of the session (gone with it) pointing to the request — never the
//! reverse, so no escalation record leads back to a session. Other nodes hear of a binding
//! by a hash of the session key ([`escalation_key`]), never with the request's id.

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use super::StoreResult;

/// The name under which every node hears that a session was bound to a request (a hash of
/// the session key: the bus never carries the key itself, and no escalation record holds
/// either).
pub fn escalation_key(session: &str) -> String {
    let digest = Sha256::digest(format!("escalation\n{session}").as_bytes());
    super::hex(&digest[..16])
}

#[async_trait]
pub trait BindingStore: Send + Sync {
    /// Binds a live session (by session key) to its request: a resume brings it back; every
    /// node that holds the session hears of it ([`super::StoreEvent::Bound`]). False if the
    /// session is gone.
    async fn bind_escalation(&self, session: &str, id: &str) -> StoreResult<bool>;

    /// Unbinds a session from request `id` (and from nothing else: a newer binding stays).
    async fn unbind_escalation(&self, session: &str, id: &str) -> StoreResult<()>;

    /// The request a session is bound to, if any.
    async fn bound_escalation(&self, session: &str) -> StoreResult<Option<String>>;
}
