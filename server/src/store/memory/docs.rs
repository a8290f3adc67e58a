//! Room documents in memory: kept in the room, so that erasing the room's sitting erases
//! them with it.

use async_trait::async_trait;

use super::{MemoryStore, Room};
use crate::store::{DocStore, DocSwap, StoreEvent, StoreResult};

#[async_trait]
impl DocStore for MemoryStore {
    async fn doc(&self, room: &str, kind: &str) -> StoreResult<Option<String>> {
        Ok(self
            .lock()
            .rooms
            .get(room)
            .and_then(|room| room.docs.get(kind).cloned()))
    }

    async fn swap_doc(&self, room: &str, kind: &str, swap: DocSwap<'_>) -> StoreResult<bool> {
        let DocSwap { expected, new } = swap;
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let entry = state.rooms.entry(room.to_owned()).or_insert_with(Room::new);
        if entry.docs.get(kind).map(String::as_str) != expected {
            return Ok(false);
        }
        match new {
            Some(new) => entry.docs.insert(kind.to_owned(), new.to_owned()),
            None => entry.docs.remove(kind),
        };
        slot.send(StoreEvent::Doc {
            room: room.to_owned(),
            kind: kind.to_owned(),
        });
        Ok(true)
    }
}
