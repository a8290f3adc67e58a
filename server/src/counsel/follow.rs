//! Following requests for this node's sessions: on every change anywhere (the store's
//! `Escalation` events), each person here is told where their request stands, each
//! facilitator here the status of what they escalated, and each counselor on duty here the
//! queue and any urgent escalation — each only when what they would be told changed.
//!
//! One task per node does this, in order, so that an older view never overtakes a newer one.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ibasho_moderation::escalation::{self, State, Urgency};
use ibasho_protocol::{EscalationState, ServerMsg};
use tokio::sync::mpsc;

use super::Counsel;
use super::views::{self, DeskNow, Queueing};
use super::watch::{ForSession, Last};
use crate::hub::CaseEvent;
use crate::outbox::Outbox;
use crate::store::escalations::{bus_key, read_all};
use crate::store::private_rooms::CASE_ROOM_SEATS;
use crate::store::{Escalation, StoreEvent, escalation_key, session_key};
use crate::token::SessionToken;

/// Whether `record` still has the staff member `handle` observing it in `room`.
fn observes(record: &Escalation, handle: &str, room: &str) -> bool {
    record.observer.as_deref() == Some(handle) && record.private_room.as_deref() == Some(room)
}

/// Sends `frame` unless it is what was last told of the same thing.
fn tell(conn: &Outbox, last: &mut Last, frame: &ServerMsg) {
    if last.is_news(frame) {
        conn.send(frame);
    }
}

impl Counsel {
    /// The follower: the hub's events, a tick for leases, and wake-ups from this node's own
    /// changes; after each, everyone here is told what changed.
    pub(super) async fn follow(self: Arc<Self>, mut events: mpsc::Receiver<CaseEvent>) {
        let mut tick = tokio::time::interval(self.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            // Whether anything came that may change what someone here is told: a session
            // that ended with nothing to do with a counselor does not make the desk look at
            // every request and everyone again (thousands, as people come and go).
            let mut look = true;
            tokio::select! {
                event = events.recv() => match event {
                    Some(event) => look = self.on_event(event).await,
                    None => return,
                },
                _ = tick.tick() => {
                    if !self.keep_leases().await {
                        // A lease could not be renewed: again soon, well before it lapses.
                        tick.reset_after(self.tick / 4);
                    }
                }
                () = self.wake.notified() => {}
                () = self.shutdown.cancelled() => return,
            }
            while let Ok(event) = events.try_recv() {
                look |= self.on_event(event).await;
            }
            if self
                .overflowed
                .swap(false, std::sync::atomic::Ordering::AcqRel)
            {
                self.resync().await;
                look = true;
            }
            if !look {
                continue;
            }
            if let Err(err) = self.tell_everyone().await {
                tracing::warn!(error = %err, "could not follow requests to talk with a counselor");
            }
        }
    }

    /// Takes in one event; whether it may change what someone here is told.
    async fn on_event(&self, event: CaseEvent) -> bool {
        match event {
            CaseEvent::Store(StoreEvent::Escalation { id, over }) => {
                if let Some(over) = over {
                    self.overs().insert(id, over);
                }
            }
            CaseEvent::Store(StoreEvent::Bound { session }) => {
                let found = self
                    .hub
                    .local_sessions()
                    .into_iter()
                    .find(|(token, _)| escalation_key(&session_key(token)) == session);
                if let Some((token, _)) = found {
                    match self.store.bound_escalation(&session_key(&token)).await {
                        Ok(Some(id)) => self.watch().follow_person(&token, &id),
                        Ok(None) => {}
                        Err(err) => tracing::warn!(error = %err, "could not read a binding"),
                    }
                }
            }
            CaseEvent::Store(StoreEvent::Health(true)) => {
                self.watch().retell_everyone();
                // Leases could not be renewed while the store was away: every node renews
                // first, and nobody sweeps for a lease's time.
                self.hold_sweeps();
                self.keep_leases().await;
            }
            CaseEvent::Store(_) => {}
            CaseEvent::SessionEnded { token, staff } => {
                return self.session_ended(&token, staff).await;
            }
        }
        true
    }

