//! The store's contract: what every collection promises, held against the store of this run
//! — memory, and with `IBASHO_TEST_STORE=redis` the Redis store — through the `Store` trait
//! alone, so that both implementations keep the same promises. A new collection adds its
//! promises here.

use std::sync::Arc;
use std::time::Duration;

use ibasho_moderation::Handle;
use ibasho_protocol::{
    AlertReason, Audience, Position, Reaction, ReportOutcome, ReportReason, StaffRole,
};
use ibasho_server::control::RoomControl;
use ibasho_server::store::{
    Appended, AuditEntry, Deletion, DocSwap, EscalationSwap, JoinRefusal, NewMessage, NewSession,
    PrivateRoom, Profile, Reacted, ReactionChange, Report, Resolved, RoomDoc, RoomEvent, Sanctions,
    StaffAlert, Store, read_doc, session_key, swap_doc,
};
use jiff::Timestamp;

use crate::support::{redis_run, test_store};

fn handle(name: &str) -> Handle {
    Handle::parse(name).unwrap()
}

async fn session(store: &Arc<dyn Store>, name: &str) -> NewSession {
    store
        .create_session(&handle(name), Profile::default(), false)
        .await
        .unwrap()
        .unwrap()
}

/// `who` joins `room`; the position of the room's stream they joined at.
async fn join(store: &Arc<dyn Store>, room: &str, who: &NewSession) -> Position {
    store
        .join(room, 10, 100, &who.token, None)
        .await
        .unwrap()
        .unwrap()
        .position
}

/// Sessions for two people, `first` and `second`.
async fn pair(store: &Arc<dyn Store>, first: &str, second: &str) -> (NewSession, NewSession) {
    (session(store, first).await, session(store, second).await)
}

/// Sessions for two people, `first` and `second`, both in `room`.
async fn pair_in(
    store: &Arc<dyn Store>,
    room: &str,
    first: &str,
    second: &str,
) -> (NewSession, NewSession) {
    let (a, b) = pair(store, first, second).await;
    join(store, room, &a).await;
    join(store, room, &b).await;
    (a, b)
}

fn said(room: &str, who: &NewSession, client_id: Option<&str>, text: &str) -> NewMessage {
    NewMessage {
        room: room.to_owned(),
        session: who.token.clone(),
        client_id: client_id.map(str::to_owned),
        text: text.to_owned(),
        at: Timestamp::UNIX_EPOCH,
    }
}

async fn say(store: &Arc<dyn Store>, message: NewMessage) -> ibasho_protocol::ChatMessage {
    match store.append(message, 100).await.unwrap() {
        Appended::New(message) => message,
        other => panic!("not stored: {other:?}"),
    }
}

/// What ending `who`'s session with `attachment` does: the rooms it left, or `None`.
async fn end(
    store: &Arc<dyn Store>,
    token: &ibasho_server::token::SessionToken,
    attachment: u64,
    only_if_detached: bool,
) -> Option<Vec<String>> {
    let ended = store.end_session(token, attachment, only_if_detached).await;
    ended.unwrap()
}

/// Whether the store remembers that `who` said `client_id` in `room` (for retries).
async fn remembers(store: &Arc<dyn Store>, room: &str, who: &NewSession, client_id: &str) -> bool {
    let found = store.find_duplicate(room, &who.token, client_id).await;
    found.unwrap().is_some()
}

#[tokio::test]
async fn a_stale_attachment_can_neither_detach_nor_end_a_resumed_session() {
    let store = test_store().await;
    let started = session(&store, "たろう").await;
    let token = started.token.clone();
    join(&store, "lounge", &started).await;
    // The first connection drops, a second resumes before the first's cleanup runs.
    let resumed = store.attach_session(&token).await.unwrap().unwrap();
    assert!(resumed.attachment > started.attachment);
    assert!(
        !store
            .detach_session(&token, started.attachment)
            .await
            .unwrap()
    );
    assert_eq!(end(&store, &token, started.attachment, false).await, None);
    assert_eq!(store.present("lounge").await.unwrap(), 1);
    // The grace period of a detachment that was superseded ends nothing either.
    assert!(
        store
            .detach_session(&token, resumed.attachment)
            .await
            .unwrap()
    );
    let again = store.attach_session(&token).await.unwrap().unwrap();
    assert_eq!(end(&store, &token, resumed.attachment, true).await, None);
    // Only the current attachment ends it.
    assert_eq!(
        end(&store, &token, again.attachment, false).await,
        Some(vec!["lounge".to_owned()])
    );
    assert_eq!(store.present("lounge").await.unwrap(), 0);
    assert!(store.attach_session(&token).await.unwrap().is_none());
}

#[tokio::test]
async fn the_grace_period_ends_only_a_session_still_detached() {
    let store = test_store().await;
    let new = session(&store, "はなこ").await;
    assert_eq!(
        end(&store, &new.token, new.attachment, true).await,
        None,
        "attached sessions do not expire"
    );
    assert!(
        store
            .detach_session(&new.token, new.attachment)
            .await
            .unwrap()
    );
    assert_eq!(
        end(&store, &new.token, new.attachment, true).await,
        Some(vec![])
    );
}

