//! Talking with a counselor: a person asks (or answers a facilitator's suggestion, or takes
//! it back, or asks an observer to leave), staff escalate, counselors go on duty, claim,
//! hand over, transfer and end cases, supervisors observe, and a case's staff whisper. What
//! may happen to a case is the counselor desk's (`counsel`); here, who is asking.

use std::sync::Arc;

use ibasho_protocol::{About, AgeBand, CaseOutcome, EscalationSource, StaffRole, Urgency};

use super::{Attached, Peer};
use crate::refusal::{BadRequest, Refusal};

impl Peer {
    /// The session of a counselor (`forbidden` for anyone else).
    fn counselor(&self) -> Result<&Attached, Refusal> {
        self.one_of(&[StaffRole::Counselor])
    }

    /// The session of a staff member in one of `roles` (`forbidden` for anyone else).
    fn one_of(&self, roles: &[StaffRole]) -> Result<&Attached, Refusal> {
        let session = self.session()?;
        if !session.staff.is_some_and(|role| roles.contains(&role)) {
            return Err(Refusal::Forbidden);
        }
        Ok(session)
    }

    pub(super) async fn ask_counselor(
        &mut self,
        room: Option<String>,
        from: Option<EscalationSource>,
        about: Option<About>,
        age_band: Option<AgeBand>,
        desk: Option<String>,
    ) -> Result<(), Refusal> {
        let source = match from.unwrap_or_default() {
            EscalationSource::Facilitator => {
                return Err(Refusal::BadRequest(BadRequest::BadSource));
            }
            source => source,
        };
        let session = self.session()?;
        if session.staff.is_some() {
            return Err(Refusal::Forbidden);
        }
        let app = Arc::clone(&self.app);
        if let Some(room) = &room {
            app.rooms.inside(session.who(), room, &self.outbox).await?;
        }
        let answers = crate::desks::Answers {
            about,
            age: age_band,
            chosen: desk.as_deref(),
        };
        app.counsel
            .ask(&session.token, &session.handle, room, source, answers)
            .await
    }

    pub(super) async fn escalate(
        &mut self,
        room: String,
        handle: String,
        urgency: Urgency,
        message_ids: Vec<String>,
    ) -> Result<(), Refusal> {
        let session = self.session()?;
        let app = Arc::clone(&self.app);
        app.rooms
            .staff_at(session.who(), &room, &self.outbox)
            .await?;
        let role = session.staff.ok_or(Refusal::Forbidden)?;
        app.counsel
            .escalate(
                &session.token,
                &session.handle,
                role,
                &room,
                &handle,
                urgency,
                &message_ids,
            )
            .await
    }

    pub(super) async fn consent(
        &mut self,
        escalation_id: String,
        accept: bool,
        message_ids: Vec<String>,
    ) -> Result<(), Refusal> {
        let token = self.session()?.token.clone();
        self.app
            .counsel
            .consent(&token, &escalation_id, accept, &message_ids)
            .await
    }

    pub(super) async fn cancel_escalation(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let token = self.session()?.token.clone();
        self.app.counsel.cancel(&token, &escalation_id).await
    }

    pub(super) async fn duty(&mut self, on: bool) -> Result<(), Refusal> {
        let session = self.one_of(&[StaffRole::Counselor, StaffRole::Supervisor])?;
        let (token, handle) = (session.token.clone(), session.handle.clone());
        self.app.counsel.duty(&token, &handle, on).await
    }

    pub(super) async fn claim(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let session = self.counselor()?;
        self.app
            .counsel
            .claim(
                &session.token,
                &session.handle,
                &escalation_id,
                &self.outbox,
            )
            .await
    }

    pub(super) async fn hand_over(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let handle = self.counselor()?.handle.clone();
        self.app.counsel.hand_over(&handle, &escalation_id).await
    }

    pub(super) async fn transfer(
        &mut self,
        escalation_id: String,
        desk: String,
        note: Option<String>,
    ) -> Result<(), Refusal> {
        let session = self.one_of(&[StaffRole::Counselor, StaffRole::Supervisor])?;
        let role = session.staff.ok_or(Refusal::Forbidden)?;
        self.app
            .counsel
            .transfer(
                &session.handle,
                role,
                &escalation_id,
                &desk,
                note,
                &self.outbox,
            )
            .await
    }

    pub(super) async fn observe(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let session = self.one_of(&[StaffRole::Supervisor])?;
        self.app
            .counsel
            .observe(
                &session.token,
                &session.handle,
                &escalation_id,
                &self.outbox,
            )
            .await
    }

    pub(super) async fn decline_observer(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let session = self.session()?;
        let observer =
            (session.staff == Some(StaffRole::Supervisor)).then_some(session.handle.as_str());
        self.app
            .counsel
            .decline_observer(&session.token, observer, &escalation_id)
            .await
    }

    pub(super) async fn whisper(
        &mut self,
        escalation_id: String,
        text: String,
    ) -> Result<(), Refusal> {
        let handle = self
            .one_of(&[StaffRole::Counselor, StaffRole::Supervisor])?
            .handle
            .clone();
        self.app
            .counsel
            .whisper(&handle, &escalation_id, text)
            .await
    }

    pub(super) async fn ask_supervisor(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let handle = self.counselor()?.handle.clone();
        self.app
            .counsel
            .ask_supervisor(&handle, &escalation_id)
            .await
    }

    pub(super) async fn end_case(
        &mut self,
        escalation_id: String,
        outcome: Option<CaseOutcome>,
    ) -> Result<(), Refusal> {
        let session = self.session()?;
        let counselor =
            (session.staff == Some(StaffRole::Counselor)).then_some(session.handle.as_str());
        self.app
            .counsel
            .end_case(&session.token, counselor, &escalation_id, outcome)
            .await
    }
}