    /// Events were dropped (the hub's queue to the desk was full): everyone here is told
    /// where they stand again, and sessions this node no longer holds are taken as ended —
    /// whatever a dropped event said, a lease or this look makes it so.
    async fn resync(&self) {
        let held: std::collections::HashSet<SessionToken> = self
            .hub
            .local_sessions()
            .into_iter()
            .map(|(token, _)| token)
            .collect();
        let gone: Vec<SessionToken> = {
            let mut watch = self.watch();
            watch.retell_everyone();
            watch
                .persons
                .keys()
                .chain(watch.staff.keys())
                .filter(|token| !held.contains(*token))
                .cloned()
                .collect()
        };
        // (A counselor's duty and cases end by their leases, which nobody here renews now.)
        for token in gone {
            self.session_ended(&token, None).await;
        }
        // Bindings made meanwhile: every session here reads its own again.
        for token in held {
            if let Ok(Some(id)) = self.store.bound_escalation(&session_key(&token)).await {
                self.watch().follow_person(&token, &id);
            }
        }
    }

    /// A session here ended: its request is cancelled (or its case ended); a counselor's
    /// duty ends and their cases go back to the head of the queue, unless another session of
    /// theirs is still here.
    /// A session here ended: its request ends with it, and a counselor's duty and cases
    /// when it was their last session. Whether it had anything to do with a counselor.
    async fn session_ended(&self, token: &SessionToken, staff: Option<String>) -> bool {
        let person = self.watch().forget(token);
        let followed = person.is_some();
        if let Some(id) = person
            && let Ok((before, after, ())) = self
                .change(&id, |record| {
                    record.case.session_ended();
                    Ok(())
                })
                .await
        {
            self.finish(&before, &after).await;
        }
        let Some(handle) = staff else {
            return followed;
        };
        let still_here = self
            .hub
            .local_staff_sessions()
            .into_iter()
            .any(|(other, staff)| &other != token && staff == handle);
        if !still_here {
            if let Err(err) = self.store.set_duty(&handle, None).await {
                tracing::warn!(error = %err, "could not end a counselor's duty");
            }
            self.lose_cases_of(&handle).await;
        }
        true
    }

    /// Looks at every request and tells everyone here what changed for them.
    async fn tell_everyone(&self) -> Result<(), crate::store::StoreError> {
        let all: HashMap<String, Escalation> = read_all(&*self.store)
            .await?
            .into_iter()
            .map(|(_, record)| (record.id.clone(), record))
            .collect();
        let on_duty = self.store.on_duty(self.now()).await?;
        let recent = self
            .store
            .recent_waits()
            .await?
            .into_iter()
            .map(Duration::from_secs)
            .collect();
        let order: Vec<String> =
            escalation::queue(all.iter().map(|(id, record)| (id.as_str(), &record.case)))
                .into_iter()
                .map(str::to_owned)
                .collect();
        let local_now = self.timing.local_now();
        let staff = self.staff_accounts();
        let queued_desk = order
            .iter()
            .filter_map(|id| Some((id.clone(), self.desk_of(&staff, all.get(id)?).id.clone())))
            .collect();
        let desks = staff
            .desks()
            .all()
            .iter()
            .map(|desk| DeskNow {
                id: desk.id.clone(),
                name: desk.name.clone(),
                name_en: desk.name_en.clone(),
                on_duty: u32::try_from(
                    on_duty
                        .iter()
                        .filter(|handle| staff.serves(handle, &desk.id))
                        .count(),
                )
                .unwrap_or(u32::MAX),
                next_on_duty: staff
                    .next_on_duty(desk, local_now)
                    .and_then(|at| self.timing.instant(at)),
            })
            .collect();
        let queueing = Queueing {
            order,
            queued_desk,
            desks,
            recent,
            on_duty,
            lines: self.protection.everyday_lines(local_now),
            crisis_lines: self.protection.support_lines(local_now),
        };
        let oldest = queueing
            .order
            .iter()
            .filter_map(|id| all.get(id))
            .map(|record| match record.case.state {
                State::Queued { since, .. } => since,
                _ => record.created,
            })
            .min();
        *self
            .queue_now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = (queueing.order.len(), oldest);
        let overs = self.overs().clone();
        let (joins, done) = self.tell_persons(&all, &queueing, &overs);
        let leaves = self.tell_staff(&all, &queueing, &overs);
        // Observers no longer observing (declined, or left by themselves) leave the room
        // (unless they are out already, or the room closed with a transfer or an end).
        for (token, room) in leaves {
            if let Err(err) = self.hub.leave(&room, &token).await
                && !matches!(
                    err,
                    crate::refusal::Refusal::NotInRoom | crate::refusal::Refusal::NoSuchRoom
                )
            {
                tracing::warn!(code = err.code().as_str(), "could not take an observer out");
            }
        }
        // An end is kept until everyone here who follows that request was told (someone
        // waiting for a resume is told when they are back).
        let followed = self.watch().followed();
        self.overs().retain(|key, _| followed.contains(key));
        for (token, room) in joins {
            self.join_case_room(&token, &room).await;
        }
        // A request that is over no longer binds its session (a newer binding stays).
        for (token, id) in done {
            self.unbind(&token, &id).await;
        }
        Ok(())
    }

