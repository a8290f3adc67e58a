//! One room as the client sees it: a reducer over server frames, plus what the person wrote
//! that the server has not confirmed yet — kept across reconnects and sent again with the
//! same `client_id`, which the server de-duplicates, so nothing typed offline is lost or
//! doubled.

use std::cmp::Ordering;

use ibasho_protocol::{ChatMessage, ErrorCode, Floor, HelpLine, Position, ReactionCounts};

/// Messages kept per room in the page; older ones scroll out.
pub const MAX_MESSAGES: usize = 500;

/// A message the person wrote, until the server confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub client_id: String,
    pub text: String,
    pub state: PendingState,
    /// The person chose to send it although it looks like personal information.
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PendingState {
    /// Not sent on the current connection (typed offline, or the connection dropped).
    Queued,
    /// Sent; waiting for the server's `message` with this `client_id`.
    Sent,
    /// Refused for good (too long, …); shown so the person can copy and change it.
    Failed(ErrorCode),
}

/// One room.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversation {
    messages: Vec<ChatMessage>,
    pub present: u32,
    pending: Vec<Pending>,
    /// Joined on the current connection (so queued messages can go).
    pub joined: bool,
    /// Where this view is in the room's stream: sent back as `since` after a drop, so the
    /// server sends exactly what was missed.
    position: Option<Position>,
    /// What the facilitator set, from the latest `room_state` (see [`Facilitated`]).
    pub facilitated: Facilitated,
    /// Messages a facilitator took down (shown as a quiet line, without their words).
    deleted: crate::small::Set<String>,
    /// Help lines shown to this person alone after they wrote crisis language (until they
    /// close the card).
    pub support: Option<Vec<HelpLine>>,
    /// The support card also offers to talk with a counselor.
    pub offer_counselor: bool,
}

/// What a facilitator set for the room's session: a later end, the agenda segment, and
/// whose turn it is in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facilitated {
    pub closes_at: Option<jiff::Timestamp>,
    pub segment: Option<u32>,
    pub floor: Option<Floor>,
    /// Listen-only for participants (locked, or no staff member in a room that needs one).
    pub locked: bool,
    /// Locked because no staff member is in a room that needs one.
    pub unattended: bool,
    pub slow_mode_seconds: u32,
    pub topic: Option<String>,
}

impl Facilitated {
    /// Whether `me` may speak now: no round, or it is their turn (staff always may).
    pub fn may_speak(&self, me: Option<&str>, staff: bool) -> bool {
        staff
            || !self.locked
                && self
                    .floor
                    .as_ref()
                    .is_none_or(|floor| Some(floor.handle.as_str()) == me)
    }
}

/// How the messages of people this tab hides are shown: the first of each run (of one
/// person's consecutive messages) stands for the run with its length; the others (0) are not
/// shown at all. Messages of people not hidden are not listed. (A list, not a map: it is
/// short, and the bundle carries no map type more.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenRuns(Vec<(String, usize)>);

impl HiddenRuns {
    /// The run `message_id` stands for (its length; 0 for a message folded into the one
    /// before), or `None` if its writer is not hidden.
    pub fn of(&self, message_id: &str) -> Option<usize> {
        self.0
            .iter()
            .find(|(id, _)| id == message_id)
            .map(|(_, n)| *n)
    }
}

pub fn hidden_runs(messages: &[ChatMessage], hidden: &crate::small::Set<String>) -> HiddenRuns {
    let mut runs: Vec<(String, usize)> = Vec::new();
    // The handle of the run under way, and where its first message is in `runs`.
    let mut current: Option<(&str, usize)> = None;
    for message in messages {
        if !hidden.contains(&message.handle) {
            current = None;
            continue;
        }
        match current {
            Some((handle, first)) if handle == message.handle => {
                runs[first].1 += 1;
                runs.push((message.id.clone(), 0));
            }
            _ => {
                current = Some((&message.handle, runs.len()));
                runs.push((message.id.clone(), 1));
            }
        }
    }
    HiddenRuns(runs)
}

/// Orders message ids: numeric when both are numbers (the server's ids), else as text.
fn compare_ids(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
}

impl Conversation {
    pub fn messages(&self) -> &[ChatMessage] {
        &self.messages
    }

    pub fn pending(&self) -> &[Pending] {
        &self.pending
    }

