//! Who may do what in a room now: one pure decision per room action (join, say, react, pass),
//! over the room's state and the person's session (and, for `say`, automatic protection's
//! verdict on the words). Every operation asks here once; a new rule (a lock, slow mode, a
//! mute, a removal) is a new field of [`RoomNow`] or [`Actor`] and a new line below, with
//! its test — nowhere else.

use ibasho_moderation::{Refusal as Verdicted, Verdict};
use ibasho_protocol::Role;
use jiff::Timestamp;

use crate::catalogue::RoomSpec;
use crate::control::RoomControl;
use crate::refusal::Refusal;
use crate::schedule::Status;
use crate::store::Sanctions;

/// The room as it is now.
#[derive(Debug, Clone, Copy)]
pub struct RoomNow<'a> {
    pub spec: &'a RoomSpec,
    pub status: Status,
    /// What a facilitator set for the sitting (a round: whose turn it is, a lock).
    pub control: Option<&'a RoomControl>,
    /// The room needs a staff member and none is in it: listen-only for participants.
    pub unattended: bool,
    /// The time now.
    pub now: Timestamp,
}

/// The session that asks.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub handle: &'a str,
    /// Who the person said they come as.
    pub role: Option<Role>,
    /// A staff member: enters every audience's room without the entry word, and may always
    /// speak.
    pub staff: bool,
    /// Already in the room (a resync, not an arrival).
    pub member: bool,
    /// What a facilitator set on this session here (in force now; see `Sanctions::at`).
    pub sanctions: Option<Sanctions>,
}

/// What a join needs after the policy said yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission<'a> {
    /// In.
    Admit,
    /// In, if the entry word matches this hash.
    EntryWord(&'a str),
}

/// `room_closed` (with when it opens next) unless the room is open.
fn open_now(status: Status) -> Result<(), Refusal> {
    match status {
        Status::Open { .. } => Ok(()),
        Status::Upcoming { opens_at } => Err(Refusal::RoomClosed {
            next_open: Some(opens_at),
        }),
        Status::Closed { next_open } => Err(Refusal::RoomClosed { next_open }),
    }
}

/// May the actor come in? Only while it is open, never after a facilitator took them out
/// (until the room's sitting or their own session ends, or `Limits::removal` runs out), only
/// for its audience (staff facilitate rooms of every audience), with the entry word where
/// one is set — except for someone already in (a resync) and for staff.
pub fn join<'a>(room: RoomNow<'a>, actor: Actor<'_>) -> Result<Admission<'a>, Refusal> {
    open_now(room.status)?;
    if actor.sanctions.is_some_and(|s| s.removed_until.is_some()) {
        return Err(Refusal::Removed);
    }
    if !actor.staff && !room.spec.audience.admits(actor.role) {
        return Err(Refusal::AudienceMismatch);
    }
    match &room.spec.entry_word_hash {
        Some(hash) if !actor.member && !actor.staff => Ok(Admission::EntryWord(hash)),
        _ => Ok(Admission::Admit),
    }
}

/// What saying something takes once the room allows it: the allowances the room layer
/// takes, in this order, before the message is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SayPlan {
    /// Slow mode: a participant's next `say` waits this long after their last (staff are
    /// exempt); taken only by a message that is otherwise said.
    pub slow_mode_seconds: Option<u32>,
    /// The same words a third time in a minute are refused — never crisis language:
    /// someone saying it again must be heard.
    pub count_repeats: bool,
}

/// May the actor say this? Members only, while the sitting is open (between its end and its
/// erasure nothing new is said), not while muted, not while the room is listen-only (locked,
/// or without the staff member it needs), in a round only on one's turn (staff always) —
/// and then as the word lists judged the words (`verdict`).
pub fn say(room: RoomNow<'_>, actor: Actor<'_>, verdict: &Verdict) -> Result<SayPlan, Refusal> {
    may_speak(room, actor)?;
    match &verdict.refusal {
        Some(Verdicted::Blocked { reason }) => {
            return Err(Refusal::Blocked {
                reason: reason.clone(),
            });
        }
        Some(Verdicted::PersonalInfo { kinds, confirmable }) => {
            return Err(Refusal::PersonalInfo {
                kinds: kinds.clone(),
                confirmable: *confirmable,
            });
        }
        None => {}
    }
    let slow = room.control.map_or(0, |control| control.slow_mode_seconds);
    Ok(SayPlan {
        slow_mode_seconds: (slow > 0 && !actor.staff).then_some(slow),
        count_repeats: !verdict.crisis,
    })
}

/// Whether a retry of a message (same client id, after a reconnect) may be confirmed as
/// said before, after this decision: whenever the room itself would take it — only the turn
/// or the word lists standing in the way — never once the sitting is over, or while the
/// writer is muted or out, or the room listen-only.
pub fn retry_may_be_confirmed(decided: &Result<SayPlan, Refusal>) -> bool {
    matches!(
        decided,
        Ok(_) | Err(Refusal::NotYourTurn | Refusal::Blocked { .. } | Refusal::PersonalInfo { .. })
    )
}