    /// Tells each person here where their request stands; returns the counselor's rooms to
    /// put people in, and the sessions whose request is over.
    fn tell_persons(
        &self,
        all: &HashMap<String, Escalation>,
        queueing: &Queueing,
        overs: &HashMap<String, EscalationState>,
    ) -> (Vec<ForSession>, Vec<ForSession>) {
        let mut joins = Vec::new();
        let mut done = Vec::new();
        let mut watch = self.watch();
        watch.persons.retain(|token, person| {
            let ended = overs.get(&bus_key(&person.id)).copied();
            let Some(conn) = self.hub.connection(token) else {
                // Waiting for a resume (told when it comes back), or just ended (the hub's
                // word of it is on its way, and cancels the request): kept.
                return true;
            };
            match all.get(&person.id) {
                Some(record) => {
                    person.source = record.case.source;
                    if let (State::Connected { .. }, Some(room)) =
                        (&record.case.state, &record.private_room)
                        && person.joined.as_ref() != Some(room)
                    {
                        person.joined = Some(room.clone());
                        joins.push((token.clone(), room.clone()));
                        // Told once the person is in the room.
                        return true;
                    }
                    tell(
                        &conn,
                        &mut person.last,
                        &views::for_person(record, queueing),
                    );
                    // An observer is told at once, and that they left.
                    let present = record.observer.is_some() && record.private_room.is_some();
                    if person.observed.unwrap_or(false) != present {
                        conn.send(&self.observer_frame(record));
                    }
                    person.observed = Some(present);
                    person.found();
                    if record.case.is_over() {
                        done.push((token.clone(), person.id.clone()));
                    }
                    !record.case.is_over()
                }
                None => {
                    if let Some(state) = ended {
                        let lines = queueing.lines_for(person.source);
                        let frame = views::ended_for_person(&person.id, state, lines);
                        tell(&conn, &mut person.last, &frame);
                        done.push((token.clone(), person.id.clone()));
                        return false;
                    }
                    // Not in this look, and no end heard of: made just now (after the look
                    // began), or erased after its reading grace. Dropped only after a few
                    // looks, and never unbound on a guess.
                    person.missed()
                }
            }
        });
        (joins, done)
    }

    /// Puts a person into their counselor's room on this node, then tells them.
    async fn join_case_room(&self, token: &SessionToken, room: &str) {
        let Some(conn) = self.hub.connection(token) else {
            return;
        };
        self.hub.follow(room, CASE_ROOM_SEATS);
        if let Err(err) = self.hub.join(room, token, false, &conn, None).await {
            tracing::warn!(
                code = err.code().as_str(),
                "could not put a person in a counselor's room"
            );
        }
        self.wake.notify_one();
    }

