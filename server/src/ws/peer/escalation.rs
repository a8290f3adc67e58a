//! Talking with a counselor: a person asks (or answers a facilitator's suggestion, or takes
//! it back), staff escalate, counselors go on duty, claim, hand over and end cases. What may
//! happen to a case is the counselor desk's (`counsel`); here, who is asking.

use std::sync::Arc;

use ibasho_protocol::{CaseOutcome, EscalationSource, StaffRole, Urgency};

use super::{Attached, Peer};
use crate::hub::AuditEntry;
use crate::hub::audit::PARTICIPANT;
use crate::refusal::{BadRequest, Refusal};

impl Peer {
    /// The session of a counselor (`forbidden` for anyone else).
    fn counselor(&self) -> Result<&Attached, Refusal> {
        let session = self.session()?;
        if session.staff != Some(StaffRole::Counselor) {
            return Err(Refusal::Forbidden);
        }
        Ok(session)
    }

    /// An audit entry with a case's action and time only, and the role of who acted (a
    /// staff role's wire name, or `participant`): never a name, a room or a handle.
    async fn audit_case(&self, action: &str) {
        let actor = self
            .session
            .as_ref()
            .and_then(|session| session.staff)
            .map_or(PARTICIPANT, StaffRole::as_str);
        self.app
            .hub
            .audit(AuditEntry {
                at: self.app.rooms.timing().now(),
                actor: actor.to_owned(),
                action: action.to_owned(),
                room: None,
                target: None,
                reason: None,
            })
            .await;
    }

    pub(super) async fn ask_counselor(
        &mut self,
        room: Option<String>,
        from: Option<EscalationSource>,
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
        if let Some(room) = &room {
            self.member(room).await?;
        }
        let app = Arc::clone(&self.app);
        let session = self.session()?;
        app.counsel
            .ask(&session.token, &session.handle, room, source)
            .await
    }

    pub(super) async fn escalate(
        &mut self,
        room: String,
        handle: String,
        urgency: Urgency,
        message_ids: Vec<String>,
    ) -> Result<(), Refusal> {
        let here = self.staff_at(&room).await?;
        let (token, staff_handle) = (here.session.token.clone(), here.session.handle.clone());
        self.app
            .counsel
            .escalate(&token, &staff_handle, &room, &handle, urgency, &message_ids)
            .await?;
        self.audit_case("escalate").await;
        Ok(())
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
        let session = self.counselor()?;
        let (token, handle) = (session.token.clone(), session.handle.clone());
        self.app.counsel.duty(&token, &handle, on).await
    }

    pub(super) async fn claim(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let session = self.counselor()?;
        let (token, handle) = (session.token.clone(), session.handle.clone());
        self.app
            .counsel
            .claim(&token, &handle, &escalation_id, &self.outbox)
            .await?;
        self.audit_case("claim").await;
        Ok(())
    }

    pub(super) async fn hand_over(&mut self, escalation_id: String) -> Result<(), Refusal> {
        let handle = self.counselor()?.handle.clone();
        self.app.counsel.hand_over(&handle, &escalation_id).await?;
        self.audit_case("hand_over").await;
        Ok(())
    }

    pub(super) async fn end_case(
        &mut self,
        escalation_id: String,
        outcome: Option<CaseOutcome>,
    ) -> Result<(), Refusal> {
        let session = self.session()?;
        let token = session.token.clone();
        let counselor =
            (session.staff == Some(StaffRole::Counselor)).then(|| session.handle.clone());
        self.app
            .counsel
            .end_case(&token, counselor.as_deref(), &escalation_id, outcome)
            .await?;
        self.audit_case("end_case").await;
        Ok(())
    }
}