#[tokio::test]
async fn a_resumed_session_keeps_its_handle_profile_and_rooms() {
    let store = test_store().await;
    let profile = Profile {
        lang: ibasho_protocol::Lang::from_code("en").unwrap(),
        role: None,
        staff: Some(StaffRole::Facilitator),
    };
    let new = store
        .create_session(&handle("ひかり"), profile, false)
        .await
        .unwrap()
        .unwrap();
    join(&store, "lounge", &new).await;
    join(&store, "games", &new).await;
    let record = store.attach_session(&new.token).await.unwrap().unwrap();
    assert_eq!(record.handle, "ひかり");
    assert_eq!(record.profile, profile);
    assert_eq!(record.rooms, vec!["games".to_owned(), "lounge".to_owned()]);
}

#[tokio::test]
async fn generated_handles_are_unique_and_requested_ones_unique_per_room() {
    let store = test_store().await;
    let first = store
        .create_session(&handle("そら"), Profile::default(), true)
        .await
        .unwrap();
    assert!(first.is_some());
    let taken = store
        .create_session(&handle("ソラ"), Profile::default(), true)
        .await
        .unwrap();
    assert!(taken.is_none(), "the same handle key is in use");
    // Requested: allowed as a session, refused in a room where the same key is present.
    let second = session(&store, "ソラ").await;
    join(&store, "lounge", &first.unwrap()).await;
    let refused = store
        .join("lounge", 10, 100, &second.token, None)
        .await
        .unwrap();
    assert_eq!(refused, Err(JoinRefusal::HandleTaken));
    join(&store, "games", &second).await;
}

#[tokio::test]
async fn the_last_seat_goes_to_exactly_one_of_many_at_once() {
    let store = test_store().await;
    let mut people = Vec::new();
    for n in 0..20 {
        people.push(session(&store, &format!("ひと{n}")).await);
    }
    let joins = people.iter().map(|who| {
        let store = Arc::clone(&store);
        let token = who.token.clone();
        async move { store.join("pair", 5, 100, &token, None).await.unwrap() }
    });
    let answers = futures_util::future::join_all(joins).await;
    let admitted = answers.iter().filter(|answer| answer.is_ok()).count();
    assert_eq!(admitted, 5);
    assert!(
        answers
            .iter()
            .filter_map(|answer| answer.as_ref().err())
            .all(|refusal| *refusal == JoinRefusal::Full)
    );
    assert_eq!(store.present("pair").await.unwrap(), 5);
}

#[tokio::test]
async fn members_are_listed_by_handle_with_their_staff_role() {
    let store = test_store().await;
    let person = session(&store, "ゆき").await;
    let staff = store
        .create_session(
            &handle("あお"),
            Profile {
                staff: Some(StaffRole::Facilitator),
                ..Profile::default()
            },
            false,
        )
        .await
        .unwrap()
        .unwrap();
    join(&store, "lounge", &person).await;
    join(&store, "lounge", &staff).await;
    let members = store.members("lounge").await.unwrap();
    let listed: Vec<(&str, bool)> = members
        .iter()
        .map(|member| (member.handle.as_str(), member.staff))
        .collect();
    assert_eq!(listed, vec![("あお", true), ("ゆき", false)]);
    assert!(store.leave("lounge", &person.token).await.unwrap());
    assert!(!store.leave("lounge", &person.token).await.unwrap());
    assert_eq!(store.members("lounge").await.unwrap().len(), 1);
}

#[tokio::test]
async fn reactions_toggle_per_session_and_leave_with_it() {
    let store = test_store().await;
    let a = session(&store, "あ").await;
    let b = session(&store, "い").await;
    for who in [&a, &b] {
        join(&store, "r", who).await;
    }
    let message = say(&store, said("r", &a, None, "hi")).await;
    let tea = |n: u32, offset: u64| {
        Reacted::Changed(ReactionChange {
            message_id: message.id.clone(),
            counts: [(Reaction::Tea, n)].into(),
            offset,
        })
    };
    let react = |who: &NewSession, id: &str| {
        let store = Arc::clone(&store);
        let (token, id) = (who.token.clone(), id.to_owned());
        async move { store.react("r", &token, &id, Reaction::Tea).await.unwrap() }
    };
    assert_eq!(react(&a, &message.id).await, tea(1, 2));
    assert_eq!(react(&b, &message.id).await, tea(2, 3));
    // Pressing again takes it back (and the store says so).
    let Reacted::Changed(after) = tea(1, 4) else {
        unreachable!()
    };
    assert_eq!(react(&b, &message.id).await, Reacted::TakenBack(after));
    assert_eq!(react(&b, "999").await, Reacted::NoSuchMessage);
    let outsider = session(&store, "う").await;
    assert_eq!(react(&outsider, &message.id).await, Reacted::NotMember);
    // A late joiner sees the counts in the history.
    let joined = store
        .join("r", 10, 100, &outsider.token, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(joined.history[0].reactions.get(&Reaction::Tea), Some(&1));
    // Who reacted is forgotten with the session; the count stays with the message.
    let a_key = session_key(&a.token);
    assert!(store.audit_dump().await.unwrap().contains(&a_key));
    end(&store, &a.token, a.attachment, false).await;
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains(&a_key), "{dump}");
}