    /// `joined` (first time or a resync): merges the history with what is already shown,
    /// without duplicates, and confirms pending messages found in it. A history from another
    /// epoch of the room's stream replaces what was shown (its ids started again).
    pub fn joined(
        &mut self,
        history: Vec<ChatMessage>,
        present: u32,
        position: Position,
        recovered: bool,
    ) {
        // What the facilitator set comes again after `joined`, if anything is set.
        self.facilitated = Facilitated::default();
        let other_epoch = self
            .position
            .as_ref()
            .is_some_and(|known| known.epoch != position.epoch);
        if !recovered && other_epoch {
            self.messages.clear();
        }
        for message in history {
            self.insert(message);
        }
        self.present = present;
        self.joined = true;
        self.position = Some(position);
    }

    /// The position to recover from after a drop.
    pub fn since(&self) -> Option<Position> {
        self.position.clone()
    }

    fn advance(&mut self, offset: u64) {
        if let Some(position) = &mut self.position {
            position.offset = position.offset.max(offset);
        }
    }

    /// A live message. Returns whether it is new (for announcing it).
    pub fn message(&mut self, message: ChatMessage) -> bool {
        self.advance(message.offset);
        self.insert(message)
    }

    fn insert(&mut self, message: ChatMessage) -> bool {
        if let Some(client_id) = &message.client_id {
            self.pending.retain(|p| &p.client_id != client_id);
        }
        match self
            .messages
            .binary_search_by(|m| compare_ids(&m.id, &message.id))
        {
            Ok(at) => {
                // Already shown; a resync may bring newer reaction counts.
                self.messages[at].reactions = message.reactions;
                false
            }
            Err(at) => {
                self.messages.insert(at, message);
                if self.messages.len() > MAX_MESSAGES {
                    let excess = self.messages.len() - MAX_MESSAGES;
                    self.messages.drain(..excess);
                }
                true
            }
        }
    }

    pub fn reactions(&mut self, message_id: &str, counts: ReactionCounts, offset: u64) {
        self.advance(offset);
        if let Some(message) = self.messages.iter_mut().find(|m| m.id == message_id) {
            message.reactions = counts;
        }
    }

    /// The person wrote something: it waits in the queue until it can be sent.
    pub fn write(&mut self, client_id: String, text: String) {
        self.pending.push(Pending {
            client_id,
            text,
            state: PendingState::Queued,
            confirmed: false,
        });
    }

    /// A facilitator took a message down: its words leave the view, and a quiet line takes
    /// their place (never saying who).
    pub fn deleted(&mut self, message_id: &str, offset: u64) {
        self.advance(offset);
        if let Some(message) = self.messages.iter_mut().find(|m| m.id == message_id) {
            message.text.clear();
            message.reactions.clear();
            self.deleted.insert(message_id.to_owned());
        }
    }

    /// Whether a facilitator took this message down.
    pub fn is_deleted(&self, message_id: &str) -> bool {
        self.deleted.contains(message_id)
    }

    /// The person chose to send a message held back as personal information: it goes
    /// again, confirmed.
    pub fn confirm(&mut self, client_id: &str) {
        if let Some(pending) = self.pending.iter_mut().find(|p| {
            p.client_id == client_id && p.state == PendingState::Failed(ErrorCode::PersonalInfo)
        }) {
            pending.state = PendingState::Queued;
            pending.confirmed = true;
        }
    }

    /// What to send now: every queued message, if the room is joined on a live connection.
    /// They are marked as sent.
    pub fn take_sendable(&mut self) -> Vec<Pending> {
        if !self.joined {
            return Vec::new();
        }
        self.pending
            .iter_mut()
            .filter(|p| p.state == PendingState::Queued)
            .map(|p| {
                p.state = PendingState::Sent;
                p.clone()
            })
            .collect()
    }

    /// The connection dropped: nothing is joined, and what was sent but not confirmed is
    /// queued again (the server de-duplicates the retry by `client_id`).
    pub fn disconnected(&mut self) {
        self.joined = false;
        for pending in &mut self.pending {
            if pending.state == PendingState::Sent {
                pending.state = PendingState::Queued;
            }
        }
    }

    /// The server no longer has the session (it restarted, or the grace period ran out):
    /// what was shown came from a history that is gone, and message ids start again, so the
    /// view starts afresh. What the person wrote and was not confirmed stays queued.
    pub fn restart(&mut self) {
        self.messages.clear();
        self.position = None;
        self.joined = false;
        for pending in &mut self.pending {
            if pending.state == PendingState::Sent {
                pending.state = PendingState::Queued;
            }
        }
    }

    /// The server refused a message. Rate limits and unavailability are temporary: it goes
    /// back to the queue (the caller retries later). Anything else fails it for good.
    pub fn refused(&mut self, client_id: &str, code: ErrorCode) {
        if let Some(pending) = self.pending.iter_mut().find(|p| p.client_id == client_id) {
            pending.state = match code {
                ErrorCode::RateLimited | ErrorCode::Unavailable => PendingState::Queued,
                code => PendingState::Failed(code),
            };
        }
    }

