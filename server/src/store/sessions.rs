//! The sessions collection: who is here (a handle, how they came, their connection's hold on
//! the session) without anything that names a person outside this service.

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::{Lang, Role, StaffRole};

use super::StoreResult;
use crate::token::SessionToken;

/// A connection's hold on a session. Each attach (the start, then every resume) gets a
/// higher number, and detach and end only act for the current one: a connection that dropped
/// cannot end or detach a session that another connection has resumed in the meantime.
pub type Attachment = u64;

/// A session that was just started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: SessionToken,
    pub attachment: Attachment,
}

/// What a person told about themselves on `hello`: their language, and who they come as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    pub lang: Lang,
    pub role: Option<Role>,
    /// For a staff member's session: their role (set only by a staff sign-in).
    pub staff: Option<StaffRole>,
}

/// What a resumed session restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub handle: String,
    pub profile: Profile,
    /// The rooms the session is in, sorted.
    pub rooms: Vec<String>,
    pub attachment: Attachment,
}

/// Sessions: started on `hello`, resumed after a dropped connection, ended when the person
/// leaves or the grace period runs out.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Starts a session with `handle`. With `exclusive`, refuses (returns `None`) when anyone
    /// present already uses a handle with the same key: generated handles are unique among the
    /// people present. Requested handles are only checked per room, at `join`.
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>>;

    /// Attaches a new connection to an existing session (a resume), cancelling its grace
    /// period and superseding the previous attachment. `None` when the token is unknown or
    /// its session has ended.
    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>>;

    /// A live session's profile, without attaching to it (the HTTP API's staff check).
    async fn profile(&self, token: &SessionToken) -> StoreResult<Option<Profile>>;

    /// Marks a session as without connection, if `attachment` is still the current one: it
    /// keeps its handle and rooms until it is attached again or ended. False if not.
    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool>;

    /// Ends a session, if `attachment` is still the current one (and, with `only_if_detached`,
    /// if no connection has come back: the grace period ran out). It leaves every room and its
    /// handle is free again. Returns the rooms it left; `None` if nothing ended.
    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>>;

    /// Keeps the sessions connected to this node alive. A shared store lets sessions expire
    /// on their own, so that a node that dies does not keep its people "present" for ever.
    async fn keep_alive(&self, _tokens: &[SessionToken]) -> StoreResult<()> {
        Ok(())
    }
}