#[tokio::test]
async fn retries_are_recognised_per_room() {
    let store = test_store().await;
    let new = session(&store, "じろう").await;
    for room in ["a", "b"] {
        join(&store, room, &new).await;
    }
    say(&store, said("a", &new, Some("1"), "hi")).await;
    // The same client id in another room is another message.
    say(&store, said("b", &new, Some("1"), "hi")).await;
    assert!(matches!(
        store.append(said("a", &new, Some("1"), "hi"), 100).await.unwrap(),
        Appended::Duplicate(m) if m.room == "a"
    ));
    assert!(remembers(&store, "a", &new, "1").await);
    assert!(!remembers(&store, "a", &new, "2").await);
    let outsider = session(&store, "さぶろう").await;
    assert_eq!(
        store
            .append(said("a", &outsider, None, "hi"), 100)
            .await
            .unwrap(),
        Appended::NotMember
    );
}

#[tokio::test]
async fn a_join_since_a_position_recovers_exactly_what_was_missed() {
    let store = test_store().await;
    let (a, b) = pair(&store, "かい", "りく").await;
    join(&store, "lounge", &a).await;
    let first = say(&store, said("lounge", &a, None, "いち")).await;
    let seen = join(&store, "lounge", &b).await;
    let second = say(&store, said("lounge", &a, None, "に")).await;
    let react = store
        .react("lounge", &a.token, &first.id, Reaction::Nod)
        .await
        .unwrap();
    let back = store
        .join("lounge", 10, 100, &b.token, Some(&seen))
        .await
        .unwrap()
        .unwrap();
    assert!(back.recovered && !back.arrived);
    assert_eq!(back.history, vec![second]);
    let Reacted::Changed(change) = react else {
        panic!("no change")
    };
    assert_eq!(back.changes, vec![RoomEvent::Reactions(change)]);
    // Another epoch (or a position from the future) gets the recent history instead.
    let elsewhere = Position {
        epoch: "not-this-one".into(),
        offset: 1,
    };
    let fresh = store
        .join("lounge", 10, 100, &b.token, Some(&elsewhere))
        .await
        .unwrap()
        .unwrap();
    assert!(!fresh.recovered);
    assert_eq!(fresh.history.len(), 2);
}

#[tokio::test]
async fn closing_a_rooms_sitting_erases_it_once_and_starts_a_new_epoch() {
    let store = test_store().await;
    let a = session(&store, "みお").await;
    join(&store, "games", &a).await;
    join(&store, "lounge", &a).await;
    let message = say(&store, said("games", &a, Some("c1"), "ゲームの話")).await;
    say(&store, said("lounge", &a, Some("c2"), "ラウンジの話")).await;
    store
        .react("games", &a.token, &message.id, Reaction::Pray)
        .await
        .unwrap();
    let before = store.join("games", 10, 100, &a.token, None).await;
    let old_epoch = before.unwrap().unwrap().position.epoch;
    let control = RoomControl {
        segment: Some(1),
        ..RoomControl::default()
    };
    assert!(
        swap_doc(&*store, "games", None, Some(&control))
            .await
            .unwrap()
    );

    let ended = Timestamp::from_second(1_800_000_000).unwrap();
    let epoch = store.close_room("games", ended).await.unwrap();
    assert_ne!(epoch, old_epoch);
    // Once: every node asks, the first one does it.
    assert_eq!(store.close_room("games", ended).await.unwrap(), epoch);

    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains("ゲームの話"), "{dump}");
    assert!(dump.contains("ラウンジの話"), "another room's words stay");
    assert_eq!(store.present("games").await.unwrap(), 0);
    let record = store.attach_session(&a.token).await.unwrap().unwrap();
    assert_eq!(record.rooms, vec!["lounge".to_owned()]);
    assert!(!remembers(&store, "games", &a, "c1").await);
    assert!(remembers(&store, "lounge", &a, "c2").await);
    let gone: Option<RoomControl> = read_doc(&*store, "games").await.unwrap();
    assert_eq!(gone, None);
    let again = store
        .join("games", 10, 100, &a.token, None)
        .await
        .unwrap()
        .unwrap();
    assert!(again.history.is_empty());
    assert_eq!(again.position.epoch, epoch);
    assert_eq!(again.position.offset, 0);
}

