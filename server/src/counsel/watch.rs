//! What this node follows for its sessions, and what it last told each: the follower's
//! bookkeeping (`follow` does the looking and the telling). Pure — no store, no socket — and
//! tested here.

use std::collections::{HashMap, HashSet};

use ibasho_protocol::ServerMsg;

use crate::store::escalations::bus_key;
use crate::token::SessionToken;

/// What this node follows for its sessions, and what it last told each (as JSON), so that
/// a frame is sent again only when it changed.
#[derive(Debug, Default)]
pub struct Watch {
    pub(super) persons: HashMap<SessionToken, Person>,
    pub(super) staff: HashMap<SessionToken, Staff>,
}

/// A session here and a name (a room to put it in, a request it is done with).
pub(super) type ForSession = (SessionToken, String);

/// How many looks in a row may miss a followed request before it is no longer followed.
const MISSES: u32 = 3;

#[derive(Debug)]
pub(super) struct Person {
    pub(super) id: String,
    pub(super) last: Last,
    /// Looks in a row that did not find the request.
    missed: u32,
    /// The counselor's room this node put the person in.
    pub(super) joined: Option<String>,
    /// Where the request came from, as last seen (its end may be told after its record is
    /// erased: the help lines depend on it).
    pub(super) source: ibasho_protocol::EscalationSource,
    /// Whether the person was last told an observer is present (`None`: never told).
    pub(super) observed: Option<bool>,
}

impl Person {
    /// A look found the request.
    pub(super) fn found(&mut self) {
        self.missed = 0;
    }

    /// A look did not find the request and no end was heard of: made after the look
    /// began, or erased after its reading grace. Whether it is still followed — only a few
    /// looks in a row drop it, never one.
    pub(super) fn missed(&mut self) -> bool {
        self.missed += 1;
        self.missed < MISSES
    }
}

#[derive(Debug, Default)]
pub(super) struct Staff {
    pub(super) on_duty: bool,
    /// The queue's ids and urgencies last told (waiting times tick on in the client).
    pub(super) last_queue: Option<String>,
    pub(super) told_urgent: HashSet<String>,
    /// Cases this counselor has, and what they were last told of each.
    pub(super) cases: HashMap<String, Last>,
    /// Escalations this facilitator made, and the status last told.
    pub(super) escalated: HashMap<String, Last>,
    /// Cases this supervisor observes from here, and their 1:1 rooms.
    pub(super) observing: HashMap<String, String>,
    /// This counselor's cases, and whether they were last told an observer is present.
    pub(super) observed: HashMap<String, bool>,
    /// Calls for a supervisor told to this supervisor (`id:asked_at`).
    pub(super) told_calls: HashSet<String>,
    /// The supervisor's overview last told (without its ticking seconds).
    pub(super) last_overview: Option<String>,
}

impl Watch {
    pub(super) fn follow_person(&mut self, token: &SessionToken, id: &str) {
        let person = self.persons.entry(token.clone()).or_insert(Person {
            id: id.to_owned(),
            last: Last::default(),
            missed: 0,
            joined: None,
            source: ibasho_protocol::EscalationSource::Participant,
            observed: None,
        });
        if person.id != id {
            person.id = id.to_owned();
            person.joined = None;
        }
        person.last.forget();
        person.observed = None;
        person.missed = 0;
    }

    pub(super) fn joined(&mut self, token: &SessionToken, room: Option<String>) {
        if let Some(person) = self.persons.get_mut(token) {
            person.joined = room;
        }
    }

    pub(super) fn set_duty(&mut self, token: &SessionToken, on: bool) {
        let staff = self.staff.entry(token.clone()).or_default();
        staff.on_duty = on;
        staff.last_queue = None;
        staff.last_overview = None;
        staff.told_urgent.clear();
        staff.told_calls.clear();
    }

    pub(super) fn follow_case(&mut self, token: &SessionToken, id: &str) {
        self.staff
            .entry(token.clone())
            .or_default()
            .cases
            .insert(id.to_owned(), Last::default());
    }

    pub(super) fn follow_observed(&mut self, token: &SessionToken, id: &str, room: &str) {
        self.staff
            .entry(token.clone())
            .or_default()
            .observing
            .insert(id.to_owned(), room.to_owned());
    }

    pub(super) fn follow_escalated(&mut self, token: &SessionToken, id: &str) {
        self.staff
            .entry(token.clone())
            .or_default()
            .escalated
            .insert(id.to_owned(), Last::default());
    }

    /// Everything is told again (a resume, or the store back after an outage).
    pub(super) fn retell(&mut self, token: &SessionToken) {
        if let Some(person) = self.persons.get_mut(token) {
            person.last.forget();
            person.observed = None;
        }
        if let Some(staff) = self.staff.get_mut(token) {
            staff.last_queue = None;
            staff.last_overview = None;
            staff.observed.clear();
            staff.told_urgent.clear();
            staff.told_calls.clear();
            staff.cases.values_mut().for_each(Last::forget);
            staff.escalated.values_mut().for_each(Last::forget);
        }
    }

    pub(super) fn retell_everyone(&mut self) {
        let tokens: Vec<SessionToken> = self
            .persons
            .keys()
            .chain(self.staff.keys())
            .cloned()
            .collect();
        for token in tokens {
            self.retell(&token);
        }
    }

    /// The bus keys of every request followed here (by people, counselors, facilitators).
    pub(super) fn followed(&self) -> HashSet<String> {
        self.persons
            .values()
            .map(|person| bus_key(&person.id))
            .chain(self.staff.values().flat_map(|staff| {
                staff
                    .cases
                    .keys()
                    .chain(staff.escalated.keys())
                    .chain(staff.observing.keys())
                    .map(|id| bus_key(id))
            }))
            .collect()
    }

