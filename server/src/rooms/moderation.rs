//! A facilitator's moderation of a room (`moderate`): taking a message down, muting,
//! removing, slow mode, lock, topic, and ending the room's sitting now. Staff only; the
//! people it concerns are told by the hub, and never which facilitator acted.

use ibasho_protocol::{
    DEFAULT_MUTE_MINUTES, MAX_MUTE_MINUTES, MAX_SLOW_MODE_SECONDS, MAX_TOPIC_CHARS, ModerateAction,
};
use jiff::{SignedDuration, Timestamp};

use super::{Rooms, Who};
use crate::control::{NotNow, RoomControl};
use crate::figures::name;
use crate::hub::Hub;
use crate::hub::audit::staff_name;
use crate::outbox::Outbox;
use crate::refusal::{BadRequest, Refusal};

/// What a `moderate` frame names besides its action.
#[derive(Debug, Default)]
pub struct Details {
    pub message_id: Option<String>,
    pub handle: Option<String>,
    pub minutes: Option<u32>,
    pub seconds: Option<u32>,
    pub text: Option<String>,
}

/// A field the action needs and the frame does not have, or one out of range.
const MISSING: Refusal = Refusal::BadRequest(BadRequest::MissingOrWrongField);

impl Rooms {
    /// A staff member in the room (`who`, on `conn`) moderates it.
    pub async fn moderate(
        &self,
        who: Who<'_>,
        room: &str,
        action: ModerateAction,
        details: Details,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let found = self.staff_inside(who, room, conn).await?;
        let room = found.spec.id.clone();
        let actor = staff_name(who.handle).to_owned();
        let hub = &*self.hub;
        let spec = &found.spec;
        let now = self.timing.now();
        let planned = self.current_sitting(spec);
        // The handle acted on, for the audit log.
        let mut target = details.handle.clone();
        match action {
            ModerateAction::Delete => {
                let id = details.message_id.ok_or(MISSING)?;
                target = hub
                    .reported_message(&room, &id)
                    .await
                    .ok()
                    .map(|m| m.handle);
                hub.delete_message(&room, &id).await?;
            }
            ModerateAction::Mute => {
                let handle = details.handle.ok_or(MISSING)?;
                let minutes = details.minutes.unwrap_or(DEFAULT_MUTE_MINUTES);
                if !(1..=MAX_MUTE_MINUTES).contains(&minutes) {
                    return Err(MISSING);
                }
                let until = now
                    .checked_add(SignedDuration::from_mins(i64::from(minutes)))
                    .map_err(|_| MISSING)?;
                hub.mute(&room, &handle, until).await?;
            }
            ModerateAction::Unmute => {
                let handle = details.handle.ok_or(MISSING)?;
                hub.unmute(&room, &handle).await?;
            }
            ModerateAction::Remove => {
                let handle = details.handle.ok_or(MISSING)?;
                let until = now
                    .checked_add(SignedDuration::try_from(self.limits.removal).unwrap_or_default())
                    .map_err(|_| MISSING)?;
                hub.remove(&room, &handle, until).await?;
            }
            ModerateAction::SlowMode => {
                let seconds = details.seconds.ok_or(MISSING)?;
                if seconds > MAX_SLOW_MODE_SECONDS {
                    return Err(MISSING);
                }
                set_control(hub, &room, planned, |control| {
                    control.slow_mode_seconds = seconds;
                })
                .await?;
            }
            ModerateAction::Lock | ModerateAction::Unlock => {
                let locked = action == ModerateAction::Lock;
                set_control(hub, &room, planned, |control| control.locked = locked).await?;
            }
            ModerateAction::Topic => {
                let text = details.text.ok_or(MISSING)?;
                if text.chars().count() > MAX_TOPIC_CHARS {
                    return Err(Refusal::TooLong {
                        max_chars: MAX_TOPIC_CHARS,
                    });
                }
                let topic = Some(text.trim().to_owned()).filter(|topic| !topic.is_empty());
                set_control(hub, &room, planned, |control| control.topic = topic.clone()).await?;
            }
            ModerateAction::Close => {
                let scheduled = planned.filter(|_| spec.is_scheduled());
                hub.close_now(&room, now, scheduled).await?;
            }
        }
        tracing::debug!(action = ?action, "moderated");
        self.figures
            .add(&[(name::MODERATION_ACTIONS, Some(&room), Some(action.as_str()))])
            .await;
        let sanction = matches!(
            action,
            ModerateAction::Delete
                | ModerateAction::Mute
                | ModerateAction::Unmute
                | ModerateAction::Remove
        );
        self.audit(
            &actor,
            action.as_str(),
            Some(&room),
            target.filter(|_| sanction).as_deref(),
            None,
        )
        .await;
        Ok(())
    }
}

/// Changes the room's control for the sitting now (`planned`) with `set`.
async fn set_control(
    hub: &Hub,
    room: &str,
    planned: Option<(Timestamp, Timestamp)>,
    set: impl Fn(&mut RoomControl),
) -> Result<(), Refusal> {
    hub.update_control(room, |current| {
        let mut control = RoomControl::for_sitting(current, planned);
        set(&mut control);
        Ok::<_, NotNow>(control)
    })
    .await??;
    Ok(())
}