#[tokio::test]
async fn a_room_document_changes_only_from_what_was_read() {
    let store = test_store().await;
    let one = RoomControl {
        segment: Some(1),
        ..RoomControl::default()
    };
    let two = RoomControl {
        segment: Some(2),
        ..RoomControl::default()
    };
    assert_eq!(
        read_doc::<RoomControl>(&*store, "lounge").await.unwrap(),
        None
    );
    assert!(swap_doc(&*store, "lounge", None, Some(&one)).await.unwrap());
    // Someone else changed it meanwhile: refused, nothing written.
    assert!(!swap_doc(&*store, "lounge", None, Some(&two)).await.unwrap());
    assert!(!swap_doc(&*store, "lounge", Some(&two), None).await.unwrap());
    assert_eq!(
        read_doc(&*store, "lounge").await.unwrap(),
        Some(one.clone())
    );
    assert!(
        swap_doc(&*store, "lounge", Some(&one), Some(&two))
            .await
            .unwrap()
    );
    assert!(swap_doc(&*store, "lounge", Some(&two), None).await.unwrap());
    assert_eq!(
        read_doc::<RoomControl>(&*store, "lounge").await.unwrap(),
        None
    );
    // Documents of two kinds in one room do not touch each other.
    assert!(
        store
            .swap_doc(
                "lounge",
                "other",
                DocSwap {
                    expected: None,
                    new: Some("{}")
                }
            )
            .await
            .unwrap()
    );
    assert_eq!(store.doc("lounge", RoomControl::KIND).await.unwrap(), None);
}

#[tokio::test]
async fn attempts_are_counted_against_one_allowance_per_key() {
    let store = test_store().await;
    let window = Duration::from_secs(60);
    for _ in 0..3 {
        assert_eq!(
            store.attempt("entry_word:family", 3, window).await.unwrap(),
            Ok(())
        );
    }
    let Err(retry_after) = store.attempt("entry_word:family", 3, window).await.unwrap() else {
        panic!("the fourth attempt was allowed");
    };
    assert!(retry_after > Duration::ZERO && retry_after <= window);
    assert_eq!(
        store.attempt("entry_word:other", 3, window).await.unwrap(),
        Ok(())
    );
    // A short window is over by itself.
    let short = Duration::from_millis(200);
    assert_eq!(store.attempt("short", 1, short).await.unwrap(), Ok(()));
    assert!(store.attempt("short", 1, short).await.unwrap().is_err());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(store.attempt("short", 1, short).await.unwrap(), Ok(()));
    // Each key keeps its own window: the short one ending ends no longer one.
    assert!(
        store
            .attempt("entry_word:family", 3, window)
            .await
            .unwrap()
            .is_err()
    );
}

#[tokio::test]
async fn a_private_room_admits_its_list_and_closing_it_erases_it_once() {
    let store = test_store().await;
    let counselor = session(&store, "みどり").await;
    let person = session(&store, "ひとり").await;
    let stranger = session(&store, "だれか").await;
    let expires = Timestamp::from_second(1_800_000_000).unwrap();
    let room = PrivateRoom::new(
        Audience::Anyone,
        &counselor.token,
        std::slice::from_ref(&person.token),
        Some(expires),
    );
    assert!(room.id.starts_with(ibasho_server::store::PRIVATE_PREFIX));
    assert!(room.admits(&counselor.token) && room.admits(&person.token));
    assert!(!room.admits(&stranger.token));
    store.create_private_room(&room).await.unwrap();
    assert_eq!(
        store.private_room(&room.id).await.unwrap(),
        Some(room.clone())
    );
    // No token is kept in the record: only hashes.
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains(counselor.token.expose()), "{dump}");

    join(&store, &room.id, &counselor).await;
    join(&store, &room.id, &person).await;
    say(
        &store,
        said(&room.id, &person, Some("p1"), "ふたりだけの話"),
    )
    .await;
    let just_before = expires
        .checked_sub(jiff::SignedDuration::from_secs(1))
        .unwrap();
    assert!(
        store
            .expired_private_rooms(just_before)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.expired_private_rooms(expires).await.unwrap(),
        vec![room.id.clone()]
    );

    assert!(store.close_private_room(&room.id).await.unwrap());
    assert!(!store.close_private_room(&room.id).await.unwrap(), "once");
    // Closed is closed: not even someone on its list can bring it back by joining.
    let refused = store
        .join(&room.id, 10, 100, &person.token, None)
        .await
        .unwrap();
    assert_eq!(refused, Err(JoinRefusal::NoSuchRoom));
    assert_eq!(store.private_room(&room.id).await.unwrap(), None);
    assert!(
        store
            .expired_private_rooms(expires)
            .await
            .unwrap()
            .is_empty()
    );
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains("ふたりだけの話"), "{dump}");
    // Nothing under its name; at most the notice that tells every node it is gone.
    assert!(dump.matches(&room.id).count() <= 1, "{dump}");
    assert_eq!(store.present(&room.id).await.unwrap(), 0);
    let record = store.attach_session(&person.token).await.unwrap().unwrap();
    assert!(record.rooms.is_empty());
    assert!(!remembers(&store, &room.id, &person, "p1").await);
}