/// Whether a decision costs from the session's rate: everything the room takes, and what the
/// word lists refuse (so that nobody probes them fast).
pub fn takes_rate(decided: &Result<SayPlan, Refusal>) -> bool {
    matches!(
        decided,
        Ok(_) | Err(Refusal::Blocked { .. } | Refusal::PersonalInfo { .. })
    )
}

/// The room's rules for anyone's words (the first part of [`say`]).
fn may_speak(room: RoomNow<'_>, actor: Actor<'_>) -> Result<(), Refusal> {
    if !actor.member {
        return Err(Refusal::NotInRoom);
    }
    open_now(room.status)?;
    // Taken out while a join was on its way in: still out.
    if actor.sanctions.is_some_and(|s| s.removed_until.is_some()) {
        return Err(Refusal::Removed);
    }
    if let Some(until) = actor.sanctions.and_then(|s| s.muted_until) {
        let retry_after = room.now.duration_until(until).unsigned_abs();
        return Err(Refusal::Muted { until, retry_after });
    }
    let locked = room.unattended || room.control.is_some_and(|control| control.locked);
    if !actor.staff && locked {
        return Err(Refusal::Locked);
    }
    let my_turn = room
        .control
        .is_none_or(|control| control.may_speak(actor.handle));
    if !actor.staff && !my_turn {
        return Err(Refusal::NotYourTurn);
    }
    Ok(())
}

/// May the actor react? Members only: nodding along is taking part even out of turn.
pub fn react(_room: RoomNow<'_>, actor: Actor<'_>) -> Result<(), Refusal> {
    if !actor.member {
        return Err(Refusal::NotInRoom);
    }
    Ok(())
}

