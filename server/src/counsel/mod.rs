//! The counselor desk: requests to talk with a counselor, from asking (or a facilitator's
//! escalation and the person's consent) through the queue to a counselor's 1:1 room and the
//! end of the case — on every node, in both stores.
//!
//! The state machine is `ibasho_moderation::escalation`; the records are the store's
//! `escalations` collection, changed by compare-and-swap ([`Counsel::change`]) so that
//! exactly one claim wins across nodes. This node follows the requests of its own sessions
//! and tells its people, facilitators and counselors where things stand (`follow`, with its
//! bookkeeping in `watch`), renews the leases of what it holds and sweeps what a dead node
//! left (`leases`). Frames are made from records in `views`. Every time is the service's
//! clock (`Timing::now`, injected); the hub's events reach the desk through a bounded queue
//! (`hub::CaseFeed`).
//!
//! Never linked to a case record: a session is bound to its request through the request's
//! id (the session's record points to it, never the reverse), and that binding goes with the
//! session; a counselor's room admits the person as "the session bound to this case".
//!
//! Layers: `ws` → `counsel` → `hub` → `store`; beside `rooms`, whose timing and directory
//! (where 1:1 rooms are made) it uses. A handler calls one operation here per frame.

mod follow;
mod leases;
mod supervision;
mod views;
mod watch;

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use ibasho_moderation::escalation::{Case, Refused, Source, State, Urgency};
use ibasho_protocol::{CaseOutcome, EscalationState, ExcerptItem, StaffRole};
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

use crate::catalogue::Catalogue;
use crate::desks::{Answers, Desk};
use crate::figures::{Figures, name};
use crate::hub::audit::PARTICIPANT;
use crate::hub::{CaseFeed, Hub};
use crate::outbox::Outbox;
use crate::protection::Protection;
use crate::refusal::{BadRequest, Refusal};
use crate::rooms::{Directory, Timing};
use crate::staff::StaffAccounts;
use crate::store::escalations::{bus_key, read_one};
use crate::store::{Escalation, EscalationSwap, Store, session_key};
use crate::token::SessionToken;

use watch::Watch;

/// At most this many messages go into a facilitator's escalation.
pub const MAX_EXCERPT: usize = 20;

/// How long a case the person ended waits for its counselor to record the outcome (its
/// record holds nothing of the person by then), unless the reading grace is longer; past
/// it, `outcomes:none` is counted.
pub const OUTCOME_WINDOW: Duration = Duration::from_secs(60 * 60);

/// The live staff accounts (the staff file can be read again while running).
pub type LiveStaff = Arc<RwLock<Arc<StaffAccounts>>>;

/// What the desk needs from the rest of the server.
pub struct CounselParts {
    pub store: Arc<dyn Store>,
    pub hub: Arc<Hub>,
    pub catalogue: Arc<Catalogue>,
    pub protection: Arc<Protection>,
    pub staff: LiveStaff,
    pub timing: Timing,
    /// Where the 1:1 rooms are made (the room layer's directory, shared).
    pub directory: Arc<Directory>,
    pub grace: Duration,
    pub lease: Duration,
    pub tick: Duration,
    pub shutdown: CancellationToken,
    /// Where requests, consents, claims and outcomes are counted (totals only).
    pub figures: Arc<Figures>,
}

pub struct Counsel {
    store: Arc<dyn Store>,
    figures: Arc<Figures>,
    hub: Arc<Hub>,
    catalogue: Arc<Catalogue>,
    protection: Arc<Protection>,
    staff: LiveStaff,
    timing: Timing,
    directory: Arc<Directory>,
    grace: Duration,
    lease: Duration,
    tick: Duration,
    shutdown: CancellationToken,
    /// What this node follows for its sessions, and what it last told each.
    watch: Mutex<Watch>,
    /// Requests that ended (by `bus_key`), with the state they ended as (their records may
    /// be erased already), until everyone here who follows them was told.
    overs: Mutex<HashMap<String, EscalationState>>,
    /// Asks the follower to look again now.
    wake: Notify,
    /// No sweeps before then (ms): see `leases::hold_sweeps`.
    sweep_after: std::sync::atomic::AtomicU64,
    /// The hub dropped events (its queue to the desk was full): look at everything again.
    overflowed: Arc<AtomicBool>,
    /// The queue as last looked at: its length and the oldest request's time in it (ms).
    queue_now: Mutex<(usize, Option<u64>)>,
}