#[tokio::test]
async fn a_session_no_node_keeps_alive_expires_in_a_shared_store() {
    if !redis_run() {
        // The memory store lives and dies with its one node: nothing to expire.
        return;
    }
    let mut config = ibasho_server::store::RedisConfig::new(
        crate::support::redis_url(),
        vec!["lounge".to_owned()],
    );
    config.prefix = crate::support::fresh_prefix();
    config.lease = Duration::from_millis(300);
    let store: Arc<dyn Store> = Arc::new(
        ibasho_server::store::RedisStore::connect(config)
            .await
            .unwrap(),
    );
    let kept = session(&store, "のこる").await;
    let left = session(&store, "きえる").await;
    join(&store, "lounge", &kept).await;
    join(&store, "lounge", &left).await;
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        store
            .keep_alive(std::slice::from_ref(&kept.token))
            .await
            .unwrap();
    }
    assert!(store.attach_session(&left.token).await.unwrap().is_none());
    assert!(store.attach_session(&kept.token).await.unwrap().is_some());
    assert_eq!(store.present("lounge").await.unwrap(), 1);
}

#[tokio::test]
async fn a_deleted_message_leaves_the_history_the_stream_and_the_retry_record() {
    let store = test_store().await;
    let (a, b) = pair_in(&store, "lounge", "かい", "りく").await;
    let seen = join(&store, "lounge", &b).await;
    let gone = say(&store, said("lounge", &a, Some("c1"), "けしてほしいこと")).await;
    let kept = say(&store, said("lounge", &a, None, "のこること")).await;
    store
        .react("lounge", &b.token, &gone.id, Reaction::Nod)
        .await
        .unwrap();
    let offset = store.delete_message("lounge", &gone.id).await.unwrap();
    let offset = offset.expect("the message was there");
    assert!(offset > kept.offset);
    assert_eq!(
        store.delete_message("lounge", &gone.id).await.unwrap(),
        None
    );
    assert_eq!(store.delete_message("lounge", "999").await.unwrap(), None);
    // A late joiner never gets it; a recovering one gets the deletion, not the words.
    let late = store
        .join("lounge", 10, 100, &b.token, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(late.history, vec![kept.clone()]);
    let back = store
        .join("lounge", 10, 100, &b.token, Some(&seen))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.history, vec![kept]);
    assert_eq!(
        back.changes.last(),
        Some(&RoomEvent::Deleted(Deletion {
            message_id: gone.id.clone(),
            offset
        }))
    );
    assert_eq!(
        store
            .react("lounge", &b.token, &gone.id, Reaction::Tea)
            .await
            .unwrap(),
        Reacted::NoSuchMessage
    );
    // A retry of it is answered by a tombstone, without its words (and not said again).
    let tombstone = store
        .find_duplicate("lounge", &a.token, "c1")
        .await
        .unwrap();
    let tombstone = tombstone.expect("a tombstone");
    assert_eq!(
        (tombstone.id.as_str(), tombstone.text.as_str()),
        (gone.id.as_str(), "")
    );
    let held = store.audit_dump().await.unwrap();
    assert!(
        !held.contains("けしてほしいこと"),
        "the words are still held"
    );
}

#[tokio::test]
async fn sanctions_bind_to_the_session_and_end_with_the_rooms_sitting() {
    let store = test_store().await;
    let (a, b) = pair(&store, "かい", "りく").await;
    join(&store, "lounge", &a).await;
    join(&store, "games", &a).await;
    assert_eq!(store.find_member("lounge", "りく").await.unwrap(), None);
    let target = store.find_member("lounge", "かい").await.unwrap().unwrap();
    assert!(!target.staff);
    let until = Timestamp::from_second(1_900_000_000).unwrap();
    let muted = Sanctions {
        muted_until: Some(until),
        removed_until: None,
    };
    store
        .set_sanctions("lounge", &target, Some(muted))
        .await
        .unwrap();
    assert_eq!(store.sanctions("lounge", &a.token).await.unwrap(), muted);
    assert_eq!(
        store.sanctions("games", &a.token).await.unwrap(),
        Sanctions::default()
    );
    assert_eq!(
        store.sanctions("lounge", &b.token).await.unwrap(),
        Sanctions::default()
    );
    // Lifted, then a removal: out of the room.
    store.set_sanctions("lounge", &target, None).await.unwrap();
    assert_eq!(
        store.sanctions("lounge", &a.token).await.unwrap(),
        Sanctions::default()
    );
    let removed = Sanctions {
        muted_until: None,
        removed_until: Some(until),
    };
    store
        .set_sanctions("lounge", &target, Some(removed))
        .await
        .unwrap();
    assert!(store.take_out("lounge", &target, "{}").await.unwrap());
    assert!(!store.take_out("lounge", &target, "{}").await.unwrap());
    // The admission itself refuses them (a join already on its way stays out).
    assert_eq!(
        store
            .join("lounge", 10, 100, &a.token, None)
            .await
            .unwrap()
            .err(),
        Some(JoinRefusal::Removed)
    );
    assert_eq!(store.present("lounge").await.unwrap(), 0);
    assert_eq!(store.sanctions("lounge", &a.token).await.unwrap(), removed);
    // The end of the room's sitting ends them.
    store
        .close_room("lounge", Timestamp::from_second(1_800_000_000).unwrap())
        .await
        .unwrap();
    assert_eq!(
        store.sanctions("lounge", &a.token).await.unwrap(),
        Sanctions::default()
    );
    // So does the end of the person's.
    let target = store.find_member("games", "かい").await.unwrap().unwrap();
    store
        .set_sanctions("games", &target, Some(muted))
        .await
        .unwrap();
    end(&store, &a.token, a.attachment, false).await;
    let held = store.audit_dump().await.unwrap();
    assert!(
        !held.contains(&target.session),
        "a sanction outlived its session"
    );
}