/// May the actor pass? Only on their turn in a round.
pub fn pass(room: RoomNow<'_>, actor: Actor<'_>) -> Result<(), Refusal> {
    if !actor.member {
        return Err(Refusal::NotInRoom);
    }
    let floor = room.control.and_then(RoomControl::floor);
    if floor.is_none_or(|floor| floor.handle != actor.handle) {
        return Err(Refusal::NotYourTurn);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::{Audience, RoomKind};

    use super::*;
    use crate::catalogue::Opening;

    fn spec(audience: Audience, entry_word: bool) -> RoomSpec {
        RoomSpec {
            id: "r".into(),
            title: "r".into(),
            title_en: None,
            description: String::new(),
            description_en: None,
            kind: RoomKind::Themed,
            audience,
            entry_word_hash: entry_word.then(|| "$argon2id$hash".to_owned()),
            capacity: 10,
            opening: Opening::Always,
            programme: None,
            protection: ibasho_moderation::RoomRules::default(),
            facilitated: false,
        }
    }

    /// `say` with words nobody would refuse, as the room decides it.
    fn say_ok(room: RoomNow<'_>, actor: Actor<'_>) -> Result<(), Refusal> {
        say(room, actor, &Verdict::default()).map(|_| ())
    }

    const OPEN: Status = Status::Open {
        opened_at: None,
        closes_at: None,
        closing: false,
    };

    fn person(member: bool) -> Actor<'static> {
        Actor {
            handle: "ゆき",
            role: Some(Role::Person),
            staff: false,
            member,
            sanctions: None,
        }
    }

    fn staff() -> Actor<'static> {
        Actor {
            handle: "ひかり（ファシリテーター）",
            role: None,
            staff: true,
            member: true,
            sanctions: None,
        }
    }

    /// A room as the policy sees it at the epoch.
    fn room_now<'a>(
        spec: &'a RoomSpec,
        status: Status,
        control: Option<&'a RoomControl>,
        unattended: bool,
    ) -> RoomNow<'a> {
        RoomNow {
            spec,
            status,
            control,
            unattended,
            now: Timestamp::UNIX_EPOCH,
        }
    }

    fn round_for(handle: &str) -> RoomControl {
        RoomControl::default()
            .start_round(
                "ひかり（ファシリテーター）".into(),
                vec![crate::store::Present {
                    handle: handle.to_owned(),
                    staff: false,
                }],
            )
            .unwrap()
    }

    #[test]
    fn joining_needs_an_open_room_of_ones_audience_and_its_entry_word() {
        let family = spec(Audience::Family, true);
        let now = |spec, status| room_now(spec, status, None, false);
        assert_eq!(
            join(now(&family, OPEN), person(false)),
            Err(Refusal::AudienceMismatch)
        );
        assert_eq!(
            join(now(&family, OPEN), staff()),
            Ok(Admission::Admit),
            "staff facilitate every room, without the word"
        );
        let mut parent = person(false);
        parent.role = Some(Role::Family);
        assert_eq!(
            join(now(&family, OPEN), parent),
            Ok(Admission::EntryWord("$argon2id$hash"))
        );
        parent.member = true;
        assert_eq!(join(now(&family, OPEN), parent), Ok(Admission::Admit));
        let closed = Status::Closed { next_open: None };
        assert_eq!(
            join(now(&spec(Audience::Anyone, false), closed), staff()),
            Err(Refusal::RoomClosed { next_open: None })
        );
    }

    #[test]
    fn saying_needs_membership_an_open_sitting_and_ones_turn() {
        let lounge = spec(Audience::Anyone, false);
        let round = round_for("あお");
        let now = |status, control| room_now(&lounge, status, control, false);
        assert_eq!(say_ok(now(OPEN, None), person(true)), Ok(()));
        assert_eq!(
            say_ok(now(OPEN, None), person(false)),
            Err(Refusal::NotInRoom)
        );
        let closed = Status::Closed { next_open: None };
        assert_eq!(
            say_ok(now(closed, None), person(true)),
            Err(Refusal::RoomClosed { next_open: None })
        );
        assert_eq!(
            say_ok(now(OPEN, Some(&round)), person(true)),
            Err(Refusal::NotYourTurn)
        );
        assert_eq!(say_ok(now(OPEN, Some(&round)), staff()), Ok(()));
        // Reactions stay open out of turn.
        assert_eq!(react(now(OPEN, Some(&round)), person(true)), Ok(()));
        assert_eq!(
            react(now(OPEN, None), person(false)),
            Err(Refusal::NotInRoom)
        );
    }

    #[test]
    fn a_listen_only_room_refuses_participants_words_but_not_their_reactions() {
        let lounge = spec(Audience::Anyone, false);
        let locked = RoomControl {
            locked: true,
            ..RoomControl::default()
        };
        let now = |control, unattended| room_now(&lounge, OPEN, control, unattended);
        assert_eq!(
            say_ok(now(Some(&locked), false), person(true)),
            Err(Refusal::Locked)
        );
        assert_eq!(say_ok(now(None, true), person(true)), Err(Refusal::Locked));
        assert_eq!(say_ok(now(Some(&locked), true), staff()), Ok(()));
        assert_eq!(react(now(Some(&locked), true), person(true)), Ok(()));
        let round = round_for("あお");
        // Locked comes before whose turn it is: nobody may write now.
        assert_eq!(
            say_ok(now(Some(&round), true), person(true)),
            Err(Refusal::Locked)
        );
    }

    #[test]
    fn the_words_are_judged_after_the_room_and_slow_mode_and_repeats_follow_the_verdict() {
        let lounge = spec(Audience::Anyone, false);
        let slow = RoomControl {
            slow_mode_seconds: 30,
            ..RoomControl::default()
        };
        let round = round_for("あお");
        let now = |control| room_now(&lounge, OPEN, control, false);
        let blocked = Verdict {
            refusal: Some(Verdicted::Blocked {
                reason: "abuse".into(),
            }),
            ..Verdict::default()
        };
        let crisis = Verdict {
            crisis: true,
            ..Verdict::default()
        };
        assert_eq!(
            say(now(None), person(true), &blocked),
            Err(Refusal::Blocked {
                reason: "abuse".into()
            })
        );
        // The room's own rules come first: out of turn is out of turn, whatever the words.
        let decided = say(now(Some(&round)), person(true), &blocked);
        assert_eq!(decided, Err(Refusal::NotYourTurn));
        assert!(retry_may_be_confirmed(&decided) && !takes_rate(&decided));
        assert_eq!(
            say(now(Some(&slow)), person(true), &Verdict::default()),
            Ok(SayPlan {
                slow_mode_seconds: Some(30),
                count_repeats: true
            })
        );
        assert_eq!(
            say(now(Some(&slow)), staff(), &crisis),
            Ok(SayPlan {
                slow_mode_seconds: None,
                count_repeats: false
            }),
            "staff are exempt from slow mode; crisis language is never a repetition"
        );
        let decided = say(now(None), person(true), &blocked);
        assert!(retry_may_be_confirmed(&decided) && takes_rate(&decided));
        let closed = Status::Closed { next_open: None };
        let decided = say(
            RoomNow {
                status: closed,
                ..now(None)
            },
            person(true),
            &Verdict::default(),
        );
        assert!(!retry_may_be_confirmed(&decided) && !takes_rate(&decided));
    }

    #[test]
    fn passing_is_only_for_whoever_has_the_floor() {
        let lounge = spec(Audience::Anyone, false);
        let mine = round_for("ゆき");
        let theirs = round_for("あお");
        let now = |control| room_now(&lounge, OPEN, control, false);
        assert_eq!(pass(now(Some(&mine)), person(true)), Ok(()));
        assert_eq!(
            pass(now(Some(&theirs)), person(true)),
            Err(Refusal::NotYourTurn)
        );
        assert_eq!(pass(now(None), person(true)), Err(Refusal::NotYourTurn));
        assert_eq!(
            pass(now(Some(&mine)), person(false)),
            Err(Refusal::NotInRoom)
        );
    }
}