/// How many of the hub's events may wait for the desk before it looks at everything again.
const CASE_EVENTS: usize = 4096;

/// A case's step, as the state machine refuses it, on the wire.
fn refused(refused: Refused) -> Refusal {
    match refused {
        Refused::NotNow => Refusal::CaseNotNow,
        Refused::NotInExcerpt => Refusal::BadRequest(BadRequest::NotInExcerpt),
        // Someone else's case: the answer an unknown one gets.
        Refused::NotYours => Refusal::NoSuchEscalation,
    }
}

/// Milliseconds since the epoch.
fn ms(at: jiff::Timestamp) -> u64 {
    u64::try_from(at.as_millisecond()).unwrap_or(0)
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl Counsel {
    /// The desk of this node: it starts following the hub's escalation events.
    pub fn start(parts: CounselParts) -> Arc<Counsel> {
        let (sender, events) = mpsc::channel(CASE_EVENTS);
        let overflowed = Arc::new(AtomicBool::new(false));
        parts.hub.forward_cases(CaseFeed {
            events: sender,
            overflowed: Arc::clone(&overflowed),
        });
        let counsel = Arc::new(Counsel {
            store: parts.store,
            figures: parts.figures,
            hub: parts.hub,
            catalogue: parts.catalogue,
            protection: parts.protection,
            staff: parts.staff,
            timing: parts.timing,
            directory: parts.directory,
            grace: parts.grace.min(crate::settings::MAX_CASE_GRACE),
            lease: parts.lease,
            tick: parts.tick,
            shutdown: parts.shutdown,
            watch: Mutex::new(Watch::default()),
            overs: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            sweep_after: std::sync::atomic::AtomicU64::new(0),
            overflowed,
            queue_now: Mutex::new((0, None)),
        });
        // A node that starts renews before it sweeps what others left.
        counsel.hold_sweeps();
        tokio::spawn(Arc::clone(&counsel).follow(events));
        counsel
    }

    fn watch(&self) -> MutexGuard<'_, Watch> {
        self.watch
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Now, in ms since the epoch, by the service's clock (injected: a test moves it).
    /// Cases are stamped with it and leases counted in it: the desk reads no other clock.
    fn now(&self) -> u64 {
        ms(self.timing.now())
    }

    fn lease_end(&self) -> u64 {
        self.now() + duration_ms(self.lease)
    }

    /// The request the session is bound to, if it is `id`: anything else (unknown, over,
    /// someone else's) is `no_such_escalation`.
    async fn own(&self, token: &SessionToken, id: &str) -> Result<(), Refusal> {
        let bound = self.store.bound_escalation(&session_key(token)).await?;
        if bound.as_deref() == Some(id) {
            Ok(())
        } else {
            Err(Refusal::NoSuchEscalation)
        }
    }

    /// Changes a request's record by `step`, by compare-and-swap (read again and retried if
    /// another node changed it meanwhile). An over request is erased at once, or kept for
    /// the counselor's reading grace when a counselor ended it, or — stripped of the person —
    /// for the counselor to record the outcome when the person ended it. Returns the record
    /// before and after.
    async fn change<T>(
        &self,
        id: &str,
        mut step: impl FnMut(&mut Escalation) -> Result<T, Refusal>,
    ) -> Result<(Escalation, Escalation, T), Refusal> {
        for _ in 0..16 {
            let Some((stored, before)) = read_one(&*self.store, id).await? else {
                return Err(Refusal::NoSuchEscalation);
            };
            let mut after = before.clone();
            let out = step(&mut after)?;
            let over = after
                .final_state()
                .filter(|_| before.final_state().is_none());
            if over.is_some() {
                // Its room goes: nobody observes an ended case, nobody is called for it.
                after.leave_the_room();
            }
            let awaiting = after.case.awaiting_outcome_from().is_some();
            let new = match over {
                // The person left: nothing of them stays; the counselor records the outcome.
                Some(_) if awaiting => {
                    after.forget_the_person();
                    let window = self.grace.max(OUTCOME_WINDOW);
                    after.erase_at = Some(self.now() + duration_ms(window));
                    Some(after.encode()?)
                }
                // Kept for the counselor's reading grace, then swept.
                Some(EscalationState::Ended) if self.grace > Duration::ZERO => {
                    after.erase_at = Some(self.now() + duration_ms(self.grace));
                    Some(after.encode()?)
                }
                // Over: erased at once.
                Some(_) => None,
                // The outcome of a case the person ended is recorded: nothing stays.
                None if before.case.awaiting_outcome_from().is_some() && !awaiting => None,
                None => Some(after.encode()?),
            };
            if self
                .store
                .swap_escalation(
                    id,
                    EscalationSwap {
                        expected: &stored,
                        new: new.as_deref(),
                        over,
                    },
                )
                .await?
            {
                if let Some(over) = over {
                    self.overs().insert(bus_key(id), over);
                }
                self.wake.notify_one();
                return Ok((before, after, out));
            }
        }
        tracing::warn!("an escalation kept changing under us");
        Err(Refusal::Unavailable)
    }

    fn overs(&self) -> MutexGuard<'_, HashMap<String, EscalationState>> {
        self.overs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A person asks to talk with a counselor (from `room`, or the lobby), with their
    /// optional routing answers (used to pick the desk here, and kept nowhere). Asking again
    /// while a request is open answers that request again.
    pub async fn ask(
        &self,
        token: &SessionToken,
        handle: &str,
        room: Option<String>,
        source: Source,
        answers: Answers<'_>,
    ) -> Result<(), Refusal> {
        let key = session_key(token);
        if let Some(open) = self.open_request(&key).await? {
            self.watch().follow_person(token, &open);
            self.wake.notify_one();
            return Ok(());
        }
        let desk = self.route(room.as_deref(), answers).await?;
        let now = self.now();
        let case = Case::asked_by_person(source, Urgency::Normal, now);
        let mut record = Escalation::new(room, handle, case, now, self.lease_end());
        record.desk = desk;
        self.create_bound(&record, &key).await?;
        self.watch().follow_person(token, &record.id);
        tracing::debug!(from = source.as_str(), "a counselor was asked for");
        self.count(name::COUNSELOR_REQUESTS, Some(source.as_str()))
            .await;
        self.wake.notify_one();
        Ok(())
    }

    /// A staff member (`staff_role`) suggests a counselor to `handle` in `room`, with those of
    /// the person's messages there a counselor should see. The person is asked first.
    #[allow(clippy::too_many_arguments)]
    pub async fn escalate(
        &self,
        staff: &SessionToken,
        staff_handle: &str,
        staff_role: StaffRole,
        room: &str,
        handle: &str,
        urgency: Urgency,
        message_ids: &[String],
    ) -> Result<(), Refusal> {
        let not_theirs = Refusal::BadRequest(BadRequest::NotTheirMessages);
        let target = self
            .store
            .find_member(room, handle)
            .await?
            .filter(|target| !target.staff)
            .ok_or(not_theirs.clone())?;
        let mut ids: Vec<String> = Vec::new();
        for id in message_ids {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        if ids.len() > MAX_EXCERPT {
            return Err(not_theirs);
        }
        let mut excerpt = Vec::new();
        for id in &ids {
            let message = self
                .store
                .message(room, id)
                .await?
                .filter(|message| message.handle == handle)
                .ok_or(not_theirs.clone())?;
            excerpt.push(ExcerptItem {
                message_id: message.id,
                text: message.text,
            });
        }
        if self.open_request(&target.session).await?.is_some() {
            return Err(Refusal::CaseNotNow);
        }
        let desk = self.route(Some(room), Answers::default()).await?;
        let case = Case::escalated(urgency, ids);
        let mut record = Escalation::new(
            Some(room.to_owned()),
            handle,
            case,
            self.now(),
            self.lease_end(),
        );
        record.excerpt = excerpt;
        record.facilitator = Some(staff_handle.to_owned());
        record.desk = desk;
        // The person's node hears of the binding and asks them (`consent_request`).
        self.create_bound(&record, &target.session)
            .await
            .map_err(|refusal| match refusal {
                // They left meanwhile.
                Refusal::NoSuchEscalation => not_theirs,
                other => other,
            })?;
        self.watch().follow_escalated(staff, &record.id);
        tracing::debug!(urgency = urgency.as_str(), "escalated to a counselor");
        self.count(name::COUNSELOR_REQUESTS, Some("facilitator"))
            .await;
        self.audit_case(staff_role.as_str(), "escalate").await;
        self.wake.notify_one();
        Ok(())
    }

    /// The desk a request goes to (see `crate::desks`): a family room's requests are about
    /// family unless the person said otherwise; with no fit, the first desk with a counselor
    /// on duty.
    async fn route(&self, room: Option<&str>, mut answers: Answers<'_>) -> Result<String, Refusal> {
        if answers.about.is_none()
            && room
                .and_then(|id| self.catalogue.room(id))
                .is_some_and(|spec| spec.audience == ibasho_protocol::Audience::Family)
        {
            answers.about = Some(ibasho_protocol::About::Family);
        }
        let staff = self.staff_accounts();
        let on_duty = self.store.on_duty(self.now()).await?;
        let desk = staff
            .desks()
            .route(answers, |desk| {
                on_duty.iter().any(|handle| staff.serves(handle, desk))
            })
            .map_err(|_| Refusal::NoSuchDesk)?;
        Ok(desk.id.clone())
    }

    /// The session's request (by session key), if one is bound and still open.
    async fn open_request(&self, session: &str) -> Result<Option<String>, Refusal> {
        let Some(id) = self.store.bound_escalation(session).await? else {
            return Ok(None);
        };
        let open = read_one(&*self.store, &id)
            .await?
            .is_some_and(|(_, record)| !record.case.is_over());
        Ok(open.then_some(id))
    }

    /// Keeps a new request bound to its session: if the binding cannot be made (the session
    /// ended meanwhile, the store failed), the request goes again — never a request nobody
    /// holds.
    async fn create_bound(&self, record: &Escalation, session: &str) -> Result<(), Refusal> {
        self.store.create_escalation(record).await?;
        let bound = self.store.bind_escalation(session, &record.id).await;
        if matches!(bound, Ok(true)) {
            return Ok(());
        }
        let undone = match self.store.escalation(&record.id).await {
            Ok(Some(stored)) => self
                .store
                .swap_escalation(&record.id, EscalationSwap::erase(&stored))
                .await
                .map(|_| ()),
            other => other.map(|_| ()),
        };
        if let Err(err) = undone {
            // Nobody renews its lease: the sweep ends it.
            tracing::warn!(error = %err, "could not take back a request nobody holds");
        }
        bound?;
        Err(Refusal::NoSuchEscalation)
    }

    /// The person's answer to a facilitator's escalation.
    pub async fn consent(
        &self,
        token: &SessionToken,
        id: &str,
        accept: bool,
        shared: &[String],
    ) -> Result<(), Refusal> {
        self.own(token, id).await?;
        let now = self.now();
        self.change(id, |record| {
            record.case.consent(accept, shared, now).map_err(refused)?;
            let kept = record.case.excerpt.clone();
            record
                .excerpt
                .retain(|item| kept.contains(&item.message_id));
            Ok(())
        })
        .await?;
        let counted = if accept {
            name::CONSENTS_GIVEN
        } else {
            name::CONSENTS_DECLINED
        };
        self.count(counted, None).await;
        if !accept {
            self.unbind(token, id).await;
        }
        Ok(())
    }

    /// The person takes their request back (or ends their case).
    pub async fn cancel(&self, token: &SessionToken, id: &str) -> Result<(), Refusal> {
        self.own(token, id).await?;
        let (before, after, ()) = self
            .change(id, |record| record.case.end_by_person().map_err(refused))
            .await?;
        self.finish(&before, &after).await;
        self.unbind(token, id).await;
        Ok(())
    }

    /// A counselor (or supervisor) goes on or off duty; on duty, they are told the desks
    /// (and the canned replies of those they serve).
    pub async fn duty(&self, token: &SessionToken, handle: &str, on: bool) -> Result<(), Refusal> {
        let until = on.then(|| self.lease_end());
        self.store.set_duty(handle, until).await?;
        if on && let Some(conn) = self.hub.connection(token) {
            conn.send(&self.desks_frame(handle));
        }
        self.watch().set_duty(token, on);
        self.wake.notify_one();
        Ok(())
    }

    /// A counselor (`token`, `handle`, connected on `conn`) takes request `id`: exactly one
    /// claim wins, on any node. The 1:1 room is made for it, the counselor put in it and sent
    /// the `case` frame; the person's node puts them in when it hears. A claim that loses
    /// leaves no room behind.
    pub async fn claim(
        &self,
        token: &SessionToken,
        handle: &str,
        id: &str,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        self.claimable(handle, id).await?;
        let room = self.directory.create_case_room(token, id).await?;
        let room = room.spec.id.clone();
        let record = match self.claim_with_room(token, handle, id, &room).await {
            Ok(record) => record,
            Err(refusal) => {
                // Another counselor won: the room made for this claim goes.
                if let Err(err) = self.directory.close_private(&room).await {
                    tracing::warn!(
                        code = err.code().as_str(),
                        "could not close the room of a lost claim; it expires by itself"
                    );
                }
                return Err(refusal);
            }
        };
        self.hub.join(&room, token, true, conn, None).await?;
        conn.send(&self.case_frame(&record));
        self.audit_case(StaffRole::Counselor.as_str(), "claim")
            .await;
        Ok(())
    }

    /// Whether the counselor `handle` could claim it now (before a room is made for it):
    /// only from a desk they serve.
    async fn claimable(&self, handle: &str, id: &str) -> Result<(), Refusal> {
        let (_, record) = read_one(&*self.store, id)
            .await?
            .ok_or(Refusal::NoSuchEscalation)?;
        if !record.case.is_over() && !self.serves(handle, &record) {
            return Err(Refusal::Forbidden);
        }
        match record.case.state {
            State::Queued { .. } => Ok(()),
            _ if record.case.is_over() => Err(Refusal::NoSuchEscalation),
            _ => Err(Refusal::CaseNotNow),
        }
    }

    /// The claim itself, with the 1:1 room made for it: a compare-and-swap of the record.
    /// Returns the record (for the `case` frame).
    async fn claim_with_room(
        &self,
        token: &SessionToken,
        handle: &str,
        id: &str,
        room: &str,
    ) -> Result<Escalation, Refusal> {
        let now = self.now();
        let until = self.lease_end();
        let (before, after, ()) = self
            .change(id, |record| {
                // Checked again in the swap: a transfer to another desk may have come first.
                if !self.serves(handle, record) {
                    return Err(Refusal::Forbidden);
                }
                record.case.claim(handle, now).map_err(refused)?;
                record.claimed = true;
                record.private_room = Some(room.to_owned());
                record.counselor_until = until;
                record.transferred_by = None;
                Ok(())
            })
            .await?;
        self.watch().follow_case(token, id);
        tracing::debug!("a counselor took a case");
        if let State::Queued { since, .. } = before.case.state {
            let waited = now.saturating_sub(since) / 1000;
            // A case handed over (or transferred after a claim) and taken again is the same
            // case: counted (and its wait) once, when it was first claimed.
            if !before.claimed {
                self.figures.claimed(waited).await;
            }
            if let Err(err) = self.store.note_wait(waited).await {
                tracing::warn!(error = %err, "could not keep a waiting time");
            }
        }
        Ok(after)
    }

    /// The counselor who has a case gives it back to the queue, ahead of its urgency.
    pub async fn hand_over(&self, handle: &str, id: &str) -> Result<(), Refusal> {
        let now = self.now();
        let (before, _, ()) = self
            .change(id, |record| {
                record.case.hand_over(handle, now).map_err(refused)?;
                record.private_room = None;
                record.leave_the_room();
                Ok(())
            })
            .await?;
        self.close_room(before.private_room.as_deref()).await;
        self.audit_case(StaffRole::Counselor.as_str(), "hand_over")
            .await;
        Ok(())
    }

    /// Ends a case: by its counselor (`staff`: their handle) with an outcome, or by the
    /// person bound to it.
    pub async fn end_case(
        &self,
        token: &SessionToken,
        staff: Option<&str>,
        id: &str,
        outcome: Option<CaseOutcome>,
    ) -> Result<(), Refusal> {
        let (_, current) = read_one(&*self.store, id)
            .await?
            .ok_or(Refusal::NoSuchEscalation)?;
        // The counselor who has it — or whose outcome it waits for, the person having left.
        let counselor = staff.filter(|handle| {
            current.counselor() == Some(*handle)
                || current.case.awaiting_outcome_from() == Some(*handle)
        });
        let actor = match counselor {
            Some(_) => StaffRole::Counselor.as_str(),
            None => PARTICIPANT,
        };
        let (before, after, ()) = match counselor {
            Some(handle) => {
                let outcome = outcome.ok_or(Refusal::BadRequest(BadRequest::OutcomeMissing))?;
                self.change(id, |record| {
                    record
                        .case
                        .end_by_counselor(handle, outcome)
                        .map_err(refused)
                })
                .await?
            }
            None => {
                self.own(token, id).await?;
                let ended = self
                    .change(id, |record| record.case.end_by_person().map_err(refused))
                    .await?;
                self.unbind(token, id).await;
                ended
            }
        };
        self.finish(&before, &after).await;
        self.audit_case(actor, "end_case").await;
        Ok(())
    }

    /// A case's step in the audit log: its action and time, and only the role of who acted
    /// (`counselor`, `facilitator`, `participant`) — never a name, a room or a handle.
    async fn audit_case(&self, actor: &str, action: &str) {
        self.audit_desk(actor, action, "").await;
    }

    /// After a case ended: its room is closed and erased, and the outcome counted — when
    /// the counselor ended it, or recorded it after the person did (the person's end alone
    /// counts nothing yet: the outcome is still to come, see `leases` for none).
    async fn finish(&self, before: &Escalation, after: &Escalation) {
        let newly_over = !before.case.is_over() && after.case.is_over();
        if newly_over {
            tracing::debug!("a case ended");
            self.close_room(before.private_room.as_deref()).await;
        }
        let recorded = newly_over || before.case.awaiting_outcome_from().is_some();
        if recorded && let State::Ended { outcome } = after.case.state {
            let outcome_name = outcome.map_or("none", CaseOutcome::as_str);
            self.count(name::OUTCOMES, Some(outcome_name)).await;
        }
    }

    async fn close_room(&self, room: Option<&str>) {
        if let Some(room) = room
            && let Err(err) = self.hub.close_private(room).await
        {
            tracing::warn!(
                code = err.code().as_str(),
                "could not close a counselor's room"
            );
        }
    }

    /// Unbinds the session from request `id` (a newer binding stays).
    async fn unbind(&self, token: &SessionToken, id: &str) {
        if let Err(err) = self.store.unbind_escalation(&session_key(token), id).await {
            tracing::warn!(error = %err, "could not unbind a request");
        }
    }

    /// Adds one to a figure of the counselor's work (a failure is logged by the figures:
    /// the case itself went ahead).
    async fn count(&self, figure: &str, detail: Option<&str>) {
        self.figures.add(&[(figure, None, detail)]).await;
    }

    /// A session was resumed on this node: it gets where its request stands again, and a
    /// counselor the queue and their cases.
    pub async fn resumed(
        &self,
        token: &SessionToken,
        staff: Option<&str>,
        rooms: &[String],
    ) -> Result<(), Refusal> {
        if let Some(handle) = staff {
            self.resume_counselor(token, handle).await?;
        }
        let bound = self.store.bound_escalation(&session_key(token)).await?;
        if let Some(id) = &bound {
            // A counselor's room it is back in was joined with the resume.
            let joined = rooms
                .iter()
                .find(|room| room.starts_with(crate::store::PRIVATE_PREFIX));
            self.watch().follow_person(token, id);
            self.watch().joined(token, joined.cloned());
        }
        let followed = {
            let mut watch = self.watch();
            watch.retell(token);
            watch.persons.contains_key(token) || watch.staff.contains_key(token)
        };
        // Someone with nothing to do with a counselor has nothing to be told again: a
        // restart's thousands of resumes do not each make the desk look at everyone.
        if staff.is_some() || bound.is_some() || followed {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// A counselor back (perhaps on another node): still on duty if they were, and told
    /// their cases again (who, and what was shared).
    async fn resume_counselor(&self, token: &SessionToken, handle: &str) -> Result<(), Refusal> {
        if self
            .store
            .on_duty(self.now())
            .await?
            .iter()
            .any(|on| on == handle)
        {
            self.watch().set_duty(token, true);
            if let Some(conn) = self.hub.connection(token) {
                conn.send(&self.desks_frame(handle));
            }
        }
        let Some(conn) = self.hub.connection(token) else {
            return Ok(());
        };
        for (_, record) in crate::store::escalations::read_all(&*self.store).await? {
            if record.observer.as_deref() == Some(handle)
                && let Some(room) = &record.private_room
            {
                // A supervisor back: still observing (the room came back with the resume).
                self.watch().follow_observed(token, &record.id, room);
                conn.send(&self.observer_case_frame(&record));
                conn.send(&self.observer_frame(&record));
            }
            if record.counselor() == Some(handle) {
                conn.send(&self.case_frame(&record));
                self.watch().follow_case(token, &record.id);
            } else if record.case.awaiting_outcome_from() == Some(handle) {
                // The person left; the outcome is still theirs to record.
                conn.send(&self.case_frame(&record));
                conn.send(&views::for_counselor(&record));
            }
        }
        Ok(())
    }

    /// The `case` frame for the counselor who claimed a case (or a supervisor observing it).
    pub fn case_frame(&self, record: &Escalation) -> ibasho_protocol::ServerMsg {
        let staff = self.staff_accounts();
        let desk = self.desk_of(&staff, record);
        views::case(record, self.room_title(record.room.as_deref()), desk)
    }

    /// The `desks` frame for the staff member `handle`: every desk, and the replies of those
    /// they serve (a supervisor: every desk's).
    pub fn desks_frame(&self, handle: &str) -> ibasho_protocol::ServerMsg {
        let staff = self.staff_accounts();
        let supervisor = staff.supervises(handle);
        let desks = staff
            .desks()
            .all()
            .iter()
            .map(|desk| {
                let serves = supervisor || staff.serves(handle, &desk.id);
                ibasho_protocol::DeskInfo {
                    desk: desk.id.clone(),
                    name: desk.name.clone(),
                    name_en: desk.name_en.clone(),
                    serves,
                    replies: if serves {
                        desk.replies.clone()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        ibasho_protocol::ServerMsg::Desks { desks }
    }

    /// The desk a record is with (a desk the staff file no longer has: the first).
    fn desk_of<'a>(&self, staff: &'a StaffAccounts, record: &Escalation) -> &'a Desk {
        let desks = staff.desks();
        desks.get(&record.desk).unwrap_or(&desks.all()[0])
    }

    /// Whether the counselor `handle` takes requests of the desk `record` is with.
    fn serves(&self, handle: &str, record: &Escalation) -> bool {
        let staff = self.staff_accounts();
        let desk = self.desk_of(&staff, record);
        staff.serves(handle, &desk.id)
    }

    /// How many requests wait, and how long the oldest has waited (seconds), as the desk
    /// last looked (for `/metrics`).
    pub fn queue_now(&self) -> (usize, u64) {
        let (length, oldest) = *self
            .queue_now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let waited = oldest.map_or(0, |since| self.now().saturating_sub(since) / 1000);
        (length, waited)
    }

    /// The title of a catalogue room (for the queue and `urgent`).
    fn room_title(&self, room: Option<&str>) -> Option<String> {
        room.and_then(|id| self.catalogue.room(id))
            .map(|spec| spec.title.clone())
    }

    fn staff_accounts(&self) -> Arc<StaffAccounts> {
        Arc::clone(
            &self
                .staff
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}
