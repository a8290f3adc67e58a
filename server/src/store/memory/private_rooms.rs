//! Private rooms in memory.

use async_trait::async_trait;
use jiff::Timestamp;

use super::MemoryStore;
use crate::store::{PrivateRoom, PrivateRoomStore, StoreEvent, StoreResult};

#[async_trait]
impl PrivateRoomStore for MemoryStore {
    async fn create_private_room(&self, room: &PrivateRoom) -> StoreResult<()> {
        self.lock()
            .private_rooms
            .insert(room.id.clone(), room.clone());
        Ok(())
    }

    async fn private_room(&self, id: &str) -> StoreResult<Option<PrivateRoom>> {
        Ok(self.lock().private_rooms.get(id).cloned())
    }

    async fn close_private_room(&self, id: &str) -> StoreResult<bool> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        if state.private_rooms.remove(id).is_none() {
            return Ok(false);
        }
        state.erase_room(id);
        state.rooms.remove(id);
        slot.send(StoreEvent::Gone {
            room: id.to_owned(),
        });
        Ok(true)
    }

    async fn expired_private_rooms(&self, now: Timestamp) -> StoreResult<Vec<String>> {
        let mut ids: Vec<String> = self
            .lock()
            .private_rooms
            .values()
            .filter(|room| room.expires_at.is_some_and(|at| at <= now))
            .map(|room| room.id.clone())
            .collect();
        ids.sort();
        Ok(ids)
    }
}