fn request(id: &str, handle: &str) -> ibasho_server::store::Escalation {
    use ibasho_moderation::escalation::{Case, Source, Urgency};
    let case = Case::asked_by_person(Source::Participant, Urgency::Normal, 0);
    let mut record = ibasho_server::store::Escalation::new(None, handle, case, 0, u64::MAX);
    record.id = id.to_owned();
    record
}

#[tokio::test]
async fn an_escalation_changes_only_from_what_was_read_and_one_claim_of_many_wins() {
    let store = test_store().await;
    let record = request("e-contract", "みどり");
    store.create_escalation(&record).await.unwrap();
    let stored = store.escalation("e-contract").await.unwrap().unwrap();
    assert_eq!(
        store.escalations().await.unwrap(),
        std::slice::from_ref(&stored)
    );
    // Many claims from what each read: exactly one lands.
    let claims = (0..8).map(|n| {
        let store = Arc::clone(&store);
        let (stored, mut record) = (stored.clone(), record.clone());
        tokio::spawn(async move {
            record.case.claim(&format!("c{n}"), 1).unwrap();
            let new = record.encode().unwrap();
            store
                .swap_escalation(
                    "e-contract",
                    EscalationSwap {
                        expected: &stored,
                        new: Some(&new),
                        over: None,
                    },
                )
                .await
                .unwrap()
        })
    });
    let mut won = 0;
    for claim in claims {
        won += usize::from(claim.await.unwrap());
    }
    assert_eq!(won, 1);
    // Erasing leaves nothing of it.
    let now = store.escalation("e-contract").await.unwrap().unwrap();
    assert!(
        store
            .swap_escalation("e-contract", EscalationSwap::erase(&now))
            .await
            .unwrap()
    );
    assert_eq!(store.escalation("e-contract").await.unwrap(), None);
    assert!(store.escalations().await.unwrap().is_empty());
    assert!(!store.audit_dump().await.unwrap().contains("e-contract\""));
}

#[tokio::test]
async fn a_binding_goes_with_its_session_and_only_its_own_unbinding_ends_it() {
    let store = test_store().await;
    let who = session(&store, "みどり").await;
    let key = session_key(&who.token);
    assert!(store.bind_escalation(&key, "e-bound").await.unwrap());
    assert_eq!(
        store.bound_escalation(&key).await.unwrap().as_deref(),
        Some("e-bound")
    );
    // Unbinding another request leaves this binding; unbinding this one ends it.
    store.unbind_escalation(&key, "e-older").await.unwrap();
    assert_eq!(
        store.bound_escalation(&key).await.unwrap().as_deref(),
        Some("e-bound")
    );
    store.unbind_escalation(&key, "e-bound").await.unwrap();
    assert_eq!(store.bound_escalation(&key).await.unwrap(), None);
    assert!(store.bind_escalation(&key, "e-bound").await.unwrap());
    end(&store, &who.token, who.attachment, false).await;
    assert_eq!(store.bound_escalation(&key).await.unwrap(), None);
    // A binding for a session that is gone is not made.
    assert!(!store.bind_escalation(&key, "e-late").await.unwrap());
    assert_eq!(store.bound_escalation(&key).await.unwrap(), None);
}

#[tokio::test]
async fn duty_lasts_as_long_as_its_lease_and_a_renewal_extends_it() {
    let store = test_store().await;
    store.set_duty("あおい", Some(2_000)).await.unwrap();
    store.set_duty("そら", Some(1_000)).await.unwrap();
    assert_eq!(store.on_duty(500).await.unwrap(), ["あおい", "そら"]);
    assert_eq!(store.on_duty(1_500).await.unwrap(), ["あおい"]);
    // A lapsed lease is forgotten, not just hidden.
    assert_eq!(store.on_duty(500).await.unwrap(), ["あおい"]);
    // A renewal moves the end on.
    store.set_duty("あおい", Some(5_000)).await.unwrap();
    assert_eq!(store.on_duty(4_000).await.unwrap(), ["あおい"]);
    store.set_duty("あおい", None).await.unwrap();
    assert!(store.on_duty(0).await.unwrap().is_empty());
    // Going off duty twice is no error.
    store.set_duty("あおい", None).await.unwrap();
}

#[tokio::test]
async fn only_recent_waits_are_kept_newest_first() {
    let store = test_store().await;
    for wait in 0..30 {
        store.note_wait(wait).await.unwrap();
    }
    let recent = store.recent_waits().await.unwrap();
    assert_eq!(
        recent.len(),
        ibasho_server::store::case_counts::RECENT_WAITS
    );
    assert_eq!(recent[0], 29, "newest first");
}

