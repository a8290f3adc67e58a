//! Rooms in Redis.
//!
//! Keys, under the prefix:
//! - `r:<room>:m` — hash sid → handle key: the members
//! - `r:<room>:meta` — hash: `epoch`, `offset` (the last one given), `closed` (the end of the
//!   last sitting closed, in ms)
//! - `r:<room>:log` — stream of events, ids `<offset>-0`: `t` m (message) | r (reactions) |
//!   d (a deletion), `j` json
//! - `r:<room>:gone` — sorted set of the offsets of messages taken down (their stream entries
//!   are deleted: recovery must not take the holes for gaps)
//! - `r:<room>:msgs` — hash message id → message json, with its current reaction counts
//! - `r:<room>:order` — list of message ids, oldest first (the history)
//! - `r:<room>:x:<id>:<reaction>` — set of the sids that gave it
//! - `r:<room>:speakers` — set of the sids whose retry records hold messages of the room
//!
//! Every event also goes to the shared `events` stream that each node follows (`reader`).

use async_trait::async_trait;
use ibasho_protocol::{ChatMessage, Position, Reaction};
use std::sync::LazyLock;

use redis::Script;

use super::{RedisStore, code, corrupt, decode_change, decode_event, decode_message, number};
use crate::store::{
    Appended, JoinRefusal, JoinedRoom, NewMessage, Present, Reacted, RoomStore, StoreResult,
    member_key, new_epoch, session_key, split_events,
};
use crate::token::SessionToken;

// One script per operation, with the shared prelude (see `script`).
static JOIN: LazyLock<Script> = lua!("rooms/join.lua");
static LEAVE: LazyLock<Script> = lua!("rooms/leave.lua");
static PRESENT: LazyLock<Script> = lua!("rooms/present.lua");
static MEMBERS: LazyLock<Script> = lua!("rooms/members.lua");
static APPEND: LazyLock<Script> = lua!("rooms/append.lua");
static FIND: LazyLock<Script> = lua!("rooms/find.lua");
static REACT: LazyLock<Script> = lua!("rooms/react.lua");
static CLOSE: LazyLock<Script> = lua!("rooms/close.lua");
static DELETE: LazyLock<Script> = lua!("rooms/delete.lua");

#[async_trait]
impl RoomStore for RedisStore {
    async fn join(
        &self,
        room: &str,
        capacity: u32,
        history_len: usize,
        token: &SessionToken,
        since: Option<&Position>,
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>> {
        let mut call = self.call(&JOIN);
        call.arg(room)
            .arg(session_key(token))
            .arg(capacity)
            .arg(history_len)
            .arg(new_epoch())
            .arg(since.map_or("", |since| since.epoch.as_str()))
            .arg(since.map_or(0, |since| since.offset));
        let answer: Vec<String> = self.run(&call).await?;
        match answer.first().map(String::as_str) {
            Some("nosuchroom") => return Ok(Err(JoinRefusal::NoSuchRoom)),
            Some("nosession") => return Ok(Err(JoinRefusal::NoSession)),
            Some("full") => return Ok(Err(JoinRefusal::Full)),
            Some("taken") => return Ok(Err(JoinRefusal::HandleTaken)),
            Some("removed") => return Ok(Err(JoinRefusal::Removed)),
            Some("ok") => {}
            _ => return Err(corrupt("a join")),
        }
        let [_, present, arrived, epoch, offset, recovered, entries @ ..] = answer.as_slice()
        else {
            return Err(corrupt("a join"));
        };
        let events = entries
            .chunks_exact(2)
            .map(|pair| decode_event(&pair[0], &pair[1]))
            .collect::<StoreResult<Vec<_>>>()?;
        let (history, changes) = split_events(events);
        Ok(Ok(JoinedRoom {
            present: number(Some(present), "a count")?,
            arrived: arrived == "1",
            history,
            changes,
            position: Position {
                epoch: epoch.clone(),
                offset: number(Some(offset), "an offset")?,
            },
            recovered: recovered == "1",
        }))
    }

    async fn leave(&self, room: &str, token: &SessionToken) -> StoreResult<bool> {
        let mut call = self.call(&LEAVE);
        call.arg(room)
            .arg(session_key(token))
            .arg(member_key(token, room));
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn present(&self, room: &str) -> StoreResult<u32> {
        let mut call = self.call(&PRESENT);
        call.arg(room);
        self.run(&call).await
    }

    async fn members(&self, room: &str) -> StoreResult<Vec<Present>> {
        let mut call = self.call(&MEMBERS);
        call.arg(room);
        let fields: Vec<String> = self.run(&call).await?;
        let mut members: Vec<Present> = fields
            .chunks_exact(2)
            .map(|pair| Present {
                handle: pair[0].clone(),
                staff: !pair[1].is_empty(),
            })
            .collect();
        members.sort();
        Ok(members)
    }

    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended> {
        let mut call = self.call(&APPEND);
        call.arg(&message.room)
            .arg(session_key(&message.session))
            .arg(message.client_id.as_deref().unwrap_or(""))
            .arg(&message.text)
            .arg(message.at.to_string())
            .arg(history_len)
            .arg(self.config.stream_len)
            .arg(new_epoch());
        let answer: Vec<String> = self.run(&call).await?;
        match answer.as_slice() {
            [kind] if kind == "notmember" => Ok(Appended::NotMember),
            [kind, json] if kind == "dup" => decode_message(json).map(Appended::Duplicate),
            [kind, json] if kind == "new" => decode_message(json).map(Appended::New),
            _ => Err(corrupt("an append")),
        }
    }

    async fn message(&self, room: &str, message_id: &str) -> StoreResult<Option<ChatMessage>> {
        let json: Option<String> = redis::cmd("HGET")
            .arg(format!("{}r:{room}:msgs", self.config.prefix))
            .arg(message_id)
            .query_async(&mut self.conn())
            .await
            .map_err(super::unavailable)?;
        json.as_deref().map(decode_message).transpose()
    }

    async fn find_duplicate(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
    ) -> StoreResult<Option<ChatMessage>> {
        let mut call = self.call(&FIND);
        call.arg(session_key(token)).arg(room).arg(client_id);
        let found: Option<String> = self.run(&call).await?;
        found.as_deref().map(decode_message).transpose()
    }

    async fn react(
        &self,
        room: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> StoreResult<Reacted> {
        let mut call = self.call(&REACT);
        call.arg(room)
            .arg(session_key(token))
            .arg(message_id)
            .arg(code(Some(reaction)))
            .arg(self.config.stream_len);
        let answer: Vec<String> = self.run(&call).await?;
        match answer.as_slice() {
            [kind] if kind == "notmember" => Ok(Reacted::NotMember),
            [kind] if kind == "nosuch" => Ok(Reacted::NoSuchMessage),
            [kind, json] if kind == "changed" => decode_change(json).map(Reacted::Changed),
            [kind, json] if kind == "taken" => decode_change(json).map(Reacted::TakenBack),
            _ => Err(corrupt("a reaction")),
        }
    }

    async fn delete_message(&self, room: &str, message_id: &str) -> StoreResult<Option<u64>> {
        let mut call = self.call(&DELETE);
        call.arg(room).arg(message_id).arg(self.config.stream_len);
        self.run(&call).await
    }

    async fn close_room(&self, room: &str, ended: jiff::Timestamp) -> StoreResult<String> {
        let mut call = self.call(&CLOSE);
        call.arg(room).arg(ended.as_millisecond()).arg(new_epoch());
        self.run(&call).await
    }
}
