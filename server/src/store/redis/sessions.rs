//! Sessions in Redis.
//!
//! Keys, under the prefix:
//! - `s:<sid>` — hash: `h` handle, `k` handle key, `l` lang, `r` role, `s` staff role,
//!   `a` attachment, `d` detached
//! - `s:<sid>:rooms` — set of the session's rooms
//! - `s:<sid>:recent` — list of the session's recent messages with a client id (retries)
//! - `s:<sid>:cids` — list of `<room>\n<client id>` of those messages, in the same order
//! - `s:<sid>:reacted` — set of `<room>\n<reactor set key>` the session is in
//! - `h:<handle key>` — set of the sids using that handle
//!
//! Every key of a session has a time to live, renewed by its node (`keep_alive`), so that a
//! node that dies leaves nothing behind; `end` deletes them all.

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::Lang;
use std::sync::LazyLock;

use redis::Script;

use super::{RedisStore, code, corrupt, number, parse_code};
use crate::store::{
    Attachment, NewSession, Profile, SessionRecord, SessionStore, StoreResult, session_key,
};
use crate::token::SessionToken;

// One script per operation, with the shared prelude (see `script`).
static CREATE: LazyLock<Script> = lua!("sessions/create.lua");
static ATTACH: LazyLock<Script> = lua!("sessions/attach.lua");
static DETACH: LazyLock<Script> = lua!("sessions/detach.lua");
static END: LazyLock<Script> = lua!("sessions/end.lua");
static KEEP_ALIVE: LazyLock<Script> = lua!("sessions/keep_alive.lua");

#[async_trait]
impl SessionStore for RedisStore {
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>> {
        let token = SessionToken::generate();
        let mut call = self.call(&CREATE);
        call.arg(session_key(&token))
            .arg(handle.as_str())
            .arg(handle.key())
            .arg(code(Some(profile.lang)))
            .arg(code(profile.role))
            .arg(if exclusive { "1" } else { "0" })
            .arg(Self::ms(self.config.lease))
            .arg(code(profile.staff));
        let created: i64 = self.run(&call).await?;
        Ok((created == 1).then_some(NewSession {
            token,
            attachment: 1,
        }))
    }

    async fn profile(&self, token: &SessionToken) -> StoreResult<Option<Profile>> {
        let fields: Vec<Option<String>> = redis::cmd("HMGET")
            .arg(format!("{}s:{}", self.config.prefix, session_key(token)))
            .arg("h")
            .arg("l")
            .arg("r")
            .arg("s")
            .query_async(&mut self.conn())
            .await
            .map_err(super::unavailable)?;
        let [Some(_), lang, role, staff] = fields.as_slice() else {
            return Ok(None);
        };
        let code_of = |field: &Option<String>| field.clone().unwrap_or_default();
        Ok(Some(Profile {
            lang: parse_code(&code_of(lang)).unwrap_or(Lang::JA),
            role: parse_code(&code_of(role)),
            staff: parse_code(&code_of(staff)),
        }))
    }

    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>> {
        let mut call = self.call(&ATTACH);
        call.arg(session_key(token))
            .arg(Self::ms(self.config.lease));
        let Some(fields): Option<Vec<String>> = self.run(&call).await? else {
            return Ok(None);
        };
        let [handle, lang, role, staff, attachment, rooms @ ..] = fields.as_slice() else {
            return Err(corrupt("a session"));
        };
        let mut rooms = rooms.to_vec();
        rooms.sort();
        Ok(Some(SessionRecord {
            handle: handle.clone(),
            profile: Profile {
                lang: parse_code(lang).unwrap_or(Lang::JA),
                role: parse_code(role),
                staff: parse_code(staff),
            },
            rooms,
            attachment: number(Some(attachment), "an attachment")?,
        }))
    }

    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool> {
        let mut call = self.call(&DETACH);
        call.arg(session_key(token))
            .arg(attachment)
            .arg(Self::ms(self.config.detached_ttl));
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>> {
        let mut call = self.call(&END);
        call.arg(session_key(token))
            .arg(attachment)
            .arg(if only_if_detached { "1" } else { "0" });
        let rooms: Option<Vec<String>> = self.run(&call).await?;
        Ok(rooms.map(|mut rooms| {
            rooms.sort();
            rooms
        }))
    }

    async fn keep_alive(&self, tokens: &[SessionToken]) -> StoreResult<()> {
        for chunk in tokens.chunks(500) {
            let mut call = self.call(&KEEP_ALIVE);
            call.arg(Self::ms(self.config.lease));
            for token in chunk {
                call.arg(session_key(token));
            }
            self.run::<i64>(&call).await?;
        }
        Ok(())
    }
}
