//! Several agencies behind one door: a case passed to another desk (`transfer`), a supervisor
//! in a case's 1:1 room (`observe`, which the person is told of at once and may decline),
//! staff-only whispers between a case's counselor and its observer, and a counselor's call
//! for a supervisor. Each step is a compare-and-swap of the case's record (see
//! [`Counsel::change`]); every node tells its own people and staff what changed (`follow`).
//!
//! Nothing here outlives the case: the note, the observer and the call are fields of the
//! record, erased with it; a whisper is never stored at all (delivered to the staff of the
//! case's room only, and — on Redis — its bus entry erased with the room). No log line and no
//! audit entry names a case, a handle or words: the audit says the action, the desk and when.

use ibasho_moderation::escalation::State;
use ibasho_protocol::{
    AuditEntry, MAX_TRANSFER_NOTE_CHARS, MAX_WHISPER_CHARS, ServerMsg, StaffRole,
};

use super::{Counsel, refused};
use crate::hub::audit::PARTICIPANT;
use crate::outbox::Outbox;
use crate::refusal::{BadRequest, Refusal};
use crate::store::escalations::read_one;
use crate::store::private_rooms::CASE_ROOM_SEATS;
use crate::token::SessionToken;

/// Whether `handle` may observe the case now: with its counselor in its room, not declined by
/// the person, and nobody else observing.
fn may_observe(record: &crate::store::Escalation, handle: &str) -> Result<(), Refusal> {
    if record.case.is_over() {
        return Err(Refusal::NoSuchEscalation);
    }
    if record.declined_observers.iter().any(|gone| gone == handle) {
        return Err(Refusal::Forbidden);
    }
    let with_counselor = matches!(record.case.state, State::Connected { .. });
    if !with_counselor || record.private_room.is_none() {
        return Err(Refusal::CaseNotNow);
    }
    match &record.observer {
        Some(other) if other != handle => Err(Refusal::CaseNotNow),
        _ => Ok(()),
    }
}

/// Refuses text longer than `max` characters.
fn at_most(text: &str, max: usize) -> Result<(), Refusal> {
    if text.chars().count() > max {
        return Err(Refusal::TooLong { max_chars: max });
    }
    Ok(())
}

impl Counsel {
    /// The case's counselor (or, while it waits unclaimed, who transferred it), or any
    /// supervisor, puts a case at the head of `desk`'s queue with an optional staff-only
    /// note for that desk. The person keeps their place in line and what they shared; if
    /// nobody serving `desk` is on duty, `conn` is told (`transfer_waiting`).
    pub async fn transfer(
        &self,
        handle: &str,
        role: StaffRole,
        id: &str,
        desk: &str,
        note: Option<String>,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let note = note.filter(|note| !note.trim().is_empty());
        if let Some(note) = &note {
            at_most(note, MAX_TRANSFER_NOTE_CHARS)?;
        }
        let staff = self.staff_accounts();
        let target = staff.desks().get(desk).ok_or(Refusal::NoSuchDesk)?;
        let supervisor = role == StaffRole::Supervisor;
        let now = self.now();
        let (before, _, ()) = self
            .change(id, |record| {
                if record.case.is_over() {
                    return Err(Refusal::NoSuchEscalation);
                }
                let waiting_from_them = matches!(record.case.state, State::Queued { .. })
                    && record.transferred_by.as_deref() == Some(handle);
                let theirs = record.counselor() == Some(handle) || waiting_from_them;
                if !supervisor && !theirs {
                    return Err(Refusal::Forbidden);
                }
                record.case.transfer(now).map_err(refused)?;
                record.desk = target.id.clone();
                record.note = note.clone();
                record.transferred_by = Some(handle.to_owned());
                record.private_room = None;
                record.leave_the_room();
                Ok(())
            })
            .await?;
        self.close_room(before.private_room.as_deref()).await;
        self.audit_desk(role.as_str(), "transfer", &target.id).await;
        let on_duty = self.store.on_duty(now).await?;
        if !on_duty.iter().any(|on| staff.serves(on, &target.id)) {
            conn.send(&ServerMsg::TransferWaiting {
                escalation_id: id.to_owned(),
                desk: target.id.clone(),
                desk_name: target.name.clone(),
            });
        }
        Ok(())
    }

    /// A supervisor joins a case's 1:1 room as its observer: one at a time, never one the
    /// person declined. In the room first, recorded after: the person (told by their node when
    /// the record changes) hears of an observer only once the observer is really there.
    pub async fn observe(
        &self,
        token: &SessionToken,
        handle: &str,
        id: &str,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let (_, before) = read_one(&*self.store, id)
            .await?
            .ok_or(Refusal::NoSuchEscalation)?;
        may_observe(&before, handle)?;
        let Some(room) = before.private_room.clone() else {
            return Err(Refusal::CaseNotNow);
        };
        self.hub.follow(&room, CASE_ROOM_SEATS);
        self.hub.join(&room, token, true, conn, None).await?;
        let until = self.lease_end();
        let recorded = self
            .change(id, |record| {
                may_observe(record, handle)?;
                if record.private_room.as_deref() != Some(room.as_str()) {
                    return Err(Refusal::CaseNotNow);
                }
                record.observer = Some(handle.to_owned());
                record.observer_until = until;
                Ok(())
            })
            .await;
        let record = match recorded {
            Ok((_, record, ())) => record,
            Err(refusal) => {
                // Not its observer (another came first, or the case moved on): not in the
                // room either.
                if let Err(err) = self.hub.leave(&room, token).await
                    && err != Refusal::NotInRoom
                {
                    tracing::warn!(code = err.code().as_str(), "could not take an observer out");
                }
                return Err(refusal);
            }
        };
        self.watch().follow_observed(token, id, &room);
        conn.send(&self.observer_case_frame(&record));
        conn.send(&self.observer_frame(&record));
        self.audit_desk(StaffRole::Supervisor.as_str(), "observe", &record.desk)
            .await;
        self.wake.notify_one();
        Ok(())
    }

