//! Sanctions in memory: in each room's record, so that the end of the room's sitting takes
//! them with it; the end of a session takes its own.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::{SanctionStore, Sanctions, StoreEvent, StoreResult, Target, session_key};
use crate::token::SessionToken;

#[async_trait]
impl SanctionStore for MemoryStore {
    async fn find_member(&self, room_id: &str, handle: &str) -> StoreResult<Option<Target>> {
        let state = self.lock();
        let Some(room) = state.rooms.get(room_id) else {
            return Ok(None);
        };
        Ok(room.members.keys().find_map(|sid| {
            let session = state.sessions.get(sid)?;
            (session.handle == handle).then(|| Target {
                session: sid.clone(),
                staff: session.profile.staff.is_some(),
            })
        }))
    }

    async fn set_sanctions(
        &self,
        room_id: &str,
        target: &Target,
        sanctions: Option<Sanctions>,
    ) -> StoreResult<()> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        if !state.sessions.contains_key(&target.session) {
            return Ok(());
        }
        let Some(room) = state.rooms.get_mut(room_id) else {
            return Ok(());
        };
        match sanctions {
            Some(sanctions) => room.sanctions.insert(target.session.clone(), sanctions),
            None => room.sanctions.remove(&target.session),
        };
        slot.send(StoreEvent::Sanctioned {
            room: room_id.to_owned(),
        });
        Ok(())
    }

    async fn sanctions(&self, room_id: &str, token: &SessionToken) -> StoreResult<Sanctions> {
        let state = self.lock();
        Ok(state
            .rooms
            .get(room_id)
            .and_then(|room| room.sanctions.get(&session_key(token)))
            .copied()
            .unwrap_or_default())
    }

    async fn muted(&self, room_id: &str) -> StoreResult<Vec<(String, Sanctions)>> {
        let state = self.lock();
        let Some(room) = state.rooms.get(room_id) else {
            return Ok(Vec::new());
        };
        let mut muted: Vec<(String, Sanctions)> = room
            .sanctions
            .iter()
            .filter(|(sid, sanctions)| {
                sanctions.muted_until.is_some() && room.members.contains_key(*sid)
            })
            .filter_map(|(sid, sanctions)| {
                Some((state.sessions.get(sid)?.handle.clone(), *sanctions))
            })
            .collect();
        muted.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(muted)
    }

    async fn take_out(&self, room_id: &str, target: &Target, farewell: &str) -> StoreResult<bool> {
        Ok(self
            .leave_as(room_id, &target.session, Some(farewell))
            .await)
    }
}
