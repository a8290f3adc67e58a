//! A facilitator's actions on a room's sitting, and the floor in a round.

use ibasho_protocol::FacilitatorAction;

use super::{Rooms, Who, policy};
use crate::control::{self, NotNow, RoomControl};
use crate::outbox::Outbox;
use crate::refusal::Refusal;

impl From<NotNow> for Refusal {
    fn from(NotNow: NotNow) -> Self {
        Refusal::NotNow
    }
}

impl Rooms {
    /// A facilitator's action on a room's sitting.
    pub async fn facilitate(
        &self,
        who: Who<'_>,
        room: &str,
        action: FacilitatorAction,
        minutes: Option<u32>,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        // Opening early comes before anyone can be in the room; the rest is done inside it.
        let found = if action == FacilitatorAction::OpenEarly {
            self.staff_at(who, room, conn).await?.0
        } else {
            self.staff_inside(who, room, conn).await?
        };
        let spec = &found.spec;
        let room = spec.id.as_str();
        let (rooms, hub) = (self, &*self.hub);
        let timing = &self.timing;
        let now = timing.now();
        let planned = rooms.current_sitting(spec);
        let result = match action {
            FacilitatorAction::OpenEarly => {
                if rooms.is_open(spec) {
                    return Err(Refusal::NotNow);
                }
                let next = timing.next_sitting(spec).ok_or(Refusal::NotNow)?;
                // The sitting before is closed first (everyone out, erased), so that nothing
                // of it reaches into this one, whatever the timetable's tick.
                if let Some(previous) = timing.last_end(spec) {
                    hub.close_room(room, previous)
                        .await
                        .map_err(|_| Refusal::Unavailable)?;
                }
                hub.update_control(room, |current| RoomControl::open_early(current, next, now))
                    .await
            }
            FacilitatorAction::Extend => {
                let minutes = minutes.unwrap_or(control::DEFAULT_EXTEND_MINUTES);
                let (_, planned_end) = planned.ok_or(Refusal::NotNow)?;
                // Never into the next sitting.
                let next = timing.next_start_after(spec, planned_end);
                hub.update_control(room, |current| {
                    RoomControl::for_sitting(current, planned).extend(minutes, now, next)
                })
                .await
            }
            FacilitatorAction::NextSegment | FacilitatorAction::PreviousSegment => {
                let segments = spec
                    .programme
                    .as_ref()
                    .map_or(0, |programme| programme.agenda.len());
                let by_clock = rooms.current_segment(spec);
                let forward = action == FacilitatorAction::NextSegment;
                hub.update_control(room, |current| {
                    RoomControl::for_sitting(current, planned)
                        .step_segment(segments, by_clock, forward)
                })
                .await
            }
            FacilitatorAction::StartRound => {
                let present = hub.members(room).await?;
                let by = who.handle.to_owned();
                hub.update_control(room, |current| {
                    RoomControl::for_sitting(current, planned)
                        .start_round(by.clone(), present.clone())
                })
                .await
            }
            FacilitatorAction::NextTurn => {
                let present = hub.member_handles(room).await?;
                hub.update_control(room, |current| {
                    RoomControl::for_sitting(current, planned).next_turn(&present)
                })
                .await
            }
            FacilitatorAction::EndRound => {
                hub.update_control(room, |current| {
                    RoomControl::for_sitting(current, planned).end_round()
                })
                .await
            }
        };
        tracing::debug!(action = ?action, "facilitated");
        Ok(result??)
    }

    /// In a round, on one's turn: gives the floor on without speaking.
    pub async fn pass(&self, who: Who<'_>, room: &str, conn: &Outbox) -> Result<(), Refusal> {
        let found = self.inside(who, room, conn).await?;
        let spec = &found.spec;
        let present = self.hub.member_handles(&spec.id).await?;
        let actor = super::Actor {
            handle: who.handle,
            role: who.role,
            staff: who.staff.is_some(),
            member: true,
            sanctions: None,
        };
        self.hub
            .update_control(&spec.id, |current| {
                let state = self.state(spec);
                // Decided on the control as the store has it now, not this node's copy.
                let now = super::RoomNow {
                    control: current,
                    ..state.now()
                };
                policy::pass(now, actor)?;
                Ok(current.cloned().unwrap_or_default().next_turn(&present)?)
            })
            .await?
    }
}