    /// Takes an observer who is no longer one out of the case's room, on whichever node they
    /// are (their node may have died, leaving their seat taken until their session expires):
    /// the seat is free for another supervisor at once. Their connections, if any, hear that
    /// they no longer observe.
    pub(super) async fn take_observer_out(&self, id: &str, room: &str, handle: &str) {
        let farewell = ServerMsg::Observer {
            escalation_id: id.to_owned(),
            present: false,
        };
        if let Err(err) = self.hub.take_out(room, handle, &farewell).await {
            tracing::warn!(code = err.code().as_str(), "could not take an observer out");
        }
    }

    /// The person asks the observer to leave (who may then never come back to this case),
    /// or the observer (`staff`: their handle) leaves by themselves.
    pub async fn decline_observer(
        &self,
        token: &SessionToken,
        staff: Option<&str>,
        id: &str,
    ) -> Result<(), Refusal> {
        if let Some(handle) = staff {
            let (_, record) = read_one(&*self.store, id)
                .await?
                .ok_or(Refusal::NoSuchEscalation)?;
            if record.observer.as_deref() != Some(handle) {
                return Err(if record.case.is_over() {
                    Refusal::NoSuchEscalation
                } else {
                    Refusal::Forbidden
                });
            }
            self.change(id, |record| {
                if record.observer.as_deref() == Some(handle) {
                    record.observer = None;
                }
                Ok(())
            })
            .await?;
            self.wake.notify_one();
            return Ok(());
        }
        self.own(token, id).await?;
        let (before, record, ()) = self
            .change(id, |record| match record.observer.take() {
                Some(observer) => {
                    record.declined_observers.push(observer);
                    Ok(())
                }
                None => Err(Refusal::CaseNotNow),
            })
            .await?;
        // Out at once, even if the observer's node is gone and cannot take them out itself.
        if let (Some(observer), Some(room)) = (&before.observer, &before.private_room) {
            self.take_observer_out(id, room, observer).await;
        }
        self.audit_desk(PARTICIPANT, "decline_observer", &record.desk)
            .await;
        self.wake.notify_one();
        Ok(())
    }

    /// A staff-only message inside a case, between its counselor and its observer: told to
    /// the staff of the case's room alone, on every node, and kept nowhere.
    pub async fn whisper(&self, handle: &str, id: &str, text: String) -> Result<(), Refusal> {
        if text.trim().is_empty() {
            return Err(Refusal::BadRequest(BadRequest::EmptyText));
        }
        at_most(&text, MAX_WHISPER_CHARS)?;
        let (_, record) = read_one(&*self.store, id)
            .await?
            .ok_or(Refusal::NoSuchEscalation)?;
        if record.case.is_over() {
            return Err(Refusal::NoSuchEscalation);
        }
        let staff_of_case =
            record.counselor() == Some(handle) || record.observer.as_deref() == Some(handle);
        if !staff_of_case {
            return Err(Refusal::Forbidden);
        }
        let (Some(room), Some(_)) = (&record.private_room, &record.observer) else {
            return Err(Refusal::CaseNotNow);
        };
        let frame = ServerMsg::Whisper {
            escalation_id: id.to_owned(),
            from: handle.to_owned(),
            text,
        };
        self.hub.tell_staff(room, &frame).await
    }

    /// The case's counselor asks for a supervisor: every supervisor on duty, on every node,
    /// is called (`supervisor_call`: the desk and how long they have waited).
    pub async fn ask_supervisor(&self, handle: &str, id: &str) -> Result<(), Refusal> {
        let now = self.now();
        let (_, record, ()) = self
            .change(id, |record| {
                if record.case.is_over() {
                    return Err(Refusal::NoSuchEscalation);
                }
                if record.counselor() != Some(handle) {
                    return Err(Refusal::Forbidden);
                }
                record.help_asked.get_or_insert(now);
                Ok(())
            })
            .await?;
        self.audit_desk(
            StaffRole::Counselor.as_str(),
            "ask_supervisor",
            &record.desk,
        )
        .await;
        self.wake.notify_one();
        Ok(())
    }

    /// The `case` frame for the supervisor observing it: what its counselor knows of it (they
    /// are there to support them) but a transfer's note, which is the receiving desk's alone.
    pub(super) fn observer_case_frame(&self, record: &crate::store::Escalation) -> ServerMsg {
        let mut case = self.case_frame(record);
        if let ServerMsg::Case {
            observing, note, ..
        } = &mut case
        {
            *observing = true;
            *note = None;
        }
        case
    }

    /// What the case's staff and the person are told of its observer now.
    pub(super) fn observer_frame(&self, record: &crate::store::Escalation) -> ServerMsg {
        ServerMsg::Observer {
            escalation_id: record.id.clone(),
            present: record.observer.is_some() && record.private_room.is_some(),
        }
    }

    /// A step of supervision in the audit log: who by role only, the action, the desk, the
    /// time — never the case, a room or a handle.
    pub(super) async fn audit_desk(&self, actor: &str, action: &str, desk: &str) {
        self.hub
            .audit(AuditEntry {
                at: self.timing.now(),
                actor: actor.to_owned(),
                action: action.to_owned(),
                room: None,
                target: None,
                reason: None,
                desk: Some(desk.to_owned()).filter(|desk| !desk.is_empty()),
            })
            .await;
    }
}