    /// Tells each staff member here what they follow: the queue of the desks they serve and
    /// urgent escalations (counselors on duty), the overview and calls for help
    /// (supervisors on duty), their cases and their observer (counselors), the cases they
    /// observe (supervisors), their escalations' status (facilitators). Returns the
    /// observers to take out of a room (no longer observing it).
    fn tell_staff(
        &self,
        all: &HashMap<String, Escalation>,
        queueing: &Queueing,
        overs: &HashMap<String, EscalationState>,
    ) -> Vec<ForSession> {
        let now = self.now();
        let accounts = self.staff_accounts();
        let urgent: Vec<&Escalation> = all
            .values()
            .filter(|record| {
                record.case.state == State::Asked
                    && record.case.urgency == Urgency::Urgent
                    && record.room.is_some()
            })
            .collect();
        let (overview, overview_key) = views::overview(
            queueing,
            all,
            |handle, desk| accounts.serves(handle, desk),
            |record| self.desk_of(&accounts, record).id.clone(),
            now,
        );
        let mut leaves = Vec::new();
        let mut watch = self.watch();
        for (token, handle) in self.hub.local_staff_sessions() {
            let Some(conn) = self.hub.connection(&token) else {
                // Waiting for a resume: an observer no longer observing still leaves.
                if let Some(staff) = watch.staff.get_mut(&token) {
                    staff.observing.retain(|id, room| {
                        let still = all
                            .get(id)
                            .is_some_and(|record| observes(record, &handle, room));
                        if !still {
                            leaves.push((token.clone(), room.clone()));
                        }
                        still
                    });
                }
                continue;
            };
            let mine = |record: &&Escalation| {
                record.counselor() == Some(handle.as_str())
                    || record.facilitator.as_deref() == Some(handle.as_str())
            };
            if !watch.staff.contains_key(&token) && !all.values().any(|record| mine(&record)) {
                continue;
            }
            let supervisor = accounts.supervises(&handle);
            let staff = watch.staff.entry(token.clone()).or_default();
            if staff.on_duty && !supervisor {
                let items = views::queue(
                    queueing,
                    all,
                    |desk| accounts.serves(&handle, desk),
                    |room| self.room_title(room),
                    now,
                );
                let queue_key: String = items
                    .iter()
                    .map(|item| {
                        format!(
                            "{}:{}:{:?}:{}:{:?};",
                            item.escalation_id,
                            item.urgency.as_str(),
                            item.desk,
                            item.transferred,
                            item.note
                        )
                    })
                    .collect();
                if staff.last_queue.as_deref() != Some(queue_key.as_str()) {
                    conn.send(&ServerMsg::Queue { items });
                    staff.last_queue = Some(queue_key);
                }
                staff.told_urgent.retain(|id| all.contains_key(id));
                for record in &urgent {
                    if staff.told_urgent.insert(record.id.clone())
                        && let Some(room) = &record.room
                    {
                        conn.send(&ServerMsg::Urgent {
                            room: room.clone(),
                            room_title: self.room_title(Some(room)).unwrap_or_default(),
                        });
                    }
                }
            }
            if staff.on_duty && supervisor {
                if staff.last_overview.as_deref() != Some(overview_key.as_str()) {
                    conn.send(&overview);
                    staff.last_overview = Some(overview_key.clone());
                }
                let mut calls = std::collections::HashSet::new();
                for record in all.values() {
                    let Some(asked) = record.help_asked else {
                        continue;
                    };
                    if record.counselor().is_none() {
                        continue;
                    }
                    let call = format!("{}:{asked}", record.id);
                    if staff.told_calls.insert(call.clone()) {
                        let desk = self.desk_of(&accounts, record);
                        conn.send(&ServerMsg::SupervisorCall {
                            escalation_id: record.id.clone(),
                            desk: desk.id.clone(),
                            desk_name: desk.name.clone(),
                            waiting_seconds: now.saturating_sub(asked) / 1000,
                        });
                    }
                    calls.insert(call);
                }
                staff.told_calls.retain(|call| calls.contains(call));
            }
            for record in all.values() {
                if record.counselor() == Some(handle.as_str()) {
                    staff.cases.entry(record.id.clone()).or_default();
                }
                if record.facilitator.as_deref() == Some(handle.as_str()) {
                    staff.escalated.entry(record.id.clone()).or_default();
                }
            }
            let observed = &mut staff.observed;
            staff.cases.retain(|id, last| match all.get(id) {
                Some(record) if record.counselor() == Some(handle.as_str()) => {
                    tell(&conn, last, &views::for_counselor(record));
                    let present = record.observer.is_some() && record.private_room.is_some();
                    if observed.get(id).copied().unwrap_or(false) != present {
                        conn.send(&self.observer_frame(record));
                    }
                    observed.insert(id.clone(), present);
                    true
                }
                Some(record) => {
                    if record.final_state().is_some() {
                        tell(&conn, last, &views::for_counselor(record));
                    }
                    observed.remove(id);
                    false
                }
                None => {
                    if let Some(state) = overs.get(&bus_key(id)) {
                        tell(&conn, last, &views::ended(id, *state));
                    }
                    observed.remove(id);
                    false
                }
            });
            staff.observing.retain(|id, room| {
                let still = all
                    .get(id)
                    .is_some_and(|record| observes(record, &handle, room));
                if !still {
                    conn.send(&ServerMsg::Observer {
                        escalation_id: id.clone(),
                        present: false,
                    });
                    leaves.push((token.clone(), room.clone()));
                }
                still
            });
            staff.escalated.retain(|id, last| match all.get(id) {
                Some(record) => {
                    let status = views::status(record.case.facilitator_view());
                    tell(&conn, last, &views::for_facilitator(record, status));
                    !record.case.is_over()
                }
                None => {
                    if let Some(state) = overs.get(&bus_key(id)) {
                        let frame = ServerMsg::EscalationStatus {
                            escalation_id: id.clone(),
                            status: views::status_of_end(*state),
                            room: None,
                            handle: None,
                        };
                        tell(&conn, last, &frame);
                    }
                    false
                }
            });
        }
        leaves
    }
}