#[tokio::test]
async fn alerts_stay_until_dismissed_once_and_end_with_the_rooms_sitting() {
    let store = test_store().await;
    // Unique rooms and ids: a Redis of this run is shared by the tests of one binary.
    let suffix = StaffAlert::new_id();
    let (room, other_room) = (format!("alerts-{suffix}"), format!("others-{suffix}"));
    let writer = session(&store, "かい").await;
    join(&store, &room, &writer).await;
    join(&store, &other_room, &writer).await;
    let first = say(&store, said(&room, &writer, None, "もう消えたい")).await;
    let second = say(&store, said(&room, &writer, None, "副業で稼げる")).await;
    let elsewhere = say(&store, said(&other_room, &writer, None, "それは甘え")).await;
    let alert =
        |id: &str, message: &ibasho_protocol::ChatMessage, reason: AlertReason| StaffAlert {
            id: format!("{id}{suffix}"),
            room: message.room.clone(),
            message_id: message.id.clone(),
            handle: "かい".to_owned(),
            reason,
            rule: (reason != AlertReason::Crisis).then(|| "abuse".to_owned()),
            at: Timestamp::now(),
        };
    let crisis = alert("a1", &first, AlertReason::Crisis);
    let flagged = alert("a2", &second, AlertReason::Flagged);
    let trial = alert("a3", &elsewhere, AlertReason::Trial);
    for raised in [&crisis, &flagged, &trial] {
        assert!(store.raise_alert(raised).await.unwrap());
    }
    // Only about a message the room still has, by its writer.
    let mut unsaid = alert("a4", &first, AlertReason::Crisis);
    unsaid.message_id = "999".to_owned();
    assert!(!store.raise_alert(&unsaid).await.unwrap());
    let mut someone_else = alert("a5", &first, AlertReason::Crisis);
    someone_else.handle = "りく".to_owned();
    assert!(!store.raise_alert(&someone_else).await.unwrap());
    let kept = store.unresolved_alerts(&room).await.unwrap();
    let ids: Vec<&str> = kept.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [crisis.id.as_str(), flagged.id.as_str()],
        "oldest first"
    );
    assert_eq!(kept[0], crisis);
    // Dismissed once: the room it was in, then nothing.
    assert_eq!(
        store.dismiss_alert(&crisis.id).await.unwrap(),
        Some(room.clone())
    );
    assert_eq!(store.dismiss_alert(&crisis.id).await.unwrap(), None);
    assert_eq!(store.dismiss_alert("a-unknown").await.unwrap(), None);
    let ids: Vec<String> = store
        .unresolved_alerts(&room)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, std::slice::from_ref(&flagged.id));
    // The end of the room's sitting takes its alerts (and only its).
    store
        .close_room(&room, Timestamp::from_second(1_800_000_000).unwrap())
        .await
        .unwrap();
    assert!(store.unresolved_alerts(&room).await.unwrap().is_empty());
    assert_eq!(store.dismiss_alert(&flagged.id).await.unwrap(), None);
    // (The bus may still carry the bare id that told the nodes; never the alert.)
    let dump = store.audit_dump().await.unwrap();
    assert!(
        !dump.contains(&format!("\"id\":\"{}\"", flagged.id)),
        "{dump}"
    );
    assert!(redis_run() || !dump.contains(&flagged.id), "{dump}");
    assert_eq!(
        store.dismiss_alert(&trial.id).await.unwrap(),
        Some(other_room.clone())
    );
}

#[tokio::test]
async fn who_is_muted_is_listed_by_handle_while_the_session_lives() {
    let store = test_store().await;
    let room = format!("muted-{}", StaffAlert::new_id());
    let (a, _) = pair_in(&store, &room, "むつき", "りんと").await;
    assert!(store.muted(&room).await.unwrap().is_empty());
    let until = Timestamp::from_second(1_900_000_000).unwrap();
    let muted = Sanctions {
        muted_until: Some(until),
        removed_until: None,
    };
    let target = store.find_member(&room, "むつき").await.unwrap().unwrap();
    store
        .set_sanctions(&room, &target, Some(muted))
        .await
        .unwrap();
    assert_eq!(
        store.muted(&room).await.unwrap(),
        [("むつき".to_owned(), muted)]
    );
    // A removal is no mute; a lifted mute is gone; an ended session takes its mute along.
    let other = store.find_member(&room, "りんと").await.unwrap().unwrap();
    let removed = Sanctions {
        muted_until: None,
        removed_until: Some(until),
    };
    store
        .set_sanctions(&room, &other, Some(removed))
        .await
        .unwrap();
    assert_eq!(store.muted(&room).await.unwrap().len(), 1);
    store.set_sanctions(&room, &target, None).await.unwrap();
    assert!(store.muted(&room).await.unwrap().is_empty());
    store
        .set_sanctions(&room, &target, Some(muted))
        .await
        .unwrap();
    end(&store, &a.token, a.attachment, false).await;
    assert!(store.muted(&room).await.unwrap().is_empty());
}