    /// Removes a failed message (the person dismissed it).
    pub fn dismiss(&mut self, client_id: &str) {
        self.pending.retain(|p| p.client_id != client_id);
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::Reaction;

    use super::*;

    /// What was taken to send, as (client id, text).
    fn pairs(sendable: Vec<Pending>) -> Vec<(String, String)> {
        sendable
            .into_iter()
            .map(|p| (p.client_id, p.text))
            .collect()
    }

    fn msg(id: &str, text: &str, client_id: Option<&str>) -> ChatMessage {
        ChatMessage {
            room: "lounge".into(),
            id: id.into(),
            handle: "たろう".into(),
            text: text.into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            offset: id.parse().unwrap_or(0),
            client_id: client_id.map(str::to_owned),
            reactions: ReactionCounts::new(),
        }
    }

    fn pos(epoch: &str, offset: u64) -> Position {
        Position {
            epoch: epoch.into(),
            offset,
        }
    }

    #[test]
    fn positions_follow_the_stream_and_another_epoch_starts_afresh() {
        let mut c = Conversation::default();
        assert_eq!(c.since(), None);
        c.joined(vec![msg("3", "a", None)], 1, pos("e1", 3), false);
        c.message(msg("4", "b", None));
        c.reactions("3", ReactionCounts::new(), 5);
        assert_eq!(c.since(), Some(pos("e1", 5)));
        // Recovered: what was missed is added to what is shown.
        c.joined(vec![msg("6", "c", None)], 1, pos("e1", 6), true);
        assert_eq!(ids(&c), ["3", "4", "6"]);
        // The room's stream started again: the old view goes.
        c.joined(vec![msg("1", "new", None)], 1, pos("e2", 1), false);
        assert_eq!(ids(&c), ["1"]);
        assert_eq!(c.since(), Some(pos("e2", 1)));
    }

    fn ids(c: &Conversation) -> Vec<&str> {
        c.messages().iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn history_and_live_messages_merge_in_id_order_without_duplicates() {
        let mut c = Conversation::default();
        c.joined(
            vec![msg("9", "a", None), msg("10", "b", None)],
            2,
            pos("e", 0),
            false,
        );
        assert!(c.message(msg("11", "c", None)));
        assert!(!c.message(msg("10", "b", None)));
        // A resync after a reconnect brings old and missed messages together.
        c.joined(
            vec![
                msg("10", "b", None),
                msg("11", "c", None),
                msg("12", "d", None),
            ],
            3,
            pos("e", 12),
            false,
        );
        assert_eq!(ids(&c), ["9", "10", "11", "12"]);
        assert_eq!(c.present, 3);
    }

    #[test]
    fn written_messages_wait_for_a_joined_room_and_are_confirmed_by_client_id() {
        let mut c = Conversation::default();
        c.write("c1".into(), "こんにちは".into());
        assert!(c.take_sendable().is_empty(), "not joined yet");
        c.joined(vec![], 1, pos("e", 0), false);
        assert_eq!(
            pairs(c.take_sendable()),
            [("c1".to_owned(), "こんにちは".to_owned())]
        );
        assert!(c.take_sendable().is_empty(), "sent once");
        c.message(msg("1", "こんにちは", Some("c1")));
        assert!(c.pending().is_empty());
    }

    #[test]
    fn a_drop_requeues_unconfirmed_messages_and_a_resync_can_confirm_them() {
        let mut c = Conversation::default();
        c.joined(vec![], 1, pos("e", 0), false);
        c.write("c1".into(), "one".into());
        c.write("c2".into(), "two".into());
        assert_eq!(c.take_sendable().len(), 2);
        c.disconnected();
        assert!(!c.joined);
        // c1 had reached the server before the drop: the resync history confirms it.
        c.joined(vec![msg("5", "one", Some("c1"))], 1, pos("e", 0), false);
        assert_eq!(
            pairs(c.take_sendable()),
            [("c2".to_owned(), "two".to_owned())]
        );
    }

    #[test]
    fn a_new_session_starts_the_view_afresh_and_keeps_what_was_written() {
        let mut c = Conversation::default();
        c.joined(
            vec![msg("1", "before the restart", None)],
            2,
            pos("e", 0),
            false,
        );
        c.disconnected();
        c.write("c9".into(), "written offline".into());
        c.restart();
        assert!(c.messages().is_empty());
        // The restarted server numbers from 1 again: its first message is new, not a duplicate.
        c.joined(vec![], 1, pos("e", 0), false);
        assert_eq!(
            pairs(c.take_sendable()),
            [("c9".to_owned(), "written offline".to_owned())]
        );
        assert!(c.message(msg("1", "written offline", Some("c9"))));
        assert!(c.pending().is_empty());
    }

    #[test]
    fn refusals_requeue_temporary_ones_and_fail_the_rest() {
        let mut c = Conversation::default();
        c.joined(vec![], 1, pos("e", 0), false);
        c.write("c1".into(), "x".into());
        c.write("c2".into(), "y".repeat(2000));
        c.take_sendable();
        c.refused("c1", ErrorCode::RateLimited);
        c.refused("c2", ErrorCode::TooLong);
        assert_eq!(c.pending()[0].state, PendingState::Queued);
        assert_eq!(
            c.pending()[1].state,
            PendingState::Failed(ErrorCode::TooLong)
        );
        assert_eq!(
            pairs(c.take_sendable()),
            [("c1".to_owned(), "x".to_owned())]
        );
        c.dismiss("c2");
        assert_eq!(c.pending().len(), 1);
    }

    #[test]
    fn a_hidden_persons_consecutive_messages_collapse_into_one_line() {
        let from = |id: &str, handle: &str| ChatMessage {
            handle: handle.into(),
            ..msg(id, "x", None)
        };
        let messages = [
            from("1", "あらし"),
            from("2", "あらし"),
            from("3", "あらし"),
            from("4", "そら"),
            from("5", "あらし"),
        ];
        let hidden = crate::small::Set::from(["あらし".to_owned()]);
        let runs = hidden_runs(&messages, &hidden);
        assert_eq!(runs.of("1"), Some(3), "the first stands for its run");
        assert_eq!(
            (runs.of("2"), runs.of("3")),
            (Some(0), Some(0)),
            "the others are not shown"
        );
        assert_eq!(runs.of("4"), None);
        assert_eq!(runs.of("5"), Some(1), "a new run after someone else spoke");
    }

    #[test]
    fn reactions_update_the_message() {
        let mut c = Conversation::default();
        c.joined(vec![msg("1", "a", None)], 1, pos("e", 0), false);
        c.reactions("1", ReactionCounts::from([(Reaction::Tea, 2)]), 2);
        assert_eq!(c.messages()[0].reactions.get(&Reaction::Tea), Some(&2));
        c.reactions("404", ReactionCounts::from([(Reaction::Tea, 1)]), 3);
    }

    #[test]
    fn the_page_keeps_a_bounded_number_of_messages() {
        let mut c = Conversation::default();
        for i in 0..(MAX_MESSAGES + 20) {
            c.message(msg(&i.to_string(), "x", None));
        }
        assert_eq!(c.messages().len(), MAX_MESSAGES);
        assert_eq!(c.messages()[0].id, "20");
    }

    #[test]
    fn the_floor_decides_who_may_speak_and_a_new_join_forgets_it() {
        let mut c = Conversation::default();
        assert!(c.facilitated.may_speak(Some("あき"), false));
        c.facilitated.floor = Some(Floor {
            handle: "あき".into(),
            turn: 1,
            turns: 2,
        });
        assert!(c.facilitated.may_speak(Some("あき"), false));
        assert!(!c.facilitated.may_speak(Some("いと"), false));
        assert!(!c.facilitated.may_speak(None, false));
        assert!(
            c.facilitated
                .may_speak(Some("ひかり（ファシリテーター）"), true)
        );
        c.joined(
            vec![],
            2,
            Position {
                epoch: "e".into(),
                offset: 0,
            },
            false,
        );
        assert_eq!(c.facilitated, Facilitated::default());
    }

    #[test]
    fn a_deleted_message_leaves_and_a_held_back_one_goes_again_confirmed() {
        let mut c = Conversation::default();
        c.joined(
            vec![msg("1", "a", None), msg("2", "b", None)],
            2,
            Position {
                epoch: "e".into(),
                offset: 2,
            },
            false,
        );
        c.deleted("1", 3);
        assert!(c.is_deleted("1") && !c.is_deleted("2"));
        assert_eq!(c.messages()[0].text, "", "its words are gone");
        assert_eq!(c.since().map(|p| p.offset), Some(3));
        c.write("c1".into(), "090-1234-5678".into());
        let sent = c.take_sendable();
        assert!(!sent[0].confirmed);
        c.refused("c1", ErrorCode::PersonalInfo);
        assert!(c.take_sendable().is_empty());
        c.confirm("c1");
        let again = c.take_sendable();
        assert_eq!(again.len(), 1);
        assert!(again[0].confirmed);
    }
}