    pub(super) fn on_duty_here(&self) -> Vec<SessionToken> {
        self.staff
            .iter()
            .filter(|(_, staff)| staff.on_duty)
            .map(|(token, _)| token.clone())
            .collect()
    }

    pub(super) fn persons_here(&self) -> Vec<(SessionToken, String)> {
        self.persons
            .iter()
            .map(|(token, person)| (token.clone(), person.id.clone()))
            .collect()
    }

    /// A session ended: nothing of it is followed; the request it had, if any.
    pub(super) fn forget(&mut self, token: &SessionToken) -> Option<String> {
        self.staff.remove(token);
        self.persons.remove(token).map(|person| person.id)
    }
}

/// What a session was last told of one thing (as JSON): a frame goes again only when it
/// changed, and a retell forgets it so that it goes again whatever it is.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Last(Option<String>);

impl Last {
    /// Whether `frame` is news to the session; if it is, it counts as told from now on.
    pub(super) fn is_news(&mut self, frame: &ServerMsg) -> bool {
        let json = serde_json::to_string(frame).unwrap_or_default();
        if self.0.as_deref() == Some(json.as_str()) {
            return false;
        }
        self.0 = Some(json);
        true
    }

    /// Told again next time, whatever it is.
    pub(super) fn forget(&mut self) {
        self.0 = None;
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::EscalationSource;

    use super::*;

    fn frame(at: u32) -> ServerMsg {
        let mut frame = ServerMsg::escalation("e1", ibasho_protocol::EscalationState::Waiting);
        if let ServerMsg::Escalation {
            position, on_duty, ..
        } = &mut frame
        {
            (*position, *on_duty) = (Some(at), Some(1));
        }
        frame
    }

    #[test]
    fn a_frame_is_news_once_until_it_changes_or_is_forgotten() {
        let mut last = Last::default();
        assert!(last.is_news(&frame(2)));
        assert!(!last.is_news(&frame(2)), "the same again is no news");
        assert!(last.is_news(&frame(1)), "a changed place is");
        last.forget();
        assert!(last.is_news(&frame(1)), "a retell tells it again");
    }

    #[test]
    fn following_a_new_request_starts_afresh_and_the_old_room_is_forgotten() {
        let mut watch = Watch::default();
        let token = SessionToken::generate();
        watch.follow_person(&token, "e1");
        watch.joined(&token, Some("p-1".into()));
        watch
            .persons
            .get_mut(&token)
            .unwrap()
            .last
            .is_news(&frame(1));
        // Asking again for the same request keeps its room, but tells it again.
        watch.follow_person(&token, "e1");
        let person = &watch.persons[&token];
        assert_eq!(person.joined.as_deref(), Some("p-1"));
        assert_eq!(person.last, Last::default());
        // Another request: nothing of the first.
        watch.follow_person(&token, "e2");
        let person = &watch.persons[&token];
        assert_eq!((person.id.as_str(), person.joined.as_deref()), ("e2", None));
        assert_eq!(person.source, EscalationSource::Participant);
        assert_eq!(watch.persons_here(), [(token.clone(), "e2".to_owned())]);
    }

    #[test]
    fn a_request_missed_by_a_few_looks_in_a_row_is_dropped_and_a_find_resets_the_count() {
        let mut watch = Watch::default();
        let token = SessionToken::generate();
        watch.follow_person(&token, "e1");
        let person = watch.persons.get_mut(&token).unwrap();
        assert!(person.missed());
        person.found();
        for _ in 1..MISSES {
            assert!(person.missed(), "kept while it may still be coming");
        }
        assert!(!person.missed(), "dropped after {MISSES} misses in a row");
    }

    #[test]
    fn what_is_followed_is_named_by_bus_keys_and_goes_with_the_session() {
        let mut watch = Watch::default();
        let (person, counselor, facilitator) = (
            SessionToken::generate(),
            SessionToken::generate(),
            SessionToken::generate(),
        );
        watch.follow_person(&person, "e1");
        watch.follow_case(&counselor, "e2");
        watch.follow_escalated(&facilitator, "e3");
        let followed = watch.followed();
        assert_eq!(
            followed,
            ["e1", "e2", "e3"].into_iter().map(bus_key).collect(),
            "never the ids themselves"
        );
        assert_eq!(watch.forget(&person), Some("e1".to_owned()));
        assert_eq!(watch.forget(&counselor), None, "staff have no request");
        assert_eq!(watch.followed(), HashSet::from([bus_key("e3")]));
    }

    #[test]
    fn duty_is_per_session_and_a_change_of_duty_or_a_retell_tells_everything_again() {
        let mut watch = Watch::default();
        let (on, off) = (SessionToken::generate(), SessionToken::generate());
        watch.set_duty(&on, true);
        watch.set_duty(&off, true);
        watch.set_duty(&off, false);
        assert_eq!(watch.on_duty_here(), std::slice::from_ref(&on));
        let staff = watch.staff.get_mut(&on).unwrap();
        staff.last_queue = Some("e1:normal;".into());
        staff.told_urgent.insert("e9".into());
        watch.follow_case(&on, "e1");
        watch
            .staff
            .get_mut(&on)
            .unwrap()
            .cases
            .get_mut("e1")
            .unwrap()
            .is_news(&frame(1));
        watch.retell_everyone();
        let staff = &watch.staff[&on];
        assert_eq!(staff.last_queue, None);
        assert!(staff.told_urgent.is_empty());
        assert_eq!(staff.cases["e1"], Last::default());
        watch.set_duty(&on, true);
        assert!(watch.staff[&on].told_urgent.is_empty());
    }
}