/// Resolves report `id` with `outcome`: how, or `None` if there is no such report.
async fn resolve(store: &Arc<dyn Store>, id: &str, outcome: ReportOutcome) -> Option<Resolved> {
    store.resolve_report(id, outcome).await.unwrap()
}

#[tokio::test]
async fn a_report_is_resolved_once_its_outcome_taken_once_and_it_ends_with_its_time_or_sitting() {
    let store = test_store().await;
    let suffix = StaffAlert::new_id();
    let room = format!("reports-{suffix}");
    let (reporter, author) = pair_in(&store, &room, "りく", "あらし").await;
    let said = say(&store, said(&room, &author, None, "ひどいことば")).await;
    let report = |id: &str| Report {
        id: format!("{id}{suffix}"),
        room: room.clone(),
        message_id: said.id.clone(),
        handle: "あらし".to_owned(),
        text: "ひどいことば".to_owned(),
        reason: ReportReason::Harassment,
        note: Some("こわかった".to_owned()),
        at: Timestamp::now(),
    };
    let day = Duration::from_secs(86_400);
    let first = report("r1");
    store
        .file_report(&first, &reporter.token, day)
        .await
        .unwrap();
    assert_eq!(
        store.unresolved_reports(&room).await.unwrap(),
        std::slice::from_ref(&first)
    );
    // Resolved once: the first resolution stands, and its words go.
    let resolved = resolve(&store, &first.id, ReportOutcome::Muted)
        .await
        .unwrap();
    assert!(resolved.first);
    assert_eq!(
        resolved.reporter.as_deref(),
        Some(session_key(&reporter.token).as_str())
    );
    let again = resolve(&store, &first.id, ReportOutcome::NoAction)
        .await
        .unwrap();
    assert!(!again.first);
    assert!(store.unresolved_reports(&room).await.unwrap().is_empty());
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains("こわかった"), "{dump}");
    assert_eq!(
        resolve(&store, "r-unknown", ReportOutcome::Muted).await,
        None
    );
    // Its outcome is given out once (and only to its reporter's session).
    let key = session_key(&reporter.token);
    let author_key = session_key(&author.token);
    assert!(
        store
            .take_outcomes(&author_key, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.take_outcomes(&key, Some(&first.id)).await.unwrap(),
        [(first.id.clone(), ReportOutcome::Muted)]
    );
    assert!(store.take_outcomes(&key, None).await.unwrap().is_empty());

    // A report ends with its time (answered or not)…
    let brief = report("r2");
    store
        .file_report(&brief, &reporter.token, Duration::from_millis(200))
        .await
        .unwrap();
    assert_eq!(store.unresolved_reports(&room).await.unwrap().len(), 1);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(store.unresolved_reports(&room).await.unwrap().is_empty());
    assert_eq!(resolve(&store, &brief.id, ReportOutcome::Muted).await, None);
    // …and with the room's sitting, words and all.
    let last = report("r3");
    store
        .file_report(&last, &reporter.token, day)
        .await
        .unwrap();
    store
        .close_room(&room, Timestamp::from_second(1_800_000_000).unwrap())
        .await
        .unwrap();
    assert!(store.unresolved_reports(&room).await.unwrap().is_empty());
    assert_eq!(resolve(&store, &last.id, ReportOutcome::Muted).await, None);
    assert!(!store.audit_dump().await.unwrap().contains("ひどいことば"));
}

#[tokio::test]
async fn the_audit_log_keeps_entries_in_order_for_its_retention_only() {
    let store = test_store().await;
    let day = |n: i64| {
        Timestamp::from_second(1_900_000_000)
            .unwrap()
            .checked_add(jiff::SignedDuration::from_hours(24 * n))
            .unwrap()
    };
    let entry = |n: i64, action: &str| AuditEntry {
        at: day(n),
        actor: "ひかり".to_owned(),
        action: action.to_owned(),
        room: Some("lounge".to_owned()),
        target: None,
        reason: None,
        desk: None,
    };
    let keep = Duration::from_secs(2 * 86_400);
    for (n, action) in [(0, "mute"), (1, "unmute"), (2, "lock")] {
        store.append_audit(&entry(n, action), keep).await.unwrap();
    }
    let actions = |entries: Vec<AuditEntry>| -> Vec<String> {
        entries.into_iter().map(|e| e.action).collect()
    };
    assert_eq!(
        actions(store.audit_entries(None, None).await.unwrap()),
        ["mute", "unmute", "lock"],
        "oldest first"
    );
    assert_eq!(
        actions(
            store
                .audit_entries(Some(day(1)), Some(day(1)))
                .await
                .unwrap()
        ),
        ["unmute"],
        "from and to are inclusive"
    );
    // A newer entry drops those older than the retention before it.
    store.append_audit(&entry(3, "unlock"), keep).await.unwrap();
    assert_eq!(
        actions(store.audit_entries(None, None).await.unwrap()),
        ["unmute", "lock", "unlock"]
    );
    // Two entries at the same instant are both kept.
    store.append_audit(&entry(3, "topic"), keep).await.unwrap();
    assert_eq!(
        store.audit_entries(Some(day(3)), None).await.unwrap().len(),
        2
    );
}
