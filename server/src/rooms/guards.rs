//! What an operation may work with, checked first and in the same order everywhere: the
//! room as the session may find it (`no_such_room`), staff only (`forbidden`), in the room
//! (`not_in_room`).

use std::sync::Arc;

use super::{Room, Rooms, Who};
use crate::outbox::Outbox;
use crate::refusal::Refusal;

impl Rooms {
    /// Whether this connection is in the room.
    pub fn is_member(&self, room: &str, conn: &Outbox) -> bool {
        self.hub.is_member(room, conn)
    }

    /// The room as the session may find it (`no_such_room` otherwise), and whether this
    /// connection is in it.
    pub async fn at(
        &self,
        who: Who<'_>,
        room: &str,
        conn: &Outbox,
    ) -> Result<(Arc<Room>, bool), Refusal> {
        let found = self
            .find(room, who.token)
            .await?
            .ok_or(Refusal::NoSuchRoom)?;
        let member = self.is_member(&found.spec.id, conn);
        Ok((found, member))
    }

    /// The room, which this connection must be in (`not_in_room` otherwise).
    pub async fn inside(
        &self,
        who: Who<'_>,
        room: &str,
        conn: &Outbox,
    ) -> Result<Arc<Room>, Refusal> {
        match self.at(who, room, conn).await? {
            (room, true) => Ok(room),
            (_, false) => Err(Refusal::NotInRoom),
        }
    }

    /// A staff member at the room (`forbidden` for anyone else), in it or not.
    pub async fn staff_at(
        &self,
        who: Who<'_>,
        room: &str,
        conn: &Outbox,
    ) -> Result<(Arc<Room>, bool), Refusal> {
        let found = self.at(who, room, conn).await?;
        if who.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        Ok(found)
    }

    /// A staff member in the room.
    pub async fn staff_inside(
        &self,
        who: Who<'_>,
        room: &str,
        conn: &Outbox,
    ) -> Result<Arc<Room>, Refusal> {
        match self.staff_at(who, room, conn).await? {
            (room, true) => Ok(room),
            (_, false) => Err(Refusal::NotInRoom),
        }
    }
}
