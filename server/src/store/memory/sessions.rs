//! Sessions in memory.

use std::collections::VecDeque;

use async_trait::async_trait;
use ibasho_moderation::Handle;

use super::{MemoryStore, Session};
use crate::store::{
    Attachment, NewSession, Profile, SessionRecord, SessionStore, StoreResult, session_key,
};
use crate::token::SessionToken;

#[async_trait]
impl SessionStore for MemoryStore {
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>> {
        let mut state = self.lock();
        if exclusive && state.handles.contains_key(handle.key()) {
            return Ok(None);
        }
        let token = SessionToken::generate();
        let attachment = 1;
        *state.handles.entry(handle.key().to_owned()).or_default() += 1;
        state.sessions.insert(
            session_key(&token),
            Session {
                handle: handle.as_str().to_owned(),
                handle_key: handle.key().to_owned(),
                profile,
                rooms: super::RoomSet::default(),
                attachment,
                detached: false,
                recent: VecDeque::new(),
                escalation: None,
            },
        );
        Ok(Some(NewSession { token, attachment }))
    }

    async fn profile(&self, token: &SessionToken) -> StoreResult<Option<Profile>> {
        let state = self.lock();
        Ok(state
            .sessions
            .get(&session_key(token))
            .map(|session| session.profile))
    }

    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>> {
        let mut state = self.lock();
        Ok(state.sessions.get_mut(&session_key(token)).map(|session| {
            session.attachment += 1;
            session.detached = false;
            SessionRecord {
                handle: session.handle.clone(),
                profile: session.profile,
                rooms: session.rooms.iter().cloned().collect(),
                attachment: session.attachment,
            }
        }))
    }

    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool> {
        let mut state = self.lock();
        Ok(match state.sessions.get_mut(&session_key(token)) {
            Some(session) if session.attachment == attachment => {
                session.detached = true;
                true
            }
            _ => false,
        })
    }

    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>> {
        let sid = session_key(token);
        let mut state = self.lock();
        let Some(session) = state.sessions.get(&sid) else {
            return Ok(None);
        };
        if session.attachment != attachment || (only_if_detached && !session.detached) {
            return Ok(None);
        }
        let Some(session) = state.sessions.remove(&sid) else {
            return Ok(None);
        };
        state.release_handle(&session.handle_key);
        for room in &session.rooms {
            if let Some(room) = state.rooms.get_mut(room) {
                room.members.remove(&sid);
                room.forget_reactor(&sid);
            }
        }
        // Sanctions end with the session, in rooms it was taken out of too, and so does its
        // link to the reports it filed (which staff may still need).
        for room in state.rooms.values_mut() {
            room.sanctions.remove(&sid);
        }
        for filed in state.reports.values_mut() {
            if filed.reporter.as_deref() == Some(sid.as_str()) {
                filed.reporter = None;
            }
        }
        Ok(Some(session.rooms.into_iter().collect()))
    }
}
